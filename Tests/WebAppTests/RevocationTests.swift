import AssetCore
import AssetStore
import AssetSyncApplication
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SyncService
import Testing
import WebApp

/// Issue 9, item 7: Admin › Agents & API keys revokes keys, disables and enables agents, sets
/// passwords and ends sessions, effective on the next request on every replica.
@Suite("Revoking access: Admin › Agents & API keys")
struct RevocationTests {
  func post(_ client: any TestClientProtocol, _ path: String, cookie: String, csrf: String, form: String = "")
    async throws -> Reply
  {
    try await client.call(
      .post, path, as: nil, headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
      form: "_csrf=\(csrf)" + (form.isEmpty ? "" : "&" + form))
  }

  @Test("a revoked key and a disabled agent are refused on the next request, on another replica too")
  func everyReplica() async throws {
    try await AppHarness.run { h in
      // A second replica: its own store and services on the same database file.
      let replica = AppServices(
        store: try await h.openReplica(), sealer: h.services.sealer,
        configuration: AppConfiguration(bcryptCost: 4, runScheduler: false))
      let replicaApp = Application(router: AppBuilder.buildRouter(services: replica))
      try await replicaApp.test(.router) { other in
        try await h.test { client in
          #expect(try await other.call(.get, "asset_types/", as: h.agent).status == .ok)
          let (agentCookie, _) = try await WebUITests.signIn(other, "agent@example.com")
          let (cookie, csrf) = try await WebUITests.signIn(client, "admin@example.com")

          let page = try await client.call(.get, "/admin/agents", as: nil, headers: [("Cookie", cookie)])
          #expect(page.status == .ok)
          #expect(page.text.contains(h.agent.key))
          #expect(!page.text.contains(h.agent.code))
          let revoke = try await post(
            client, "/admin/api-keys/\(h.agent.key)/revoke", cookie: cookie, csrf: csrf, form: "confirmed=1")
          #expect(revoke.status == .seeOther)
          #expect(try await other.call(.get, "asset_types/", as: h.agent).status == .unauthorized)
          // The agent's browser session is untouched by revoking a key…
          #expect(try await other.call(.get, "/assets", as: nil, headers: [("Cookie", agentCookie)]).status == .ok)
          // …and ends when the agent is disabled, as does API access with their other keys.
          let second = try await APIKeyIssuer.issue(for: h.agent.agent, store: h.store)
          let secondHeader = "Basic " + Data("\(second.key):\(second.authCode)".utf8).base64EncodedString()
          #expect(
            try await other.call(.get, "asset_types/", as: nil, headers: [("Authorization", secondHeader)]).status
              == .ok)
          let disable = try await post(
            client, "/admin/agents/\(h.agent.agent.id)/disable", cookie: cookie, csrf: csrf, form: "confirmed=1")
          #expect(disable.status == .seeOther)
          let afterDisable = try await other.call(.get, "/assets", as: nil, headers: [("Cookie", agentCookie)])
          #expect(afterDisable.status == .seeOther)
          #expect(afterDisable.headers[.location]?.hasPrefix("/login") == true)
          #expect(
            try await other.call(.get, "asset_types/", as: nil, headers: [("Authorization", secondHeader)]).status
              == .unauthorized)
          let signIn = try await WebUITests.attemptSignIn(other, "agent@example.com", "correct horse battery")
          #expect(signIn.status == .forbidden)
          #expect(signIn.text.contains("This account is disabled"))
          // Enabling restores the unrevoked key, not the revoked one.
          #expect(
            try await post(client, "/admin/agents/\(h.agent.agent.id)/enable", cookie: cookie, csrf: csrf).status
              == .seeOther)
          #expect(
            try await other.call(.get, "asset_types/", as: nil, headers: [("Authorization", secondHeader)]).status
              == .ok)
          #expect(try await other.call(.get, "asset_types/", as: h.agent).status == .unauthorized)
        }
      }
    }
  }

  @Test("passwords, sessions and new keys from the admin page; agents may not use it; admins may not lock out")
  func adminPage() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (agentCookie, _) = try await WebUITests.signIn(client, "agent@example.com")
        #expect(
          try await client.call(.get, "/admin/agents", as: nil, headers: [("Cookie", agentCookie)]).status == .forbidden
        )
        let (cookie, csrf) = try await WebUITests.signIn(client, "admin@example.com")
        let agentID = h.agent.agent.id

        let weak = try await post(
          client, "/admin/agents/\(agentID)/password", cookie: cookie, csrf: csrf, form: "password=short")
        #expect(weak.status == .badRequest)
        #expect(weak.text.contains("at least 10 characters"))
        let changed = try await post(
          client, "/admin/agents/\(agentID)/password", cookie: cookie, csrf: csrf, form: "password=a brand new password"
        )
        #expect(changed.status == .seeOther)
        #expect(try await client.call(.get, "/assets", as: nil, headers: [("Cookie", agentCookie)]).status == .seeOther)
        #expect(
          try await WebUITests.attemptSignIn(client, "agent@example.com", "a brand new password").status == .seeOther)

        let (again, _) = try await WebUITests.signIn(client, "agent@example.com", "a brand new password")
        let ended = try await post(client, "/admin/agents/\(agentID)/end-sessions", cookie: cookie, csrf: csrf)
        #expect(ended.status == .seeOther)
        #expect(try await client.call(.get, "/assets", as: nil, headers: [("Cookie", again)]).status == .seeOther)

        // POST → redirect → GET: the new key is shown once, on the page the redirect leads to.
        let created = try await post(client, "/admin/api-keys", cookie: cookie, csrf: csrf, form: "agent_id=\(agentID)")
        #expect(created.status == .seeOther)
        let reveal = try #require(created.headers[values: .setCookie].first { $0.hasPrefix("assetsync_reveal=") })
        let shown = try await client.call(
          .get, "/admin/agents", as: nil, headers: [("Cookie", cookie + "; " + String(reveal.split(separator: ";")[0]))]
        )
        let key = try #require(Self.text(of: "new-key-value", in: shown.text))
        let code = try #require(Self.text(of: "new-key-code", in: shown.text))
        let header = "Basic " + Data("\(key):\(code)".utf8).base64EncodedString()
        #expect(
          try await client.call(.get, "asset_types/", as: nil, headers: [("Authorization", header)]).status == .ok)
        let later = try await client.call(.get, "/admin/agents", as: nil, headers: [("Cookie", cookie)])
        #expect(later.text.contains(key))
        #expect(!later.text.contains(code))

        let yourself = try await post(
          client, "/admin/agents/\(h.admin.agent.id)/disable", cookie: cookie, csrf: csrf, form: "confirmed=1")
        // Refused: back to the agents page with the reason as an error notice.
        #expect(yourself.status == .seeOther)
        #expect(yourself.headers[.location]?.hasPrefix("/admin/agents") == true)
        #expect(try await h.store.agent(id: h.admin.agent.id)?.isActive == true)
        let forged = try await post(
          client, "/admin/agents/\(agentID)/disable", cookie: cookie, csrf: "wrong", form: "confirmed=1")
        #expect(forged.status == .forbidden)
        #expect(try await h.store.agent(id: agentID)?.isActive == true)
      }
    }
  }

  static func text(of id: String, in html: String) -> String? {
    guard let start = html.range(of: "id=\"\(id)\">") else { return nil }
    return String(html[start.upperBound...].prefix { $0 != "<" })
  }
}
