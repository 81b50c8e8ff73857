import AssetCore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SyncService
import Synchronization
import Testing

@testable import WebApp

/// Issue 16, items 2 and 7: strangers' failures cannot lock the real agents out of sign-in, and
/// an admin's "Set password" is not a 500 while sign-ins fill the bcrypt pool. Each test replays
/// an attack that worked on 4d88efd.
@Suite("Sign-in: no lockout by strangers, admin password changes under a flood")
struct SignInLockoutTests {
  typealias TestClock = SignInProtectionTests.TestClock

  func fail(_ throttle: LoginThrottle, _ attempt: LoginThrottle.Attempt) -> Bool {
    guard case .proceed(let reservation) = throttle.reserve(attempt) else { return false }
    throttle.finish(reservation, succeeded: false)
    return true
  }

  /// One sign-in through the form with a self-chosen double-submit token and `cookies` besides.
  static func signIn(
    _ client: any TestClientProtocol, _ email: String, _ password: String, cookies: [String] = [],
    headers: [(String, String)] = []
  ) async throws -> Reply {
    try await client.call(
      .post, "/login", as: nil,
      headers: [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Cookie", (["assetsync_login_csrf=token"] + cookies).joined(separator: "; ")),
      ] + headers, form: "_csrf=token&email=\(email)&password=\(password)&next=/assets")
  }

  static func deviceCookie(_ reply: Reply) -> String? {
    reply.headers[values: .setCookie].first { $0.hasPrefix("assetsync_device=") }
      .map { String($0.split(separator: ";")[0]) }
  }

  @Test("a known device is never refused for others' failures; only its own failures are limited")
  func knownDeviceThrottle() {
    let clock = TestClock()
    let throttle = LoginThrottle(limits: .init(perAccount: 5, perAddress: 20, global: 50), now: clock.now)
    let address = "198.51.100.7"
    // Strangers spend the account, the shared address and the global budget.
    for _ in 0..<5 { #expect(fail(throttle, .init(email: "admin@example.com", address: address, knownAgent: true))) }
    for index in 0..<50 {
      _ = fail(throttle, .init(email: "guess\(index)@example.com", address: "203.0.113.\(index)"))
    }
    guard case .wait = throttle.reserve(.init(email: "admin@example.com", address: address, knownAgent: true)) else {
      Issue.record("the account was not limited for a new browser")
      return
    }
    // The admin's own browser still signs in, from the same (proxy) address.
    let known = LoginThrottle.Attempt(email: "admin@example.com", address: address, device: "dev-1", knownAgent: true)
    guard case .proceed(let reservation) = throttle.reserve(known) else {
      Issue.record("the known device was refused for strangers' failures")
      return
    }
    throttle.finish(reservation, succeeded: true)
    // Its own failures: 5, then it waits too; another known device is not affected.
    for _ in 0..<5 { #expect(fail(throttle, known)) }
    guard case .wait = throttle.reserve(known) else {
      Issue.record("a device's own failures were not limited")
      return
    }
    var other = known
    other.device = "dev-2"
    guard case .proceed = throttle.reserve(other) else {
      Issue.record("one device's failures refused another")
      return
    }
    clock.advance(901)
    guard case .proceed = throttle.reserve(known) else {
      Issue.record("the device's failures did not age out")
      return
    }
  }

  @Test("the global budget holds back unknown emails only, never an active agent's email")
  func globalOnlyForUnknownEmails() {
    let clock = TestClock()
    let throttle = LoginThrottle(limits: .init(perAccount: 5, perAddress: 20, global: 30), now: clock.now)
    for index in 0..<30 {
      #expect(fail(throttle, .init(email: "guess\(index)@example.com", address: "203.0.113.\(index)")))
    }
    guard case .wait = throttle.reserve(.init(email: "fresh@example.com", address: "192.0.2.1")) else {
      Issue.record("unknown emails were not held back")
      return
    }
    guard case .proceed = throttle.reserve(.init(email: "agent@example.com", address: "192.0.2.1", knownAgent: true))
    else {
      Issue.record("a real agent was refused for the global budget")
      return
    }
  }

  @Test(
    "IPv6 clients share one bucket per /64; IPv4-mapped addresses are their IPv4 address",
    arguments: [
      ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"), ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
      ("2001:db8:1:3::1", "2001:db8:1:3::/64"), ("::ffff:198.51.100.7", "198.51.100.7"),
      ("198.51.100.7", "198.51.100.7"), ("not an address", "not an address"),
    ])
  func ipv6Buckets(address: String, key: String) {
    #expect(LoginThrottle.bucketKey(address) == key)
  }

  @Test("20 failures from 20 addresses of one /64 spend that /64's budget; the next /64 is fresh")
  func ipv6PerSlash64() {
    let throttle = LoginThrottle(limits: .init(perAddress: 20, global: 1_000), now: TestClock().now)
    for index in 0..<20 {
      #expect(
        fail(throttle, .init(email: "u\(index)@example.com", address: "2001:db8:7:7::\(String(index, radix: 16))")))
    }
    guard case .wait = throttle.reserve(.init(email: "x@example.com", address: "2001:db8:7:7:ffff::1")) else {
      Issue.record("a new address in the same /64 was a fresh bucket")
      return
    }
    guard case .proceed = throttle.reserve(.init(email: "x@example.com", address: "2001:db8:7:8::1")) else {
      Issue.record("another /64 was refused")
      return
    }
    #expect(throttle.addressKeysForTesting.contains("2001:db8:7:7::/64"))
  }

  @Test("device cookies: valid for their agent and email within 180 days; forged, moved or expired ones are not")
  func deviceCookieSignature() {
    let key = SymmetricKey(data: Data(repeating: 3, count: 32))
    let cookies = DeviceCookie(key: key)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let value = cookies.issue(agentID: 7, email: "Admin@Example.com", at: now)
    #expect(cookies.device(value, agentID: 7, email: "admin@example.com\n", now: now) != nil)
    #expect(cookies.device(value, agentID: 7, email: "admin@example.com", now: now + 179 * 86_400) != nil)
    #expect(cookies.device(value, agentID: 7, email: "admin@example.com", now: now + 181 * 86_400) == nil)
    #expect(cookies.device(value, agentID: 8, email: "admin@example.com", now: now) == nil)
    #expect(cookies.device(value, agentID: 7, email: "other@example.com", now: now) == nil)
    #expect(
      DeviceCookie(key: SymmetricKey(data: Data(repeating: 4, count: 32))).device(
        value, agentID: 7, email: "admin@example.com", now: now) == nil)
    // Any changed character of the payload breaks the signature.
    var parts = value.split(separator: ".").map(String.init)
    parts[3] = String(Int(parts[3])! + 86_400 * 365)
    #expect(cookies.device(parts.joined(separator: "."), agentID: 7, email: "admin@example.com", now: now) == nil)
    #expect(cookies.device("", agentID: 7, email: "admin@example.com", now: now) == nil)
    #expect(cookies.device(nil, agentID: 7, email: "admin@example.com", now: now) == nil)
  }

  @Test("through the form: after strangers lock the admin's account, the admin's own browser still gets in")
  func knownBrowserGetsIn() async throws {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let clock = ManualWallClock(start: start, limit: start.addingTimeInterval(400 * 86_400))
    let smallGlobal: (inout AppConfiguration) -> Void = { $0.signInLimits = .init(global: 10) }
    try await AppHarness.run(wallClock: clock, configure: smallGlobal) { h in
      try await h.test { client in
        let first = try await Self.signIn(client, "admin@example.com", "correct horse battery")
        #expect(first.status == .seeOther)
        let device = try #require(Self.deviceCookie(first))
        let set = first.headers[values: .setCookie].first { $0.hasPrefix("assetsync_device=") } ?? ""
        #expect(set.contains("HttpOnly") && set.contains("; Secure") && set.contains("Max-Age=15552000"), "\(set)")
        // The attack: 5 wrong passwords for the admin and 5 for unknown emails spend the global
        // budget of 10 (every failure counts towards it; it holds back unknown emails only).
        for _ in 0..<5 {
          #expect(try await Self.signIn(client, "admin@example.com", "wrong-password").status == .unauthorized)
        }
        for index in 0..<5 {
          #expect(try await Self.signIn(client, "guess\(index)@example.com", "wrong").status == .unauthorized)
        }
        // A new browser waits, for the admin's account and for unknown emails...
        #expect(try await Self.signIn(client, "admin@example.com", "correct horse battery").status == .tooManyRequests)
        #expect(try await Self.signIn(client, "guess99@example.com", "wrong").status == .tooManyRequests)
        // ...but a real agent's email is not held back by the global budget,
        #expect(try await Self.signIn(client, "agent@example.com", "correct horse battery").status == .seeOther)
        // and the admin's known browser signs in.
        let again = try await Self.signIn(client, "admin@example.com", "correct horse battery", cookies: [device])
        #expect(again.status == .seeOther)
        // Another agent's device cookie does not help with the admin's account.
        let agentDevice = try #require(
          Self.deviceCookie(try await Self.signIn(client, "agent@example.com", "correct horse battery")))
        #expect(
          try await Self.signIn(client, "admin@example.com", "correct horse battery", cookies: [agentDevice]).status
            == .tooManyRequests)
        // After 180 days without signing in the browser is unknown again.
        let renewed = try #require(Self.deviceCookie(again))
        try await clock.sleep(until: start.addingTimeInterval(181 * 86_400))
        for _ in 0..<5 {
          #expect(try await Self.signIn(client, "admin@example.com", "wrong-password").status == .unauthorized)
        }
        #expect(
          try await Self.signIn(client, "admin@example.com", "correct horse battery", cookies: [renewed]).status
            == .tooManyRequests)
      }
    }
  }

  @Test("forwarding headers without --trusted-proxy: one warning in the log, however many requests")
  func proxiedWithoutTrustedProxyWarnsOnce() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        #expect(try await client.call(.get, "/health", as: nil).status == .ok)
        #expect(h.logs.all.filter { $0.contains("--trusted-proxy") }.isEmpty)
        for header in ["X-Forwarded-For", "Forwarded", "X-Forwarded-For"] {
          _ = try await client.call(.get, "/login", as: nil, headers: [(header, "for=198.51.100.7")])
        }
        #expect(h.logs.all.filter { $0.hasPrefix("warning") && $0.contains("--trusted-proxy") }.count == 1)
      }
    }
  }

  @Test("with --trusted-proxy set, forwarding headers are expected: no warning")
  func trustedProxyNoWarning() async throws {
    let trusted: (inout AppConfiguration) -> Void = { $0.trustedProxies = [.init("10.0.0.0/8")!] }
    try await AppHarness.run(configure: trusted) { h in
      try await h.test { client in
        _ = try await client.call(.get, "/login", as: nil, headers: [("X-Forwarded-For", "198.51.100.7")])
        #expect(h.logs.all.filter { $0.contains("--trusted-proxy") }.isEmpty)
      }
    }
  }

  @Test("Set password under a sign-in flood: the admin's change gets a reserved place, else 503 with Retry-After")
  func setPasswordUnderFlood() async throws {
    let oneThread: (inout AppConfiguration) -> Void = {
      $0.passwordThreads = 1
      $0.passwordQueueLimit = 0
    }
    try await AppHarness.run(configure: oneThread) { h in
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "admin@example.com")
        let path = "/admin/agents/\(h.agent.agent.id)/password"
        func setPassword(_ password: String) async throws -> Reply {
          try await client.call(
            .post, path, as: nil,
            headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
            form: "_csrf=\(csrf)&password=\(password)")
        }
        let work = h.services.passwordWork
        let gate = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        // A sign-in flood holds the one thread; the sign-in lane is full.
        let signIn = Task {
          try await work.runForTesting {
            started.signal()
            gate.wait()
          }
        }
        started.wait()
        #expect(
          try await WebUITests.attemptSignIn(client, "agent@example.com", "correct horse battery").status
            == .serviceUnavailable)
        // The admin's change is admitted to a reserved place and done once the thread frees up.
        let change = Task { try await setPassword("a brand new passphrase") }
        while work.admittedForTesting < 2 { await Task.yield() }
        gate.signal()
        try await signIn.value
        let changed = try await change.value
        #expect(changed.status == .seeOther, "\(changed.status) \(changed.text)")
        #expect(
          try await WebUITests.attemptSignIn(client, "agent@example.com", "a brand new passphrase").status == .seeOther)

        // The reserved places taken too: 503 with Retry-After, never a 500.
        let flood = Task {
          try await work.runForTesting {
            started.signal()
            gate.wait()
          }
        }
        started.wait()
        let holders =
          [flood] + (0..<2).map { _ in Task { try await work.runForTesting(lane: .reserved) { gate.wait() } } }
        while work.admittedForTesting < 3 { await Task.yield() }
        let busy = try await setPassword("another new passphrase")
        #expect(busy.status == .serviceUnavailable)
        #expect(busy.headers[.retryAfter] == "2")
        #expect(busy.text.contains("busy checking passwords"))
        for _ in holders { gate.signal() }
        for holder in holders { try await holder.value }
        #expect(h.logs.all.filter { $0.hasPrefix("error") }.isEmpty)
      }
    }
  }
}
