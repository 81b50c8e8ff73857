import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import KandjiAPI
import KandjiSimulator
import Logging
import PostgresStore
import SQLiteStore
import SyncService
import Testing
import WebApp

/// Several replicas (each its own `AppServices`, store connection pool, coordinator and
/// scheduler) on one PostgreSQL database and one simulator, in one process, on test clocks.
@Suite("Replicas on one PostgreSQL", .enabled(if: PostgresTestDatabase.enabled, "\(PostgresTestDatabase.skipReason)"))
struct ReplicaTests {
  static let start = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z

  static func replica(
    _ database: PostgresStoreConfiguration, clock: ManualClock, simulatorClock: ManualClock,
    sealer: TokenSealer
  ) async throws -> AppServices {
    let store = try await PostgresAssetStore.connect(database, logger: PostgresTestDatabase.quietLogger)
    return AppServices(
      store: store, sealer: sealer,
      configuration: AppConfiguration(bcryptCost: 4, runScheduler: false, allowCustomKandjiEndpoints: true),
      clock: clock,
      makeClient: { endpoint in
        LiveKandjiClient(
          configuration: KandjiClientConfiguration(
            baseURL: endpoint.url, token: endpoint.token, requestTimeout: .seconds(5), pacing: .unlimited,
            retry: RetryPolicy(maxAttempts: 2, jitter: RetryPolicy.noJitter), endpointPolicy: .allowCustomEndpoints),
          clock: simulatorClock, ledger: endpoint.ledger)
      })
  }

  @Test("two schedulers due at the same minute: exactly one run per slot, every device once")
  func twoSchedulersOneRunPerSlot() async throws {
    let database = try await PostgresTestDatabase.makeDatabase()
    let simulatorClock = ManualClock()
    let simulator = KandjiSimulator(
      configuration: SimulatorConfiguration(deviceCount: 40, requestsPerSecond: nil, requestsPerHour: nil),
      clock: simulatorClock)
    let sealer = try TokenSealer(keyData: Data(repeating: 7, count: 32))
    let limit = Self.start.addingTimeInterval(3 * 86_400)
    let clockA = ManualClock(start: Self.start, limit: limit)
    let clockB = ManualClock(start: Self.start, limit: limit)
    try await simulator.withRunningServer { url in
      let a = try await Self.replica(database, clock: clockA, simulatorClock: simulatorClock, sealer: sealer)
      let b = try await Self.replica(database, clock: clockB, simulatorClock: simulatorClock, sealer: sealer)
      try await a.store.readyConnection(
        url: url, token: simulator.fullAccessToken, sealer: sealer,
        schedule: SyncSchedule(hour: 3, minute: 15, timeZone: "Europe/Berlin"))

      // Each replica jumps its own manual clock, hours apart at times: resuming "stale" runs would
      // take live runs over, so it is off here (SchedulerTests cover it on one clock).
      async let loopA: Void = SyncScheduler(
        store: a.store, coordinator: a.coordinator, clock: clockA, resumesInterruptedRuns: false
      ).loop()
      async let loopB: Void = SyncScheduler(
        store: b.store, coordinator: b.coordinator, clock: clockB, resumesInterruptedRuns: false
      ).loop()
      _ = try await (loopA, loopB)

      let runs = try await b.store.syncRuns(connectionID: nil, limit: 100)
      #expect(runs.count == 3, "one run for each of the three daily slots")
      #expect(runs.allSatisfy { $0.trigger == .scheduled && $0.status == .completed })
      #expect(Set(runs.map(\.startedAt)).count == runs.count, "no slot ran twice")
      let ordered = runs.sorted { $0.id < $1.id }
      for (first, next) in zip(ordered, ordered.dropFirst()) { #expect(first.finishedAt! <= next.startedAt) }
      let assets = try await a.store.assets(AssetQuery(managed: true, size: 1_000))
      #expect(assets.total == 40)
      #expect(Set(assets.items.compactMap(\.kandji?.deviceID)).count == 40)
    }
  }

  @Test("Sync now on a second replica while the first runs is refused with the running run's id")
  func syncNowIsClusterWide() async throws {
    let database = try await PostgresTestDatabase.makeDatabase()
    let simulatorClock = ManualClock()
    let simulator = KandjiSimulator(
      configuration: SimulatorConfiguration(deviceCount: 5, requestsPerSecond: nil, requestsPerHour: nil),
      clock: simulatorClock)
    let sealer = try TokenSealer(keyData: Data(repeating: 7, count: 32))
    let clock = ManualClock(start: Self.start, limit: Self.start.addingTimeInterval(86_400))
    try await simulator.withRunningServer { url in
      let a = try await Self.replica(database, clock: clock, simulatorClock: simulatorClock, sealer: sealer)
      let b = try await Self.replica(database, clock: clock, simulatorClock: simulatorClock, sealer: sealer)
      let connection = try await a.store.readyConnection(url: url, token: simulator.fullAccessToken, sealer: sealer)
      // A replica that died mid-run leaves a fresh "running" row behind: B must refuse while it
      // is fresh, and take over once it is stale.
      let dead = try await a.store.beginSyncRun(
        connectionID: connection.id, trigger: .manual, owner: "replica-a", at: clock.now(), staleAfter: 120)
      await #expect(throws: StoreError.syncAlreadyRunning(runID: dead.id)) {
        try await b.coordinator.start(connectionID: connection.id, trigger: .manual)
      }
      try await clock.sleep(until: clock.now().addingTimeInterval(121))
      let takeover = try await b.coordinator.start(connectionID: connection.id, trigger: .manual)
      let finished = await b.coordinator.waitForCurrentRun()
      #expect(finished?.id == takeover.id)
      #expect(finished?.status == .completed)
      #expect(try await a.store.syncRun(id: dead.id)?.status == .interrupted)
      #expect(try await a.store.assets(AssetQuery(managed: true)).total == 5)
    }
  }
}
