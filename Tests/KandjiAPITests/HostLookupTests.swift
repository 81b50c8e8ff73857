import AssetCore
import Foundation
import Synchronization
import Testing

@testable import KandjiAPI

/// Follow-ups to issue 16 item 3 and issue 17 item 5: the host lookup counts against the one
/// 10 s deadline of an interactive check and happens once; a connection failure moves to the
/// host's next checked address; hanging lookups cannot pile up threads.
@Suite("Host lookups: inside the deadline, once, rotating, bounded")
struct HostLookupTests {
  static let token = KandjiToken("5f0c7a11-2b3c-4d5e-8f90-a1b2c3d4e5f6")

  static func client(clock: ManualClock, resolve: @escaping @Sendable (String) async -> [IPAddress]) throws
    -> LiveKandjiClient
  {
    LiveKandjiClient(
      configuration: KandjiClientConfiguration(
        baseURL: try KandjiBaseURL("acme.api.kandji.io"), token: token, requestTimeout: .seconds(10),
        retry: .interactive, endpointPolicy: .kandjiHostsOnly, resolve: resolve),
      clock: clock)
  }

  @Test("a lookup that hangs past the deadline ends the check at 10 s: one lookup, no answer, nothing sent")
  func hangingLookupEndsAtTheDeadline() async throws {
    let clock = ManualClock()
    let lookups = LookupCounter()
    let client = try Self.client(clock: clock) { host in
      lookups.count(host)
      try? await clock.delayAnswer(by: .seconds(30))  // DNS hangs; on the injected clock
      return [IPAddress("52.1.2.3")!]
    }
    let diagnosis = await client.authorize()
    #expect(diagnosis == .unreachableHost(detail: "no answer within 10 seconds"))
    #expect(lookups.total == 1)
    #expect(client.stats.requests == 1)  // the one attempt, which never got past the lookup
    #expect(client.checkedEndpointForTesting == nil)
  }

  @Test("a lookup that gives up (5 s, no address) is not repeated: the check ends after one lookup, within 10 s")
  func failedLookupIsNotRepeated() async throws {
    let clock = ManualClock()
    let lookups = LookupCounter()
    let client = try Self.client(clock: clock) { host in
      lookups.count(host)
      try? await clock.delayAnswer(by: .seconds(HostResolver.timeout))  // the resolver's own limit
      return []
    }
    let diagnosis = await client.authorize()
    #expect(diagnosis == .unreachableHost(detail: "could not resolve the host"))
    #expect(lookups.total == 1)
    #expect(clock.elapsed() == .seconds(5))
    #expect(clock.elapsed() < LiveKandjiClient.authorizationTimeout)
  }

  @Test("the policy check returns every address, all checked; one private address refuses the host")
  func everyAddressChecked() async throws {
    let url = try KandjiBaseURL("acme.api.kandji.io")
    let both = [IPAddress("52.1.2.3")!, IPAddress("2600:1f18::1")!]
    #expect(try await KandjiEndpointPolicy.kandjiHostsOnly.check(url) { _ in both } == both)
    await #expect(throws: KandjiError.self) {
      try await KandjiEndpointPolicy.kandjiHostsOnly.check(url) { _ in both + [IPAddress("10.0.0.1")!] }
    }
    #expect(KandjiEndpointPolicy.kandjiHostsOnly.hostProblem(with: url) == nil)
    let other = try KandjiBaseURL("https://127.0.0.1:8443")
    #expect(KandjiEndpointPolicy.kandjiHostsOnly.hostProblem(with: other)?.contains("not a Kandji API host") == true)
    #expect(KandjiEndpointPolicy.allowCustomEndpoints.hostProblem(with: other) == nil)
  }

  @Test("a connection failure moves to the next checked address; after the last one the check is dropped")
  func rotation() {
    let a = IPAddress("52.1.2.3")!
    let b = IPAddress("52.1.2.4")!
    let checked = CheckedEndpoint(addresses: [a, b], checkedAt: .seconds(100))
    #expect(checked.address == a)
    let second = checked.afterConnectionFailure(to: a)
    #expect(second?.address == b)
    // A late failure report for `a` (a concurrent request) does not skip `b`.
    #expect(second?.afterConnectionFailure(to: a)?.address == b)
    #expect(second?.afterConnectionFailure(to: b) == nil)  // all failed: look up and check again
    #expect(checked.isFresh(at: .seconds(399), recheckAfter: LiveKandjiClient.recheckInterval))
    #expect(!checked.isFresh(at: .seconds(400), recheckAfter: LiveKandjiClient.recheckInterval))
    // Under `.allowCustomEndpoints` the system resolver connects: nothing to rotate or drop.
    let system = CheckedEndpoint(addresses: [], checkedAt: .zero)
    #expect(system.address == nil)
    #expect(system.afterConnectionFailure(to: nil) == system)
  }

  @Test("past the limit of blocked lookups a lookup fails at once; a timed-out one holds its slot until it returns")
  func boundedLookups() async throws {
    let slots = LookupSlots(limit: 2)
    let gate = Gate()
    let started = LookupCounter()
    let lookup: @Sendable (String) -> [IPAddress] = { host in
      started.count(host)
      gate.wait()
      return [IPAddress("52.1.2.3")!]
    }
    // Two lookups whose callers give up at once (timeout 0) while getaddrinfo stays blocked.
    #expect(await HostResolver.addresses("a.example", timeout: 0, slots: slots, lookup: lookup) == [])
    #expect(await HostResolver.addresses("b.example", timeout: 0, slots: slots, lookup: lookup) == [])
    #expect(slots.taken == 2)
    // A third fails at once, never reaching the resolver: no third blocked thread.
    #expect(await HostResolver.addresses("c.example", timeout: 3_600, slots: slots, lookup: lookup) == [])
    await waitUntil { started.total == 2 }
    #expect(started.total == 2)
    // Literal addresses need no lookup and no slot.
    #expect(
      await HostResolver.addresses("[2600:1f18::1]", timeout: 0, slots: slots, lookup: lookup) == [
        IPAddress("2600:1f18::1")!
      ])
    gate.open()
    await waitUntil { slots.taken == 0 }
    #expect(slots.taken == 0)
    #expect(
      await HostResolver.addresses("d.example", timeout: 3_600, slots: slots, lookup: lookup) == [
        IPAddress("52.1.2.3")!
      ])
    #expect(HostResolver.maxConcurrentLookups == 8)
  }

  /// Yields until `condition` holds (threads of the resolver's queue finish on their own time).
  func waitUntil(_ condition: () -> Bool) async {
    for _ in 0..<1_000_000 where !condition() { await Task.yield() }
  }
}

/// A gate that blocked lookup threads wait at until the test opens it.
private final class Gate: Sendable {
  private let condition = NSCondition()
  private let isOpen = Mutex(false)

  func wait() {
    condition.lock()
    while !isOpen.withLock({ $0 }) { condition.wait() }
    condition.unlock()
  }

  func open() {
    condition.lock()
    isOpen.withLock { $0 = true }
    condition.broadcast()
    condition.unlock()
  }
}
