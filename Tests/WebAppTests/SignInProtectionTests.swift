import AssetCore
import AssetSyncApplication
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SyncService
import Synchronization
import Testing

@testable import WebApp

/// Issue 9, items 2, 3 and 8: the sign-in throttle cannot be bypassed and bcrypt cannot starve
/// the server. Each test replays an attack that worked before.
@Suite("Sign-in: throttle bypasses and bcrypt exhaustion")
struct SignInProtectionTests {
  func fail(_ throttle: LoginThrottle, _ email: String, from address: String? = "198.51.100.7") -> Bool {
    guard case .proceed(let reservation) = throttle.reserve(email: email, address: address) else { return false }
    throttle.finish(reservation, succeeded: false)
    return true
  }

  @Test("an email with a trailing newline or other case is the same account's bucket")
  func normalisedKey() {
    let clock = ManualClock()
    let throttle = LoginThrottle(clock: clock)
    for _ in 0..<5 { #expect(fail(throttle, "victim@example.com", from: nil)) }
    for variant in ["victim@example.com\n", " VICTIM@example.com", "Victim@Example.com\r\n"] {
      guard case .wait(let seconds) = throttle.reserve(email: variant, address: nil) else {
        Issue.record("\(variant.debugDescription) was a fresh bucket")
        continue
      }
      #expect(seconds > 0)
    }
  }

  @Test("flooding the table with junk emails never resets a throttled account")
  func boundedEviction() {
    let clock = ManualClock()
    let throttle = LoginThrottle(
      limits: .init(perAddress: 1_000_000, global: 1_000_000, maxKeys: 100), clock: clock)
    for _ in 0..<5 { #expect(fail(throttle, "victim@example.com")) }
    for index in 0..<10_001 { _ = fail(throttle, "junk\(index)@example.com", from: "203.0.113.\(index % 250)") }
    #expect(throttle.sizes.accounts <= 100)
    guard case .wait = throttle.reserve(email: "victim@example.com", address: "192.0.2.1") else {
      Issue.record("the victim's bucket was evicted")
      return
    }
  }

  @Test("parallel guesses are counted before they are checked: 30 at once, 5 evaluated")
  func reservedBeforeVerifying() {
    let throttle = LoginThrottle(clock: ManualClock())
    var granted: [LoginThrottle.Reservation] = []
    var refused = 0
    for _ in 0..<30 {
      switch throttle.reserve(email: "victim@example.com", address: "198.51.100.\(granted.count)") {
      case .proceed(let reservation): granted.append(reservation)
      case .wait: refused += 1
      case .decoy: Issue.record("an attempt within the global budget got a decoy")
      }
    }
    #expect(granted.count == 5)
    #expect(refused == 25)
    // A success clears the account's failures; released slots do not count as failures.
    for reservation in granted.dropLast() { throttle.finish(reservation, succeeded: false, counted: false) }
    throttle.finish(granted.last!, succeeded: true)
    guard case .proceed = throttle.reserve(email: "victim@example.com", address: nil) else {
      Issue.record("a successful sign-in did not clear the account")
      return
    }
  }

  @Test("one client address is limited across many accounts, and everyone together too")
  func perAddressAndGlobal() {
    let clock = ManualClock()
    let throttle = LoginThrottle(limits: .init(perAddress: 20, global: 50), clock: clock)
    for index in 0..<20 { #expect(fail(throttle, "user\(index)@example.com", from: "198.51.100.7")) }
    guard case .wait = throttle.reserve(email: "fresh@example.com", address: "198.51.100.7") else {
      Issue.record("the address was not limited")
      return
    }
    // Another address still may, until the global budget is spent.
    for index in 0..<30 { #expect(fail(throttle, "other\(index)@example.com", from: "203.0.113.\(index)")) }
    // Over it an unknown email is answered as a wrong password, unchecked (no 429 to tell it apart).
    guard case .decoy = throttle.reserve(email: "anyone@example.com", address: "192.0.2.99") else {
      Issue.record("the global limit did not hold")
      return
    }
    // Failures age out of the window.
    clock.advance(by: .seconds(901))
    guard case .proceed = throttle.reserve(email: "fresh@example.com", address: "198.51.100.7") else {
      Issue.record("the window did not move on")
      return
    }
  }

  @Test("password checks run on their own bounded pool; a full pool answers Busy at once")
  func boundedPool() async throws {
    let work = PasswordWork(hasher: PasswordHasher(cost: 4), threads: 1, queueLimit: 1)
    let gate = DispatchSemaphore(value: 0)
    let started = DispatchSemaphore(value: 0)
    let first = Task {
      try await work.runForTesting {
        started.signal()
        gate.wait()
      }
    }
    started.wait()
    let second = Task { try await work.runForTesting {} }  // queued behind the first
    while work.admittedForTesting < 2 { await Task.yield() }
    await #expect(throws: PasswordWork.Busy.self) { try await work.runForTesting {} }
    gate.signal()
    try await first.value
    try await second.value
    #expect(try await work.verify("correct horse battery", hash: PasswordHasher(cost: 4).hash("correct horse battery")))
  }

  @Test("an unknown email costs a bcrypt check like a wrong password (no timing oracle)")
  func dummyHashForUnknownEmails() async throws {
    let work = PasswordWork(hasher: PasswordHasher(cost: 4), threads: 1)
    #expect(work.checksForTesting == 0)
    #expect(try await work.verify("anything at all", hash: nil) == false)
    // The dummy hash is made once (one hash) and checked against (one verify).
    #expect(work.checksForTesting == 2)
    #expect(try await work.verify("anything at all", hash: nil) == false)
    #expect(work.checksForTesting == 3)
  }

  @Test("the sign-in form answers 503 with Retry-After while the password pool is saturated")
  func busySignIn() async throws {
    let oneThread: (inout AppConfiguration) -> Void = {
      $0.passwordThreads = 1
      $0.passwordQueueLimit = 0
    }
    try await AppHarness.run(configure: oneThread) { h in
      let gate = DispatchSemaphore(value: 0)
      let started = DispatchSemaphore(value: 0)
      let blocker = Task {
        try await h.services.passwordWork.runForTesting {
          started.signal()
          gate.wait()
        }
      }
      started.wait()
      try await h.test { client in
        let reply = try await WebUITests.attemptSignIn(client, "agent@example.com", "correct horse battery")
        #expect(reply.status == .serviceUnavailable)
        #expect(reply.headers[.retryAfter] == "2")
        #expect(reply.text.contains("Try again in a few seconds"))
        // Nothing counted against the account: once the pool frees up, the right password works.
        gate.signal()
        try await blocker.value
        let ok = try await WebUITests.attemptSignIn(client, "agent@example.com", "correct horse battery")
        #expect(ok.status == .seeOther)
      }
    }
  }

  @Test("a newline-suffixed email and 30 parallel guesses at the form: at most 5 are checked")
  func formAttacks() async throws {
    // A stopped clock: on a loaded machine the 2 s backoff after the fifth failure must not run
    // out before the next attempt arrives (CI saw a 303 there).
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let clock = ManualClock(start: start, limit: start.addingTimeInterval(86_400))
    try await AppHarness.run(wallClock: clock) { h in
      try await h.test { client in
        for _ in 0..<5 {
          #expect(
            try await WebUITests.attemptSignIn(client, "agent@example.com", "wrong-password").status == .unauthorized)
        }
        let bypass = try await WebUITests.attemptSignIn(client, "agent@example.com%0A", "correct horse battery")
        #expect(bypass.status == .tooManyRequests)
        #expect(bypass.headers[.retryAfter] != nil)
      }
    }
    clock.reset(to: start)
    try await AppHarness.run(wallClock: clock) { h in
      try await h.test { client in
        let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
          for _ in 0..<30 {
            group.addTask { try await WebUITests.attemptSignIn(client, "admin@example.com", "wrong-password").status }
          }
          return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == .unauthorized }.count <= 5)
        #expect(statuses.filter { $0 == .tooManyRequests }.count >= 25)
      }
    }
  }
}
