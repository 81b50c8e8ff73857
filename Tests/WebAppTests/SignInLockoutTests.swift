import AssetCore
import AssetSyncApplication
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
    let clock = ManualClock()
    let throttle = LoginThrottle(limits: .init(perAccount: 5, perAddress: 20, global: 50), clock: clock)
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
    clock.advance(by: .seconds(901))
    guard case .proceed = throttle.reserve(known) else {
      Issue.record("the device's failures did not age out")
      return
    }
  }

  @Test("the global budget holds back unknown emails only, never an active agent's email")
  func globalOnlyForUnknownEmails() {
    let clock = ManualClock()
    let throttle = LoginThrottle(limits: .init(perAccount: 5, perAddress: 20, global: 30), clock: clock)
    for index in 0..<30 {
      #expect(fail(throttle, .init(email: "guess\(index)@example.com", address: "203.0.113.\(index)")))
    }
    // Held back as a decoy (answered as a wrong password, unchecked), not refused with a wait.
    guard case .decoy = throttle.reserve(.init(email: "fresh@example.com", address: "192.0.2.1")) else {
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
    let throttle = LoginThrottle(limits: .init(perAddress: 20, global: 1_000), clock: ManualClock())
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

  @Test(
    "device cookies: valid for their agent, email and password hash within 180 days; forged, moved, expired or re-passworded ones are not"
  )
  func deviceCookieSignature() {
    let key = SymmetricKey(data: Data(repeating: 3, count: 32))
    let cookies = DeviceCookie(key: key)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let hash = "$2b$04$saltsaltsaltsaltsaltsOhashhashhashhashhashhashhash"
    let value = cookies.issue(agentID: 7, email: "Admin@Example.com", passwordHash: hash, at: now)
    func device(_ value: String?, agent: Int64 = 7, email: String = "admin@example.com", hash: String = hash, at: Date)
      -> String?
    { cookies.device(value, agentID: agent, email: email, passwordHash: hash, now: at) }
    #expect(device(value, email: "admin@example.com\n", at: now) != nil)
    #expect(device(value, at: now + 179 * 86_400) != nil)
    #expect(device(value, at: now + 181 * 86_400) == nil)
    #expect(device(value, agent: 8, at: now) == nil)
    #expect(device(value, email: "other@example.com", at: now) == nil)
    // A new password (a new hash, even of the same password) unbinds every earlier cookie.
    #expect(device(value, hash: "$2b$04$othersaltothersaltotheOhashhashhashhashhashhashhash", at: now) == nil)
    #expect(!value.contains("saltsalt"))
    #expect(
      DeviceCookie(key: SymmetricKey(data: Data(repeating: 4, count: 32))).device(
        value, agentID: 7, email: "admin@example.com", passwordHash: hash, now: now) == nil)
    // Any changed character of the payload breaks the signature.
    var parts = value.split(separator: ".").map(String.init)
    parts[3] = String(Int(parts[3])! + 86_400 * 365)
    #expect(device(parts.joined(separator: "."), at: now) == nil)
    #expect(device("", at: now) == nil)
    #expect(device(nil, at: now) == nil)
  }

  @Test("through the form: after strangers lock the admin's account, the admin's own browser still gets in")
  func knownBrowserGetsIn() async throws {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let clock = ManualClock(start: start, limit: start.addingTimeInterval(400 * 86_400))
    let smallGlobal: (inout AppConfiguration) -> Void = { $0.signInLimits = .init(global: 10) }
    try await AppHarness.run(wallClock: clock, configure: smallGlobal) { h in
      try await h.test { client in
        let first = try await Self.signIn(client, "admin@example.com", "correct horse battery")
        #expect(first.status == .seeOther)
        let device = try #require(Self.deviceCookie(first))
        let set = first.headers[values: .setCookie].first { $0.hasPrefix("assetsync_device=") } ?? ""
        #expect(set.contains("HttpOnly") && set.contains("; Secure") && set.contains("Max-Age=15552000"), "\(set)")
        // The attack: 5 wrong passwords lock the admin's account, and 10 for unknown emails spend
        // the global budget of 10 (only unknown emails' failures count towards it).
        for _ in 0..<5 {
          #expect(try await Self.signIn(client, "admin@example.com", "wrong-password").status == .unauthorized)
        }
        for index in 0..<10 {
          #expect(try await Self.signIn(client, "guess\(index)@example.com", "wrong").status == .unauthorized)
        }
        // A new browser waits for the admin's account; an unknown email is answered as a wrong
        // password (held back unchecked, not refused: a 429 would tell it is not an agent's)...
        #expect(try await Self.signIn(client, "admin@example.com", "correct horse battery").status == .tooManyRequests)
        #expect(try await Self.signIn(client, "guess99@example.com", "wrong").status == .unauthorized)
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

        // One agent's many known browsers take the known browsers' reserve: the admin's own
        // place is still free (on 4d88efd and before this fix they shared one reserve).
        // A holder of a place until the gate opens, admitted before the next one starts (the order
        // decides the places; no semaphore blocks a test thread while waiting for it).
        func hold(_ lane: PasswordWork.Lane) async -> Task<Void, any Error> {
          let before = work.admittedForTesting
          let holder = Task { try await work.runForTesting(lane: lane) { gate.wait() } }
          while work.admittedForTesting == before { await Task.yield() }
          return holder
        }
        let browsers = [await hold(.signIn), await hold(.knownBrowser), await hold(.knownBrowser)]
        await #expect(throws: PasswordWork.Busy.self) { try await work.runForTesting(lane: .knownBrowser) {} }
        let third = Task { try await setPassword("a third new passphrase") }
        while work.admittedForTesting < 4 { await Task.yield() }
        for _ in browsers { gate.signal() }
        for holder in browsers { try await holder.value }
        #expect(try await third.value.status == .seeOther)

        // Every place taken, the admin's too: 503 with Retry-After, never a 500.
        let holders = [
          await hold(.signIn), await hold(.knownBrowser), await hold(.knownBrowser), await hold(.admin),
        ]
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

  @Test("over the global budget an unknown email gets a decoy that counts as a failure; agents' failures never feed it")
  func decoyOverGlobalBudget() {
    let throttle = LoginThrottle(limits: .init(perAccount: 5, perAddress: 1_000, global: 3), clock: ManualClock())
    // Guesses at real agents' passwords are held to their accounts' limits, not the global budget.
    for index in 0..<10 {
      #expect(fail(throttle, .init(email: "agent\(index)@example.com", address: "192.0.2.1", knownAgent: true)))
    }
    for index in 0..<3 { #expect(fail(throttle, .init(email: "guess\(index)@example.com", address: "192.0.2.1"))) }
    let unknown = LoginThrottle.Attempt(email: "nobody@example.com", address: "192.0.2.1")
    for _ in 0..<5 {
      guard case .decoy(let reservation) = throttle.reserve(unknown) else {
        Issue.record("an unknown email over the global budget got no decoy")
        return
      }
      throttle.finish(reservation, succeeded: false)
    }
    // The decoys counted against the account like wrong passwords: now it waits, as any account would.
    guard case .wait = throttle.reserve(unknown) else {
      Issue.record("decoys were not counted as failures")
      return
    }
    guard case .proceed = throttle.reserve(.init(email: "agent@example.com", address: "192.0.2.1", knownAgent: true))
    else {
      Issue.record("a real agent was held back by the global budget")
      return
    }
  }

  @Test("through the form: an unknown email over the global budget answers exactly like a wrong password, unchecked")
  func unknownEmailLooksLikeWrongPassword() async throws {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let clock = ManualClock(start: start, limit: start.addingTimeInterval(86_400))
    let smallGlobal: (inout AppConfiguration) -> Void = {
      $0.signInLimits = .init(perAccount: 5, perAddress: 1_000, global: 3)
    }
    try await AppHarness.run(wallClock: clock, configure: smallGlobal) { h in
      try await h.test { client in
        let work = h.services.passwordWork
        // An agent's own wrong passwords do not spend the global budget: an unknown email
        // afterwards still gets a real check.
        for _ in 0..<4 {
          #expect(try await Self.signIn(client, "agent@example.com", "wrong-password").status == .unauthorized)
        }
        var checks = work.checksForTesting
        for index in 0..<3 {
          #expect(try await Self.signIn(client, "guess\(index)@example.com", "wrong").status == .unauthorized)
        }
        #expect(work.checksForTesting > checks)
        // Spent by unknown emails. On 4d88efd the next unknown email got 429 and an agent's
        // email 401: which emails have accounts showed in the status.
        checks = work.checksForTesting
        let before = clock.now()
        let unknown = try await Self.signIn(client, "nobody@example.com", "wrong")
        let waited = clock.now().timeIntervalSince(before)
        #expect(unknown.status == .unauthorized)
        #expect(unknown.text.contains("Email or password is incorrect."))
        #expect(unknown.headers[.retryAfter] == nil)
        #expect(work.checksForTesting == checks, "the decoy ran bcrypt")
        #expect(waited > 0 && abs(waited - work.typicalCheck) < 0.001, "waited \(waited) s")
        let known = try await Self.signIn(client, "admin@example.com", "wrong")
        #expect(known.status == .unauthorized)
        #expect(known.text.contains("Email or password is incorrect."))
        #expect(known.headers[.retryAfter] == nil)
        #expect(work.checksForTesting == checks + 1)
        func cookieNames(_ reply: Reply) -> [String] {
          reply.headers[values: .setCookie].map { String($0.prefix { $0 != "=" }) }.sorted()
        }
        #expect(cookieNames(unknown) == cookieNames(known))
        // Each decoy counts as a failure: the 5th failure locks that email like any account.
        for _ in 0..<4 {
          #expect(try await Self.signIn(client, "nobody@example.com", "wrong").status == .unauthorized)
        }
        #expect(try await Self.signIn(client, "nobody@example.com", "wrong").status == .tooManyRequests)
        // A real agent's email is never refused by the global budget.
        #expect(try await Self.signIn(client, "agent@example.com", "correct horse battery").status == .seeOther)
      }
    }
  }

  @Test("a new password forgets the agent's known browsers: their device cookies count as strangers again")
  func passwordChangeForgetsKnownBrowsers() async throws {
    // A clock that stands still: the account's 2 s backoff must not run out while the test runs.
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let clock = ManualClock(start: start, limit: start.addingTimeInterval(86_400))
    try await AppHarness.run(wallClock: clock) { h in
      try await h.test { client in
        let first = try await Self.signIn(client, "admin@example.com", "correct horse battery")
        let device = try #require(Self.deviceCookie(first))
        for _ in 0..<5 {
          #expect(try await Self.signIn(client, "admin@example.com", "wrong-password").status == .unauthorized)
        }
        // Known before the change: the cookie gets past the account's limit.
        let known = try await Self.signIn(client, "admin@example.com", "correct horse battery", cookies: [device])
        #expect(known.status == .seeOther)
        let renewed = try #require(Self.deviceCookie(known))
        #expect(
          try await Self.signIn(client, "admin@example.com", "correct horse battery", cookies: [renewed]).status
            == .seeOther)
        // The same password set again: a new bcrypt salt, a new credential version.
        let newHash = try await h.services.passwordWork.hash("correct horse battery")
        try await h.store.setAgentPassword(id: h.admin.agent.id, passwordHash: newHash)
        for cookie in [device, renewed] {
          let reply = try await Self.signIn(client, "admin@example.com", "correct horse battery", cookies: [cookie])
          #expect(reply.status == .tooManyRequests)
        }
      }
    }
  }

  @Test("bcrypt reserves: known browsers share theirs; admin actions keep their own place")
  func adminHasItsOwnReservedPlace() async throws {
    let work = PasswordWork(
      hasher: PasswordHasher(cost: 4), threads: 1, queueLimit: 0, knownBrowserSlots: 2, adminSlots: 1)
    let gate = DispatchSemaphore(value: 0)
    let shared = Task { try await work.runForTesting { gate.wait() } }
    while work.admittedForTesting < 1 { await Task.yield() }
    #expect(!work.hasRoom(.signIn))
    await #expect(throws: PasswordWork.Busy.self) { try await work.runForTesting {} }
    let browsers = (0..<2).map { _ in Task { try await work.runForTesting(lane: .knownBrowser) { gate.wait() } } }
    while work.admittedForTesting < 3 { await Task.yield() }
    // A third known browser (one agent with many device cookies) is turned away...
    #expect(!work.hasRoom(.knownBrowser))
    await #expect(throws: PasswordWork.Busy.self) { try await work.runForTesting(lane: .knownBrowser) {} }
    // ...while an admin action still gets its place, and only one.
    #expect(work.hasRoom(.admin))
    let admin = Task { try await work.runForTesting(lane: .admin) { gate.wait() } }
    while work.admittedForTesting < 4 { await Task.yield() }
    await #expect(throws: PasswordWork.Busy.self) { try await work.runForTesting(lane: .admin) {} }
    for _ in 0..<4 { gate.signal() }
    try await shared.value
    for browser in browsers { try await browser.value }
    try await admin.value
    #expect(work.admittedForTesting == 0)
  }
}
