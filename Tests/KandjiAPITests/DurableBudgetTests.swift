import AssetCore
import Foundation
import KandjiSimulator
import Synchronization
import Testing

@testable import KandjiAPI

/// R24: the hourly budget holds across restarts and replicas (the ledger), pacing follows what
/// Kandji says is left, and long waits are announced with their end.
@Suite("The durable Kandji budget")
struct DurableBudgetTests {
  @Test("a restarted pacer sees the hour's calls in the ledger and waits for them to age out")
  func restartKeepsTheBudget() async throws {
    let clock = ManualClock()
    let ledger = InMemoryCallLedger()
    let policy = PacingPolicy(requestsPerSecond: 1_000, requestsPerHour: 100)
    let first = RequestPacer(policy: policy, clock: clock, ledger: ledger)
    for _ in 0..<90 { try await first.acquire() }
    #expect(ledger.total == 90)
    clock.advance(by: .seconds(600))
    // "Restart": a new pacer on the same ledger, ten minutes later.
    let waits = Mutex<[(Date, RequestPacer.WaitReason)]>([])
    let second = RequestPacer(policy: policy, clock: clock, ledger: ledger) { until, reason in
      waits.withLock { $0.append((until, reason)) }
    }
    for _ in 0..<10 { #expect(try await second.acquire() == .zero) }
    let waited = try await second.acquire()
    // The first calls were in the hour's first minute: they leave the window at 60:00.
    #expect(waited == .seconds(3_000))
    #expect(ledger.total == 101)
    let announced = try #require(waits.withLock { $0.first })
    #expect(announced.0 == clock.startDate.addingTimeInterval(3_600))
    #expect(announced.1 == .hourlyBudget)
  }

  @Test("another process's calls count: two pacers on one ledger share one budget")
  func replicasShareTheBudget() async throws {
    let clock = ManualClock()
    let ledger = InMemoryCallLedger()
    let policy = PacingPolicy(requestsPerSecond: 1_000, requestsPerHour: 100)
    let a = RequestPacer(policy: policy, clock: clock, ledger: ledger)
    let b = RequestPacer(policy: policy, clock: clock, ledger: ledger)
    for _ in 0..<60 { try await a.acquire() }
    clock.advance(by: .seconds(11))  // past b's refresh interval
    for _ in 0..<40 { #expect(try await b.acquire() == .zero) }
    #expect(try await b.acquire() > .seconds(3_000))
  }

  @Test("when Kandji has less left than the budget, requests spread over the rest of its hour")
  func followsKandjisRemaining() async throws {
    let clock = ManualClock()
    clock.advance(by: .seconds(3_000))  // 10 minutes before the hour turns
    let pacer = RequestPacer(policy: PacingPolicy(requestsPerSecond: 40, requestsPerHour: 9_000), clock: clock)
    await pacer.follow(remainingHour: 60, at: clock.now())
    try await pacer.acquire()
    let start = clock.elapsed()
    for _ in 0..<5 { try await pacer.acquire() }
    // 600 s left for 60 requests: one every 10 s instead of 40 a second.
    #expect(clock.elapsed() - start == .seconds(50))
    // Plenty left: no spreading.
    await pacer.follow(remainingHour: 9_500, at: clock.now())
    let before = clock.elapsed()
    for _ in 0..<5 { try await pacer.acquire() }
    #expect(clock.elapsed() - before < .seconds(1))
  }

  @Test("over HTTP: a simulator that shares its hour with other integrations is never driven to 429")
  func neverHitsKandjisLimit() async throws {
    let clock = ManualClock()
    let simulator = KandjiSimulator(
      configuration: SimulatorConfiguration(deviceCount: 50, requestsPerSecond: 50, requestsPerHour: 40),
      clock: clock)
    try await simulator.withRunningServer { url in
      let events = Mutex<[KandjiClientEvent]>([])
      let client = LiveKandjiClient(
        configuration: KandjiClientConfiguration(
          baseURL: try KandjiBaseURL(url), token: KandjiToken(simulator.fullAccessToken),
          endpointPolicy: .allowCustomEndpoints),
        clock: clock, onEvent: { event in events.withLock { $0.append(event) } })
      for device in simulator.devices.prefix(45) { _ = try await client.deviceDetails(id: device.deviceID) }
      #expect(simulator.stats.rateLimited == 0)
      #expect(simulator.stats.detailRequests == 45)
      let waited = events.withLock { list in
        list.contains { if case .waitingForBudget(_, .kandjiRemaining) = $0 { true } else { false } }
      }
      #expect(waited)
    }
  }

  @Test("a request someone waits on fails at once when the budget is spent, saying until when; nothing is sent")
  func interactiveRequestsDoNotWaitForTheBudget() async throws {
    let clock = ManualClock()
    let ledger = InMemoryCallLedger()
    let policy = PacingPolicy(requestsPerSecond: 1_000, requestsPerHour: 2)
    let sync = RequestPacer(policy: policy, clock: clock, ledger: ledger)
    for _ in 0..<2 { try await sync.acquire() }
    let interactive = RequestPacer(policy: policy.interactive, clock: clock, ledger: ledger)
    let start = clock.now()
    do {
      try await interactive.acquire()
      Issue.record("the spent budget let a request through")
    } catch let spent as BudgetSpent {
      #expect(spent.reason == .hourlyBudget)
      #expect(spent.until == start.addingTimeInterval(3_600))
      #expect(spent.description.contains("hourly budget is used up"))
    }
    #expect(clock.now() == start, "it did not wait")
    #expect(ledger.total == 2, "nothing was sent or counted")
    // Within the longest wait, it waits like any request.
    clock.advance(by: .seconds(3_597))
    #expect(try await interactive.acquire() == .seconds(3))
  }
}
