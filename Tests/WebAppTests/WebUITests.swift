import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SyncService
import Testing
import WebApp

/// The web UI at the router: sign-in, sessions, CSRF and roles (the browser suite covers the rest).
@Suite("Web UI: sign-in, sessions, CSRF and roles")
struct WebUITests {
  /// Signs in through the form and returns the session cookie and the page's CSRF token.
  static func signIn(_ client: any TestClientProtocol, _ email: String, _ password: String = "correct horse battery")
    async throws -> (cookie: String, csrf: String)
  {
    let form = try await client.call(.get, "/login", as: nil)
    let loginToken = try #require(Self.value(of: "_csrf", in: form.text))
    let reply = try await client.call(
      .post, "/login", as: nil,
      headers: [
        ("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", "assetsync_login_csrf=\(loginToken)"),
      ], form: "_csrf=\(loginToken)&email=\(email)&password=\(password)&next=/assets")
    #expect(reply.status == .seeOther)
    let setCookie = reply.headers[values: .setCookie].first { $0.hasPrefix("assetsync_session=") } ?? ""
    #expect(setCookie.contains("HttpOnly"))
    #expect(setCookie.contains("SameSite=Lax"))
    let cookie = String(setCookie.split(separator: ";").first ?? "")
    let page = try await client.call(.get, "/assets", as: nil, headers: [("Cookie", cookie)])
    #expect(page.status == .ok)
    return (cookie, try #require(Self.value(of: "_csrf", in: page.text)))
  }

  /// One sign-in attempt through the form (a fresh form and its double-submit cookie).
  static func attemptSignIn(
    _ client: any TestClientProtocol, _ email: String, _ password: String, next: String = "/assets",
    headers: [(String, String)] = []
  ) async throws -> Reply {
    let form = try await client.call(.get, "/login", as: nil)
    let token = try #require(value(of: "_csrf", in: form.text))
    return try await client.call(
      .post, "/login", as: nil,
      headers: [
        ("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", "assetsync_login_csrf=\(token)"),
      ] + headers, form: "_csrf=\(token)&email=\(email)&password=\(password)&next=\(next)")
  }

  static func value(of name: String, in html: String) -> String? {
    guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
    return String(html[range.upperBound...].prefix { $0 != "\"" })
  }

  @Test func pagesNeedASignIn() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        for path in ["/assets", "/assets/1", "/contacts", "/tickets", "/admin/apps/kandji"] {
          let reply = try await client.call(.get, path, as: nil)
          #expect(reply.status == .seeOther, "\(path)")
          #expect(reply.headers[.location]?.hasPrefix("/login?next=") == true)
        }
        let login = try await client.call(.get, "/login", as: nil)
        #expect(login.status == .ok)
        #expect(login.headers[.contentType] == "text/html; charset=utf-8")
        #expect(login.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'self'") == true)
      }
    }
  }

  @Test func wrongPasswordsGetOneMessageAndAreSlowedDown() async throws {
    // A stopped clock: on a loaded machine the account's backoff must not run out between attempts.
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let clock = ManualClock(start: start, limit: start.addingTimeInterval(86_400))
    try await AppHarness.run(wallClock: clock) { h in
      try await h.test { client in
        func attempt(_ email: String, _ password: String) async throws -> Reply {
          let form = try await client.call(.get, "/login", as: nil)
          let token = Self.value(of: "_csrf", in: form.text)!
          return try await client.call(
            .post, "/login", as: nil,
            headers: [
              ("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", "assetsync_login_csrf=\(token)"),
            ],
            form: "_csrf=\(token)&email=\(email)&password=\(password)")
        }
        let unknownUser = try await attempt("nobody@example.com", "whatever-123")
        let wrongPassword = try await attempt("agent@example.com", "wrong-password")
        #expect(unknownUser.status == .unauthorized)
        #expect(wrongPassword.status == .unauthorized)
        #expect(unknownUser.text.contains("Email or password is incorrect."))
        #expect(wrongPassword.text.contains("Email or password is incorrect."))
        for _ in 0..<4 { _ = try await attempt("agent@example.com", "wrong-password") }
        let throttled = try await attempt("agent@example.com", "correct horse battery")
        #expect(throttled.status == .tooManyRequests)
        #expect(throttled.text.contains("Too many failed attempts"))
        // A forged sign-in form (no matching cookie) is refused.
        let forged = try await client.call(
          .post, "/login", as: nil, headers: [("Content-Type", "application/x-www-form-urlencoded")],
          form: "_csrf=abc&email=admin@example.com&password=correct horse battery")
        #expect(forged.status == .forbidden)
      }
    }
  }

  @Test func formsWithoutTheSessionsCSRFTokenAreRejected() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (cookie, csrf) = try await Self.signIn(client, "admin@example.com")
        let mac = try await h.store.managedType(for: .mac)
        for token in ["", "wrong"] {
          let reply = try await client.call(
            .post, "/assets?type=\(mac.id)", as: nil,
            headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
            form: "_csrf=\(token)&name=X&display_id=Y")
          #expect(reply.status == .forbidden)
          #expect(reply.text.contains("The form expired or did not come from this site"))
        }
        #expect(try await h.store.assets(AssetQuery()).total == 0)
        let ok = try await client.call(
          .post, "/assets?type=\(mac.id)", as: nil,
          headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
          form: "_csrf=\(csrf)&name=Loaner&display_id=L-1")
        #expect(ok.status == .seeOther)
        // The API refuses cookie-authenticated writes without the CSRF header too.
        let api = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: nil, json: #"{"name":"A","display_id":"B"}"#,
          headers: [("Cookie", cookie)])
        #expect(api.status == .forbidden)
        let apiOK = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: nil, json: #"{"name":"A","display_id":"B"}"#,
          headers: [("Cookie", cookie), ("X-CSRF-Token", csrf)])
        #expect(apiOK.status == .created)
        // Signing out ends the session.
        _ = try await client.call(
          .post, "/logout", as: nil,
          headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
          form: "_csrf=\(csrf)")
        #expect(try await client.call(.get, "/assets", as: nil, headers: [("Cookie", cookie)]).status == .seeOther)
      }
    }
  }

  @Test func sessionsExpire() async throws {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let clock = ManualClock(start: start, limit: start.addingTimeInterval(30 * 86_400))
    try await AppHarness.run(wallClock: clock) { h in
      try await h.test { client in
        let (cookie, _) = try await Self.signIn(client, "agent@example.com")
        try await clock.sleep(until: start.addingTimeInterval(7 * 3_600))
        #expect(try await client.call(.get, "/assets", as: nil, headers: [("Cookie", cookie)]).status == .ok)
        try await clock.sleep(until: start.addingTimeInterval(7 * 3_600 + 8 * 3_600 + 60))
        let expired = try await client.call(.get, "/assets", as: nil, headers: [("Cookie", cookie)])
        #expect(expired.status == .seeOther)
        #expect(expired.headers[.location]?.hasPrefix("/login") == true)
      }
    }
  }

  @Test func everyAdminPageRefusesAgents() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (cookie, csrf) = try await Self.signIn(client, "agent@example.com")
        let page = try await client.call(.get, "/admin/apps/kandji", as: nil, headers: [("Cookie", cookie)])
        #expect(page.status == .forbidden)
        #expect(page.text.contains("Only admins can do this."))
        let preview = try await client.call(
          .get, "/admin/apps/kandji/tenants/1/preview?name_source=device_name&display_id_source=serial_number", as: nil,
          headers: [("Cookie", cookie)])
        #expect(preview.status == .forbidden)
        for action in [
          "install", "tenants", "tenants/1/authorize", "tenants/1/mapping", "tenants/1/sync", "tenants/1/schedule",
          "tenants/1/pacing", "tenants/1/disable", "tenants/1/enable", "tenants/1/remove",
        ] {
          let reply = try await client.call(
            .post, "/admin/apps/kandji/\(action)", as: nil,
            headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")], form: "_csrf=\(csrf)")
          #expect(reply.status == .forbidden, "\(action)")
        }
        #expect(try await h.store.kandjiSettings().installed == false)
        #expect(
          !(try await client.call(.get, "/assets", as: nil, headers: [("Cookie", cookie)]).text.contains(
            "/admin/apps/kandji")))
        let (adminCookie, _) = try await Self.signIn(client, "admin@example.com")
        let adminPage = try await client.call(.get, "/admin/apps/kandji", as: nil, headers: [("Cookie", adminCookie)])
        #expect(adminPage.status == .ok)
        #expect(adminPage.text.contains("Install the Kandji app"))
        #expect(adminPage.text.contains(#"href="/admin/apps/kandji" aria-current="page""#))
        let assets = try await client.call(.get, "/assets", as: nil, headers: [("Cookie", adminCookie)])
        #expect(assets.text.contains(#"href="/assets" aria-current="page""#))
      }
    }
  }

  @Test func managedAssetsShowNoEditControlsAndRefuseFormWrites() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        try await AssetAPITests.syncFleet(h, client)
        let (cookie, csrf) = try await Self.signIn(client, "admin@example.com")
        let device = h.simulator.devices[0]
        let asset = try #require(try await h.store.asset(kandjiDeviceID: device.deviceID))
        let page = try await client.call(.get, "/assets/\(asset.id)", as: nil, headers: [("Cookie", cookie)])
        #expect(page.status == .ok)
        #expect(
          page.text.contains(
            "id=\"kandji-link\" href=\"\(h.simulatorURL)/devices/\(device.deviceID)\" target=\"_blank\""))
        #expect(!page.text.contains("id=\"edit-asset\""))
        #expect(!page.text.contains("id=\"delete-asset\""))
        #expect(page.text.contains("Managed by Kandji"))
        for path in ["/assets/\(asset.id)/edit", "/assets/\(asset.id)/delete"] {
          let reply = try await client.call(
            .post, path, as: nil, headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
            form: "_csrf=\(csrf)&name=Hacked&display_id=H")
          #expect(reply.status == .forbidden, "\(path)")
        }
        #expect(
          try await client.call(.get, "/assets/\(asset.id)/edit", as: nil, headers: [("Cookie", cookie)]).status
            == .forbidden)
        #expect(try await h.store.asset(id: asset.id)?.name == device.deviceName)
      }
    }
  }
}

extension TestClientProtocol {
  /// A form post (or any request with a raw body) with extra headers.
  func call(
    _ method: HTTPRequest.Method, _ path: String, as credentials: AppHarness.Credentials?, headers: [(String, String)],
    form: String
  ) async throws -> Reply {
    var fields = HTTPFields()
    if let credentials { fields[.authorization] = credentials.header }
    for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
    let body = form.replacingOccurrences(of: " ", with: "+").replacingOccurrences(of: "@", with: "%40")
    return try await execute(uri: path, method: method, headers: fields, body: ByteBuffer(string: body)) { response in
      Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }
  }
}

@Suite("Unknown pages")
struct UnknownPageTests {
  @Test func browsersGetAPageAndScriptsGetJSON() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let page = try await client.call(
          .get, "/no-such-page", as: nil, headers: [("Accept", "text/html,application/xhtml+xml")])
        #expect(page.status == .notFound)
        #expect(page.headers[.contentType] == "text/html; charset=utf-8")
        #expect(page.text.contains("That page does not exist."))
        let json = try await client.call(.get, "/no-such-page", as: nil)
        #expect(json.status == .notFound)
        #expect(json.message.contains("No such endpoint"))
      }
    }
  }
}
