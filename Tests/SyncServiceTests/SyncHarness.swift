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
import Synchronization

/// A simulator on loopback, a fresh store (SQLite unless told) and an engine, with one shared virtual clock for
/// the client and the simulator (no real waiting on `Retry-After` or pacing).
struct SyncHarness: Sendable {
  let simulator: KandjiSimulator
  let clock: ManualClock
  let baseURL: String
  let store: any AssetStore
  let engine: SyncEngine
  /// The engine's clock (the store's timestamps and the run's heartbeat), moved by hand; apart
  /// from `clock`, the Kandji side's, as a replica's and Kandji's clocks are.
  let time: ManualClock
  /// The Kandji connection (tenant) the runs sync.
  let connectionID: Int64

  func client(token: String? = nil, retry: RetryPolicy = RetryPolicy(maxAttempts: 3, jitter: RetryPolicy.noJitter))
    throws -> LiveKandjiClient
  {
    LiveKandjiClient(
      configuration: KandjiClientConfiguration(
        baseURL: try KandjiBaseURL(baseURL), token: KandjiToken(token ?? simulator.fullAccessToken),
        pacing: .unlimited, retry: retry, endpointPolicy: .allowCustomEndpoints),
      clock: clock)
  }

  /// One run with a fresh client (as every real run has), returning it and its client's stats.
  func sync(
    mapping: FieldMapping = .default, token: String? = nil, trigger: SyncTrigger = .manual, blueprints: [String] = [],
    onProgress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
  ) async throws -> SyncRun {
    time.advance(by: .seconds(60))
    var options = SyncOptions(connectionID: connectionID, mapping: mapping)
    options.blueprintIDs = blueprints
    return try await engine.runOnce(
      client: try client(token: token), options: options, trigger: trigger, onProgress: onProgress)
  }

  func report(_ run: SyncRun) async throws -> [SyncReportRow] {
    try await store.allReportRows(runID: run.id)
  }

  @discardableResult
  static func run<T: Sendable>(
    devices: Int = 120, perSecond: Int? = nil, backend: StoreBackend = .sqlite,
    _ body: @Sendable (SyncHarness) async throws -> T
  ) async throws -> T {
    let clock = ManualClock()
    let simulator = KandjiSimulator(
      configuration: SimulatorConfiguration(deviceCount: devices, requestsPerSecond: perSecond, requestsPerHour: nil),
      clock: clock)
    let store = try await backend.makeStore()
    let time = ManualClock(start: Date(timeIntervalSince1970: 1_790_000_000))
    var logger = Logger(label: "assetsync.sync.test")
    logger.logLevel = .warning  // the runs' info lines would bury the test output
    let engine = SyncEngine(store: store, clock: time, owner: "test", logger: logger)
    return try await simulator.withRunningServer { url in
      let connection = try await store.createKandjiConnection(
        KandjiConnectionDraft(name: "Test tenant", apiURL: url), at: time.now())
      return try await body(
        SyncHarness(
          simulator: simulator, clock: clock, baseURL: url, store: store, engine: engine, time: time,
          connectionID: connection.id))
    }
  }
}
