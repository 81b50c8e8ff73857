import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import SingleSignOn
import SyncService
import Testing
import WebApp

/// OpenID Connect sign-in (issue 22) against `FakeOpenIDProvider` on loopback, on both backends:
/// the happy path, every refusal the issue names, key rotation, and password sign-in turned off.
@Suite("Single sign-on", .timeLimit(.minutes(3)))
struct SingleSignOnTests {
  static let publicURL = "http://assetsync.test"

  /// Runs `body` with a harness whose single sign-on points at a fresh fake provider.
  func withProvider(
    passwordSignIn: Bool = true, allowedDomains: [String] = [],
    _ body: @Sendable (AppHarness, FakeOpenIDProvider, ManualClock) async throws -> Void
  ) async throws {
    let clock = ManualClock(start: Date(timeIntervalSince1970: 1_900_000_000), limit: .distantFuture)
    try await AppHarness.run(wallClock: clock) { h in
      let provider = try await FakeOpenIDProvider(clock: clock)
      try await provider.run { issuer in
        h.services.publicURL.setIfUnset(Self.publicURL)
        try await SingleSignOnSetup(store: h.store, sealer: h.services.sealer, clock: clock).save(
          .init(
            issuer: issuer, clientID: FakeOpenIDProvider.clientID, clientSecret: FakeOpenIDProvider.clientSecret,
            name: "Fake IdP", allowedDomains: allowedDomains, passwordSignIn: passwordSignIn,
            allowInsecureIssuer: true))
        try await body(h, provider, clock)
      }
    }
  }

  /// One browser's trip: `/login/oidc`, the provider's code, the callback.
  static func signIn(
    _ client: any TestClientProtocol, _ provider: FakeOpenIDProvider, _ grant: FakeOpenIDProvider.Grant,
    browser override: String? = nil, beforeCallback: () -> Void = {}
  ) async throws -> (reply: Reply, code: String, state: String, browser: String) {
    let start = try await client.call(.get, "/login/oidc", as: nil)
    #expect(start.status == .seeOther, "\(start.text)")
    let location = start.headers[.location] ?? ""
    #expect(location.contains("code_challenge_method=S256"))
    #expect(location.contains("redirect_uri=http%3A%2F%2Fassetsync.test%2Flogin%2Foidc%2Fcallback"))
    let browser =
      start.headers[values: .setCookie].first { $0.hasPrefix("assetsync_oidc=") }
      .map { String($0.split(separator: ";")[0].dropFirst("assetsync_oidc=".count)) } ?? ""
    let (code, state) = try provider.authorize(location, grant: grant)
    beforeCallback()
    let reply = try await callback(client, code: code, state: state, browser: override ?? browser)
    return (reply, code, state, browser)
  }

  static func callback(_ client: any TestClientProtocol, code: String, state: String, browser: String) async throws
    -> Reply
  {
    try await client.call(
      .get, "/login/oidc/callback?code=\(code)&state=\(state)", as: nil,
      headers: [("Cookie", "assetsync_oidc=\(browser)")])
  }

  static func sessionCookie(_ reply: Reply) -> String? {
    reply.headers[values: .setCookie].first {
      $0.hasPrefix("assetsync_session=") && !$0.hasPrefix("assetsync_session=;")
    }
    .map { String($0.split(separator: ";")[0]) }
  }

  @Test("an agent signs in through the provider, lands signed in, and signs out there too; codes and states work once")
  func happyPath() async throws {
    try await withProvider { h, provider, _ in
      try await h.test { client in
        let first = try await Self.signIn(client, provider, .init(email: "Agent@Example.com"))
        #expect(first.reply.status == .seeOther, "\(first.reply.text)")
        #expect(first.reply.headers[.location] == "/assets")
        let cookie = try #require(Self.sessionCookie(first.reply))
        let page = try await client.call(.get, "/assets", as: nil, headers: [("Cookie", cookie)])
        #expect(page.status == .ok)
        // The same callback again: the state is used up.
        let again = try await Self.callback(client, code: first.code, state: first.state, browser: first.browser)
        #expect(again.status == .badRequest)
        #expect(again.text.contains("expired or was already used"))
        // The used code with a fresh state: the provider refuses it.
        let start = try await client.call(.get, "/login/oidc", as: nil)
        let location = start.headers[.location] ?? ""
        let state = URLComponents(string: location)?.queryItems?.first { $0.name == "state" }?.value ?? ""
        let browser =
          start.headers[values: .setCookie].first { $0.hasPrefix("assetsync_oidc=") }
          .map { String($0.split(separator: ";")[0].dropFirst("assetsync_oidc=".count)) } ?? ""
        let replay = try await Self.callback(client, code: first.code, state: state, browser: browser)
        #expect(replay.status == .forbidden)
        #expect(replay.text.contains("invalid_grant"))
        // Sign-out ends the session and sends the browser to the provider's end_session_endpoint.
        let csrf = try #require(
          page.text.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression).map {
            String(page.text[$0].dropFirst(#"name="_csrf" value=""#.count).dropLast())
          })
        let out = try await client.call(
          .post, "/logout", as: nil,
          headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")], form: "_csrf=\(csrf)")
        #expect(out.text.contains(provider.issuer + "/logout?id_token_hint="))
        #expect(out.text.contains("post_logout_redirect_uri=http%3A%2F%2Fassetsync.test%2Flogin"))
        let after = try await client.call(.get, "/assets", as: nil, headers: [("Cookie", cookie)])
        #expect(after.status == .seeOther)
        // The client secret shows up nowhere: pages, logs.
        let admin = try await client.call(.get, "/admin/sign-in", as: h.admin)
        for text in [first.reply.text, page.text, out.text, admin.text] + h.logs.all {
          #expect(!text.contains(FakeOpenIDProvider.clientSecret))
        }
      }
    }
  }

  @Test("every refusal the issue names comes back on the sign-in page with a sentence, never a 500")
  func refusals() async throws {
    try await withProvider(allowedDomains: ["example.com", "other.org"]) { h, provider, _ in
      let disabled = try await h.store.createAgent(
        email: "gone@example.com", name: "Gone", role: .agent, passwordHash: "x", at: Date())
      _ = try await h.store.setAgentDisabled(id: disabled.id, disabled: true, at: Date())
      _ = try await h.store.createAgent(
        email: "elsewhere@evil.example", name: "Elsewhere", role: .agent, passwordHash: "x", at: Date())
      let agent = "agent@example.com"
      let cases: [(FakeOpenIDProvider.Grant, HTTPResponse.Status, String)] = [
        (.init(email: agent, audience: "someone-else"), .unauthorized, "could not be verified"),
        (.init(email: agent, expiresIn: -120), .unauthorized, "could not be verified"),
        (.init(email: agent, forged: true), .unauthorized, "could not be verified"),
        (.init(email: agent, nonce: "not-the-nonce"), .unauthorized, "could not be verified"),
        (.init(email: agent, emailVerified: false), .forbidden, "does not say your email address is verified"),
        (.init(email: "stranger@example.com"), .forbidden, "not an AssetSync agent"),
        (.init(email: "gone@example.com"), .forbidden, "This account is disabled"),
        (.init(email: "elsewhere@evil.example"), .forbidden, "Accounts of evil.example may not sign in"),
      ]
      try await h.test { client in
        for (grant, status, message) in cases {
          let result = try await Self.signIn(client, provider, grant)
          #expect(result.reply.status == status, "\(grant)")
          #expect(result.reply.text.contains(message), "\(grant): \(result.reply.text)")
          #expect(Self.sessionCookie(result.reply) == nil)
        }
        // Another browser's callback (state bound to the browser by its cookie).
        let stolen = try await Self.signIn(client, provider, .init(email: agent), browser: "someone-elses-cookie")
        #expect(stolen.reply.status == .badRequest)
        #expect(stolen.reply.text.contains("expired or was already used"))
        // A state nobody issued, and the provider's own refusal.
        let unknown = try await Self.callback(client, code: "c", state: "made-up", browser: "b")
        #expect(unknown.status == .badRequest)
        let denied = try await client.call(.get, "/login/oidc/callback?error=access_denied&state=x", as: nil)
        #expect(denied.status == .forbidden)
        #expect(denied.text.contains("did not sign you in (access_denied)"))
      }
      let reasons = h.logs.all.filter { $0.contains("single sign-on refused") }
      #expect(reasons.count >= cases.count)
    }
  }

  @Test("a sign-in expires after 10 minutes by the injected clock")
  func expiry() async throws {
    try await withProvider { h, provider, clock in
      try await h.test { client in
        let late = try await Self.signIn(client, provider, .init(email: "agent@example.com")) {
          clock.reset(to: clock.now().addingTimeInterval(601))
        }
        #expect(late.reply.status == .badRequest)
        #expect(late.reply.text.contains("expired or was already used"))
      }
    }
  }

  @Test("an unknown kid refetches the keys at most once a minute; rotated keys then verify")
  func keyRotation() async throws {
    try await withProvider { h, provider, clock in
      try await h.test { client in
        let first = try await Self.signIn(client, provider, .init(email: "agent@example.com"))
        #expect(first.reply.status == .seeOther)
        #expect(provider.jwksFetches == 1)
        provider.rotate()
        let soon = try await Self.signIn(client, provider, .init(email: "agent@example.com", kid: "k2"))
        #expect(soon.reply.status == .unauthorized)
        #expect(provider.jwksFetches == 1)
        clock.reset(to: clock.now().addingTimeInterval(61))
        let later = try await Self.signIn(client, provider, .init(email: "agent@example.com", kid: "k2"))
        #expect(later.reply.status == .seeOther, "\(later.reply.text)")
        #expect(provider.jwksFetches == 2)
      }
    }
  }

  @Test("an unreachable provider is a sentence on the sign-in page, not a 500")
  func unreachable() async throws {
    try await AppHarness.run { h in
      h.services.publicURL.setIfUnset(Self.publicURL)
      let sealed = try ClientSecretSealer(h.services.sealer).seal("x")
      try await h.store.saveSingleSignOnSettings(
        SingleSignOnSettings(
          name: "Down IdP", issuer: "http://127.0.0.1:1", clientID: "c", sealedClientSecret: sealed,
          allowInsecureIssuer: true, updatedAt: Date()))
      try await h.test { client in
        let page = try await client.call(.get, "/login", as: nil)
        #expect(page.text.contains("Sign in with Down IdP"))
        let start = try await client.call(.get, "/login/oidc", as: nil)
        #expect(start.status == .badGateway)
        #expect(start.text.contains("could not be reached"))
      }
    }
  }

  @Test("with password sign-in off only the break-glass admin and agents allowed passwords get in with one")
  func passwordSignInOff() async throws {
    try await withProvider(passwordSignIn: false) { h, _, _ in
      try await h.test { client in
        let page = try await client.call(.get, "/login", as: nil)
        #expect(page.text.contains("Sign in with Fake IdP"))
        #expect(!page.text.contains(#"id="password""#))
        #expect(page.text.contains("break-glass"))
        let refused = try await SignInLockoutTests.signIn(client, "agent@example.com", "correct horse battery")
        #expect(refused.status == .forbidden)
        #expect(refused.text.contains("Password sign-in is off"))
        let admin = try await SignInLockoutTests.signIn(client, "admin@example.com", "correct horse battery")
        #expect(admin.status == .forbidden)
        try await SingleSignOnSetup(store: h.store, sealer: h.services.sealer).setBreakGlass(email: "admin@example.com")
        let breakGlass = try await SignInLockoutTests.signIn(client, "admin@example.com", "correct horse battery")
        #expect(breakGlass.status == .seeOther)
        try await h.store.setAgentPasswordSignIn(id: h.agent.agent.id, allowed: true)
        let allowed = try await SignInLockoutTests.signIn(client, "agent@example.com", "correct horse battery")
        #expect(allowed.status == .seeOther)
      }
      // Only an active admin can be the break-glass account.
      await #expect(throws: SingleSignOnSetup.Refusal.self) {
        try await SingleSignOnSetup(store: h.store, sealer: h.services.sealer).setBreakGlass(email: "agent@example.com")
      }
    }
  }
}
