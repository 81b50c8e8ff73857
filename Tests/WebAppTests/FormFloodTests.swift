import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresStore
import SQLiteStore
import SyncService
import Testing

@testable import WebApp

/// Issue 16, item 1: a form body cannot buy CPU time. `a[]&a[]&…` was parsed in quadratic time
/// (64 KB: 1.4 s) before any check; now fields are counted first and a body over the cap is
/// refused without decoding a pair, and the sign-in form is refused before its body is read
/// when the double-submit cookie is missing.
@Suite("Form bodies: linear parsing, a field cap, sign-in cookie first")
struct FormFloodTests {
  /// 16,384 empty list entries in 64 KB, the body of the attack.
  static let flood = Array(repeating: "a[]", count: 16_384).joined(separator: "&")

  @Test("the parser counts the fields first and refuses 16,384 of them without decoding any")
  func parserRefusesOverTheCap() throws {
    #expect(Self.flood.utf8.count == 65_535)
    #expect(throws: URLEncodedForm.TooManyFields(count: 16_384, limit: 1_000)) {
      try URLEncodedForm.parse(Array(Self.flood.utf8))
    }
    // At the cap exactly: one list of 1,000 entries, in order.
    let atCap = (0..<1_000).map { "a[]=\($0)" }.joined(separator: "&")
    guard case .list(let items)? = try URLEncodedForm.parse(Array(atCap.utf8))["a"] else {
      Issue.record("no list")
      return
    }
    #expect(items.count == 1_000)
    #expect(items.first == "0" && items.last == "999")
  }

  @Test("decoding: + and %XX, a bad escape kept as sent, the last plain key wins, lists and keys replace each other")
  func decoding() throws {
    let values = try URLEncodedForm.parse(
      Array("name=J%C3%B6rg+M%C3%BCller&bad=100%zz&x=1&x=2&t[]=a&t[]=b+c&=nokey&flag&u[]=1&u=2&v=1&v[]=3".utf8))
    #expect(values["name"] == .string("Jörg Müller"))
    #expect(values["bad"] == .string("100%zz"))
    #expect(values["x"] == .string("2"))
    #expect(values["t"] == .list(["a", "b c"]))
    #expect(values["flag"] == .string(""))
    #expect(values[""] == nil)
    #expect(values["u"] == .string("2"))
    #expect(values["v"] == .list(["3"]))
    // Bytes that are not UTF-8 once decoded leave the field as sent.
    #expect(try URLEncodedForm.parse(Array("k=%FF".utf8))["k"] == .string("%FF"))
  }

  @Test("POST /login with the sign-in cookie and a 64 KB a[]&a[]&… body: 413, no password checked")
  func signInFlood() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let checksBefore = h.services.passwordWork.checksForTesting
        let reply = try await client.call(
          .post, "/login", as: nil,
          headers: [
            ("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", "assetsync_login_csrf=token"),
          ], form: Self.flood)
        #expect(reply.status == .contentTooLarge)
        #expect(reply.text.contains("too many fields"))
        #expect(h.services.passwordWork.checksForTesting == checksBefore)
      }
    }
  }

  @Test("POST /login without the sign-in cookie is refused before its body is read")
  func signInWithoutCookie() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        // The same flood: a 403 (not the 413 the body would earn) shows the body was never parsed.
        let flood = try await client.call(
          .post, "/login", as: nil, headers: [("Content-Type", "application/x-www-form-urlencoded")],
          form: Self.flood)
        #expect(flood.status == .forbidden)
        #expect(flood.text.contains("The sign-in form expired"))
        // A right password with a matching field but no cookie does not sign in either.
        let form = try await client.call(.get, "/login", as: nil)
        let token = try #require(WebUITests.value(of: "_csrf", in: form.text))
        let reply = try await client.call(
          .post, "/login", as: nil, headers: [("Content-Type", "application/x-www-form-urlencoded")],
          form: "_csrf=\(token)&email=agent@example.com&password=correct horse battery")
        #expect(reply.status == .forbidden)
        #expect(reply.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("assetsync_session=") })
      }
    }
  }

  @Test("a signed-in agent's web form and an API form body over the cap: 413 with a clear message")
  func webAndAPIForms() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "agent@example.com")
        let web = try await client.call(
          .post, "/tickets", as: nil,
          headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie)],
          form: "_csrf=\(csrf)&" + Self.flood)
        #expect(web.status == .contentTooLarge)
        #expect(web.text.contains("more than 1000 fields"))
        let api = try await client.call(
          .post, "/api/1.1/json/users/", as: h.agent, headers: [("Content-Type", "application/x-www-form-urlencoded")],
          form: Self.flood)
        #expect(api.status == .contentTooLarge)
        #expect(api.message.contains("more than 1000 fields"))
        // A form within the cap still works.
        let ok = try await client.call(
          .post, "/api/1.1/json/users/", as: h.agent, headers: [("Content-Type", "application/x-www-form-urlencoded")],
          form: "name=Form Person&email=form.person@example.com")
        #expect(ok.status == .ok || ok.status == .created, "\(ok.status) \(ok.text)")
      }
    }
  }

  /// Renames `table` (to `<table>_gone`, or back with `back`) on either backend: every query that
  /// reads it fails from then on, so a request that still answers did not touch it.
  static func rename(_ store: any AssetStore, _ table: String, back: Bool = false) async throws {
    let (from, to) = back ? (table + "_gone", table) : (table, table + "_gone")
    if let sqlite = store as? SQLiteAssetStore {
      try await sqlite.write { try await $0.execute(["ALTER TABLE \(raw: from) RENAME TO \(raw: to)"]) }
    } else if let postgres = store as? PostgresAssetStore {
      try await postgres.write { try await $0.execute(["ALTER TABLE \(raw: from) RENAME TO \(raw: to)"]) }
    } else {
      Issue.record("unknown store \(type(of: store))")
    }
  }

  @Test("refused POST /login (no cookie, mismatch, 413, 429) never touches the database for its page")
  func refusalsDoNotTouchTheDatabase() async throws {
    // A clock that stands still: the account's 2 s backoff must not run out while tables are renamed.
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let clock = ManualClock(start: start, limit: start.addingTimeInterval(86_400))
    try await AppHarness.run(wallClock: clock) { h in
      try await h.test { client in
        func post(_ cookie: String?, _ form: String) async throws -> Reply {
          try await client.call(
            .post, "/login", as: nil,
            headers: [("Content-Type", "application/x-www-form-urlencoded")] + (cookie.map { [("Cookie", $0)] } ?? []),
            form: form)
        }
        let wrong = "_csrf=token&email=admin@example.com&password=wrong"
        for _ in 0..<5 { #expect(try await post("assetsync_login_csrf=token", wrong).status == .unauthorized) }
        // Without the settings table (single sign-on's settings) a 429 still renders: on 4d88efd
        // every refusal's page read the single sign-on settings.
        try await Self.rename(h.store, "settings")
        await #expect(throws: (any Error).self) { try await h.store.singleSignOnSettings() }
        let throttled = try await post("assetsync_login_csrf=token", wrong)
        #expect(throttled.status == .tooManyRequests, "\(throttled.status)")
        // Without the agents table too: a flood without a matching cookie never reaches the account lookup.
        try await Self.rename(h.store, "agents")
        await #expect(throws: (any Error).self) { try await h.store.agentCredentials(email: "admin@example.com") }
        for _ in 0..<20 {
          #expect(try await post(nil, wrong).status == .forbidden)
          #expect(try await post("assetsync_login_csrf=other", wrong).status == .forbidden)
          #expect(try await post("assetsync_login_csrf=", wrong).status == .forbidden)
        }
        let flood = try await post("assetsync_login_csrf=token", Self.flood)
        #expect(flood.status == .contentTooLarge)
        #expect(flood.text.contains("too many fields"))
        #expect(h.logs.all.filter { $0.hasPrefix("error") }.isEmpty, "\(h.logs.all.filter { $0.hasPrefix("error") })")
        try await Self.rename(h.store, "agents", back: true)
        try await Self.rename(h.store, "settings", back: true)
        #expect(
          try await WebUITests.attemptSignIn(client, "agent@example.com", "correct horse battery").status == .seeOther)
      }
    }
  }
}
