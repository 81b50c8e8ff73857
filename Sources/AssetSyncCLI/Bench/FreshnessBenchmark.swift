import ArgumentParser
import AssetCore
import AssetStore
import AssetSyncApplication
import Foundation
import KandjiAPI
import KandjiSimulator
import Logging
import SQLiteStore
import SyncService

/// `assetsync bench freshness`: how fresh quick refreshes (R23) keep the store, on a virtual
/// clock. The simulator changes `--change-rate` % of its devices per hour (an OS update) at
/// random moments; the real scheduler runs quick refreshes every `--refresh-minutes` and the
/// daily sync at 03:00 UTC against it over loopback HTTP, into a SQLite file. Reported: the time
/// from each change in Kandji to the store (p50, p95, max), Kandji calls per hour against the
/// floor of ⌈N/300⌉ list calls per refresh, each refresh's wall time, and store growth per day.
struct FreshnessBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "freshness",
    abstract: "Change-to-store latency, Kandji calls and store growth of quick refreshes (virtual clock)."
  )

  @Option(help: "Devices in the simulated tenant.")
  var devices: Int = 10_000

  @Option(help: "Percent of the devices changed per hour.")
  var changeRate: Double = 1

  @Option(help: "Minutes between quick refreshes.")
  var refreshMinutes: Int = 15

  @Option(help: "Simulated hours.")
  var hours: Double = 24

  @Option(help: "Seed of the tenant and of the changes.")
  var seed: UInt64 = 7

  @Option(help: "Directory for the benchmark database (deleted afterwards).")
  var workDirectory: String = FileManager.default.temporaryDirectory.path

  func validate() throws {
    guard (1...1_000_000).contains(devices) else { throw ValidationError("--devices must be 1 to 1000000.") }
    guard (0...100).contains(changeRate) else { throw ValidationError("--change-rate must be 0 to 100 (percent).") }
    guard (1...1_440).contains(refreshMinutes) else { throw ValidationError("--refresh-minutes must be 1 to 1440.") }
    guard hours > 0, hours <= 24 * 14 else { throw ValidationError("--hours must be more than 0 and at most 336.") }
  }

  /// 2027-01-15T00:00:00Z: the virtual day starts at midnight UTC; the daily sync is at 03:00.
  static let start = Date(timeIntervalSince1970: 1_799_971_200)

  func run() async throws {
    let simulator = KandjiSimulator(
      configuration: SimulatorConfiguration(
        deviceCount: devices, seed: seed, requestsPerSecond: nil, requestsPerHour: nil, referenceDate: Self.start))
    var quiet = Logger(label: "assetsync.bench")
    quiet.logLevel = .error
    let logger = quiet
    let path = URL(fileURLWithPath: workDirectory).appendingPathComponent(
      "assetsync-freshness-\(UUID().uuidString).sqlite"
    ).path
    defer {
      for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    try await simulator.withRunningServer { url in
      try await measure(simulator: simulator, url: url, path: path, logger: logger)
    }
  }

  private func measure(simulator: KandjiSimulator, url: String, path: String, logger: Logger) async throws {
    let store = try SQLiteAssetStore(path: path)
    let sealer = try TokenSealer(keyData: Data((0..<32).map { UInt8($0) }))
    try await store.saveKandjiSettings(KandjiSettings(installed: true))
    var settings = ConnectionSettings()
    settings.mapping = .default
    settings.schedule = SyncSchedule(hour: 3, minute: 0, timeZone: "UTC")
    settings.refreshMinutes = refreshMinutes
    let connection = try await store.createKandjiConnection(
      KandjiConnectionDraft(
        name: "Benchmark", apiURL: url, sealedToken: try sealer.seal(KandjiToken(simulator.fullAccessToken)),
        settings: settings),
      at: Self.start)

    let pages = try SQLiteDatabase(path: path)
    let tracker = ChangeTracker(pages: pages)
    let holder = ClockHolder()
    let clock = FreshnessClock(start: Self.start, simulator: simulator) {
      await tracker.check(store: store, connectionID: connection.id, holder: holder)
    }
    holder.clock = clock
    // One virtual time for everything: the scheduler, the engine, the pacer and the ledger.
    let makeClient: KandjiClientFactory = { endpoint in
      LiveKandjiClient(
        configuration: KandjiClientConfiguration(
          baseURL: endpoint.url, token: endpoint.token, pacing: endpoint.pacing, endpointPolicy: .allowCustomEndpoints),
        clock: clock, ledger: endpoint.ledger)
    }
    // The application as the server builds it; history is kept for the whole measurement.
    let application = AssetSyncApp(
      store: store, sealer: sealer, settings: ApplicationSettings(allowCustomKandjiEndpoints: true, historyDays: 0),
      clock: clock, makeClient: makeClient, logger: logger)
    let coordinator = application.coordinator
    // The initial sync, then the measured hours. The import spends more than an hour's budget
    // at 10,000 devices, so the pacer moves the virtual clock on: the measured period starts
    // when it ends.
    try await coordinator.start(connectionID: connection.id, trigger: .initial)
    await coordinator.waitForAllRuns()
    let measuredStart = clock.now()
    let end = measuredStart.addingTimeInterval(hours * 3_600)
    clock.measure(changes: plannedChanges(simulator: simulator, from: measuredStart, until: end), until: end)
    let sizeBefore = try await Self.usedBytes(pages)
    await tracker.startMeasuring()
    let wallStart = ContinuousClock.now
    try await application.scheduler().loop()
    await coordinator.waitForAllRuns()
    await tracker.check(store: store, connectionID: connection.id, holder: holder)
    let wallSeconds = (ContinuousClock.now - wallStart).seconds
    let sizeAfter = try await Self.usedBytes(pages)

    let runs = try await store.syncRuns(
      SyncRunFilter(connectionID: connection.id, startedSince: measuredStart, limit: 100_000))
    let measured = runs.filter { $0.trigger != .initial }
    let refreshes = measured.filter { $0.trigger == .refresh }
    let calls = measured.reduce(0) { $0 + $1.listRequests + $1.detailRequests }
    let refreshCalls = refreshes.reduce(0) { $0 + $1.listRequests + $1.detailRequests }
    let listFloor = Double((devices + 299) / 300) * 60 / Double(refreshMinutes)
    let latencies = await tracker.latencies.sorted()
    let missed = await tracker.pendingCount
    func minutes(_ p: Double) -> String {
      guard !latencies.isEmpty else { return "-" }
      return String(format: "%.1f", latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] / 60)
    }
    let refreshWall = await tracker.refreshWallSeconds.sorted()
    let days = hours / 24
    let dailyRows = measured.filter { $0.trigger == .scheduled }.reduce(0) { $0 + $1.totals.devices }
    let growthByTrigger = await tracker.growthByTrigger
    Console.line(
      "devices \(devices), \(changeRate) %/hour changed, refresh every \(refreshMinutes) min, \(hours) h simulated in \(String(format: "%.0f", wallSeconds)) s"
    )
    Console.line(
      "changes \(latencies.count + missed): visible after p50 \(minutes(0.5)) min, p95 \(minutes(0.95)) min, max \(latencies.last.map { String(format: "%.1f", $0 / 60) } ?? "-") min; not visible by the end: \(missed)"
    )
    Console.line(
      String(
        format: "Kandji calls per hour: %.0f (%.2f %% of 10,000); quick refreshes alone %.0f; floor of list calls %.0f",
        Double(calls) / hours, Double(calls) / hours / 100, Double(refreshCalls) / hours, listFloor))
    Console.line(
      "quick refreshes: \(refreshes.count), wall time p50 \(Self.percentile(refreshWall, 0.5)) s, max \(refreshWall.last.map { String(format: "%.2f", $0) } ?? "-") s; daily syncs: \(measured.count - refreshes.count)"
    )
    let refreshGrowth = Double(growthByTrigger[.refresh] ?? 0) / 1_048_576 / days
    let dailySyncs = max(1, measured.count - refreshes.count)
    let perDailySync = Double(growthByTrigger[.scheduled] ?? 0) / 1_048_576 / Double(dailySyncs)
    Console.line(
      String(
        format:
          "store growth per day: quick refreshes %.3f MB (%d changes stored), one daily sync %.3f MB (%d report rows: R9's one per device), together %.3f MB; measured over the run %.2f MB",
        refreshGrowth, latencies.count, perDailySync, dailyRows / dailySyncs, refreshGrowth + perDailySync,
        Double(sizeAfter - sizeBefore) / 1_048_576))
  }

  private func plannedChanges(simulator: KandjiSimulator, from start: Date, until end: Date)
    -> [FreshnessClock.Change]
  {
    var random = SplitMix64(seed: seed &+ 1)
    let ids = simulator.devices.map(\.deviceID)
    let count = Int((Double(devices) * changeRate / 100 * hours).rounded())
    let span = end.timeIntervalSince(start)
    return (0..<count).map { index in
      let offset = Double(random.next() % 1_000_000) / 1_000_000 * span
      return FreshnessClock.Change(
        at: start.addingTimeInterval(offset), deviceID: ids[Int(random.next() % UInt64(ids.count))],
        osVersion: "90.\(index)")
    }
  }

  /// Bytes of the pages in use, WAL included (what the file holds once checkpointed).
  static func usedBytes(_ database: SQLiteDatabase) async throws -> Int64 {
    try await database.read { s in
      let rows = try await s.fetch(["PRAGMA page_count", "PRAGMA freelist_count", "PRAGMA page_size"])
      let values = try rows.map { try $0.first?.int64(at: 0) ?? 0 }
      return (values[0] - values[1]) * values[2]
    }
  }

  static func percentile(_ values: [Double], _ p: Double) -> String {
    guard !values.isEmpty else { return "-" }
    return String(format: "%.2f", values[min(values.count - 1, Int(Double(values.count) * p))])
  }
}

/// Lets the clock's callback reach the clock it belongs to.
final class ClockHolder: @unchecked Sendable {
  // Set once before the scheduler starts; read afterwards only.
  var clock: FreshnessClock?
}

/// Which changes the store shows, and since when: checked whenever the scheduler is about to
/// sleep, i.e. after every run (a run happens at one virtual moment).
actor ChangeTracker {
  private let pages: SQLiteDatabase
  private var pending: [String: FreshnessClock.Change] = [:]
  /// Bytes the store grew by after runs of each trigger.
  private(set) var growthByTrigger: [SyncTrigger: Int64] = [:]
  private var measuredBytes: Int64?

  init(pages: SQLiteDatabase) { self.pages = pages }

  /// From now on, growth is attributed to the runs that cause it.
  func startMeasuring() async { measuredBytes = try? await FreshnessBenchmark.usedBytes(pages) }
  private(set) var latencies: [Double] = []
  private(set) var refreshWallSeconds: [Double] = []
  private var lastRunID: Int64 = 0
  private var lastCheck = ContinuousClock.now

  var pendingCount: Int { pending.count }

  func check(store: any AssetStore, connectionID: Int64, holder: ClockHolder) async {
    guard let clock = holder.clock else { return }
    // The wall time since the previous check is the run that happened in between.
    let wall = (ContinuousClock.now - lastCheck).seconds
    if let last = try? await store.syncRuns(connectionID: connectionID, limit: 1).first, last.id != lastRunID {
      lastRunID = last.id
      if last.trigger == .refresh { refreshWallSeconds.append(wall) }
      if let before = measuredBytes, let bytes = try? await FreshnessBenchmark.usedBytes(pages) {
        growthByTrigger[last.trigger, default: 0] += bytes - before
        measuredBytes = bytes
      }
    }
    defer { lastCheck = ContinuousClock.now }
    let now = clock.now()
    for change in clock.takeMadeChanges() { pending[change.deviceID] = change }  // the latest change counts
    guard !pending.isEmpty else { return }
    let devices = pending.keys.map { DeviceSnapshot(deviceID: $0, serialNumber: nil, platformName: "") }
    guard let snapshot = try? await store.syncSnapshot(connectionID: connectionID, for: devices, displayIDs: [])
    else { return }
    for (deviceID, change) in pending where snapshot.byDeviceID[deviceID]?.attributes.osVersion == change.osVersion {
      latencies.append(now.timeIntervalSince(change.at))
      pending[deviceID] = nil
    }
  }
}
