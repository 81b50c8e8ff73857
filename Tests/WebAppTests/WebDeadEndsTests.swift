import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

/// Issue 21 at the router: refused forms come back as typed, new API keys are POST → redirect →
/// GET with the auth code shown once, and destructive actions need a confirmation.
@Suite("Web UI without dead ends")
struct WebDeadEndsTests {
  static let form = ("Content-Type", "application/x-www-form-urlencoded")

  @Test func aRefusedTicketKeepsItsChoicesAndMarksTheField() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "agent@example.com")
        let catalog = try await h.store.ticketCatalog()
        let category = try #require(catalog.categories.last).id
        let priority = try #require(catalog.priorities.first { !$0.isDefault }).id
        let reply = try await client.call(
          .post, "/tickets", as: nil, headers: [Self.form, ("Cookie", cookie)],
          form: "_csrf=\(csrf)&subject=&message=kept%20text&category_id=\(category)&priority_id=\(priority)")
        #expect(reply.status == .badRequest)
        #expect(reply.text.contains("<option value=\"\(category)\" selected>"))
        #expect(reply.text.contains("<option value=\"\(priority)\" selected>"))
        #expect(reply.text.contains(">kept text</textarea>"))
        #expect(reply.text.contains("aria-invalid=\"true\" aria-describedby=\"subject-error\" autofocus"))
        #expect(reply.text.contains("class=\"flash error\" role=\"alert\""))
        #expect(!reply.text.contains("flash notice"))
      }
    }
  }

  @Test func aNewKeyIsPostRedirectGetAndShownOnce() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "admin@example.com")
        let before = try await h.store.apiKeys().count
        let created = try await client.call(
          .post, "/admin/api-keys", as: nil, headers: [Self.form, ("Cookie", cookie)],
          form: "_csrf=\(csrf)&agent_id=\(h.agent.agent.id)")
        #expect(created.status == .seeOther)
        #expect(created.headers[.location] == "/admin/agents#new-key")
        #expect(try await h.store.apiKeys().count == before + 1)
        let reveal = try #require(
          created.headers[values: .setCookie].first { $0.hasPrefix("assetsync_reveal=") })
        #expect(reveal.contains("HttpOnly"))
        let revealCookie = String(reveal.split(separator: ";")[0])
        let shown = try await client.call(
          .get, "/admin/agents", as: nil, headers: [("Cookie", cookie + "; " + revealCookie)])
        let code = try #require(Self.text(of: "new-key-code", in: shown.text))
        let key = try #require(Self.text(of: "new-key-value", in: shown.text))
        #expect(code.count > 30)
        // The auth code is in no cookie in plain text, and a second load (a replay) shows nothing.
        #expect(!reveal.contains(code))
        let again = try await client.call(
          .get, "/admin/agents", as: nil, headers: [("Cookie", cookie + "; " + revealCookie)])
        #expect(!again.text.contains(code))
        #expect(try await h.store.apiKeys().count == before + 1)
        // Revoking without the confirmation asks; the key stays active until confirmed.
        let asked = try await client.call(
          .post, "/admin/api-keys/\(key)/revoke", as: nil, headers: [Self.form, ("Cookie", cookie)],
          form: "_csrf=\(csrf)")
        #expect(asked.status == .ok)
        #expect(asked.text.contains("name=\"confirmed\" value=\"1\""))
        #expect(try await h.store.apiKeys().first { $0.key == key }?.isActive == true)
        let revoked = try await client.call(
          .post, "/admin/api-keys/\(key)/revoke", as: nil, headers: [Self.form, ("Cookie", cookie)],
          form: "_csrf=\(csrf)&confirmed=1")
        #expect(revoked.status == .seeOther)
        #expect(try await h.store.apiKeys().first { $0.key == key }?.isActive == false)
      }
    }
  }

  @Test func anAdminCreatesAnAgentAndTheLastAdminKeepsTheRole() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "admin@example.com")
        let refused = try await client.call(
          .post, "/admin/agents", as: nil, headers: [Self.form, ("Cookie", cookie)],
          form: "_csrf=\(csrf)&name=Nia%20New&email=not-an-email&role=agent")
        #expect(refused.status == .badRequest)
        #expect(refused.text.contains("value=\"Nia New\""))
        #expect(refused.text.contains("agent-email-error"))
        let created = try await client.call(
          .post, "/admin/agents", as: nil, headers: [Self.form, ("Cookie", cookie)],
          form: "_csrf=\(csrf)&name=Nia%20New&email=nia@example.com&role=agent")
        #expect(created.status == .seeOther)
        #expect(try await h.store.agentCredentials(email: "nia@example.com") != nil)
        // The only admin cannot lose the role (the store decides).
        await #expect(throws: StoreError.self) {
          _ = try await h.store.setAgentRole(id: h.admin.agent.id, role: .agent)
        }
        let promoted = try await h.store.setAgentRole(id: h.agent.agent.id, role: .admin)
        #expect(promoted.isAdmin)
        #expect(try await h.store.setAgentRole(id: h.admin.agent.id, role: .agent).isAdmin == false)
      }
    }
  }

  static func text(of id: String, in html: String) -> String? {
    guard let start = html.range(of: "id=\"\(id)\">") else { return nil }
    return String(html[start.upperBound...].prefix { $0 != "<" })
  }
}
