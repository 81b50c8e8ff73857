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

/// `assetsync bench backfill`: what choosing a details attribute costs (issue 19), on a virtual
/// clock. After an initial sync of `--devices` the details documents are forgotten (what an
/// installation upgraded from a release that did not keep them holds); then choosing FileVault and
/// storage free through the same use case as the API starts the backfill, paced at the
/// connection's default 40 calls a second and 9,000 an hour in its durable ledger. Then `--days`
/// daily runs with the rotation at `--max-age-days`. Reported: each phase's Kandji calls (counted
/// by the simulator), its time on the virtual clock (the pacer's waits move it) and on the wall,
/// and the oldest details at the end.
struct BackfillBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backfill",
    abstract: "Kandji calls and paced duration of a details backfill and of the rotation (virtual clock)."
  )

  @Option(help: "Devices in the simulated tenant.")
  var devices: Int = 10_000

  @Option(help: "The rotation's D: every device's details at most this many days old.")
  var maxAgeDays: Int = 7

  @Option(help: "Daily runs with the rotation after the backfill.")
  var days: Int = 7

  @Option(help: "Directory for the benchmark database (deleted afterwards).")
  var workDirectory: String = FileManager.default.temporaryDirectory.path

  func validate() throws {
    guard (1...1_000_000).contains(devices) else { throw ValidationError("--devices must be 1 to 1000000.") }
    guard ConnectionSettings.detailsMaxAgeRange.contains(maxAgeDays) else {
      throw ValidationError("--max-age-days must be 1 to 365.")
    }
    guard (0...366).contains(days) else { throw ValidationError("--days must be 0 to 366.") }
  }

  /// 2027-01-15T00:00:00Z, an hour boundary (Kandji's hourly windows are clock hours).
  static let start = Date(timeIntervalSince1970: 1_799_971_200)

  func run() async throws {
    let simulator = KandjiSimulator(
      configuration: SimulatorConfiguration(
        deviceCount: devices, seed: 7, requestsPerSecond: nil, requestsPerHour: nil, referenceDate: Self.start))
    let path = URL(fileURLWithPath: workDirectory).appendingPathComponent(
      "assetsync-backfill-\(UUID().uuidString).sqlite"
    ).path
    defer {
      for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    try await simulator.withRunningServer { url in
      try await measure(simulator: simulator, url: url, path: path)
    }
  }

  /// One phase's figures.
  private struct Phase {
    var name: String
    var listCalls: Int
    var detailCalls: Int
    var virtualSeconds: Double
    var wallSeconds: Double
  }

  private func measure(simulator: KandjiSimulator, url: String, path: String) async throws {
    var quiet = Logger(label: "assetsync.bench")
    quiet.logLevel = .error
    let store = try SQLiteAssetStore(path: path)
    let sealer = try TokenSealer(keyData: Data((0..<32).map { UInt8($0) }))
    try await store.saveKandjiSettings(KandjiSettings(installed: true))
    var settings = ConnectionSettings()
    settings.mapping = .default
    settings.refreshMinutes = 0
    let connection = try await store.createKandjiConnection(
      KandjiConnectionDraft(
        name: "Benchmark", apiURL: url, sealedToken: try sealer.seal(KandjiToken(simulator.fullAccessToken)),
        settings: settings),
      at: Self.start)
    // One virtual time for the engine, the pacer and the durable ledger: waits for the budget
    // move it on, as an hour would pass for a real server.
    let clock = ManualClock(start: Self.start)
    let makeClient: KandjiClientFactory = { endpoint in
      LiveKandjiClient(
        configuration: KandjiClientConfiguration(
          baseURL: endpoint.url, token: endpoint.token, pacing: endpoint.pacing, endpointPolicy: .allowCustomEndpoints),
        clock: clock, ledger: endpoint.ledger)
    }
    let application = AssetSyncApp(
      store: store, sealer: sealer, settings: ApplicationSettings(allowCustomKandjiEndpoints: true, historyDays: 0),
      clock: clock, makeClient: makeClient, logger: quiet)
    let coordinator = application.coordinator
    var phases: [Phase] = []
    func phase(_ name: String, _ body: () async throws -> Void) async throws {
      simulator.resetStats()
      let virtualStart = clock.now()
      let wallStart = ContinuousClock.now
      try await body()
      await coordinator.waitForAllRuns()
      let stats = simulator.stats
      phases.append(
        Phase(
          name: name, listCalls: stats.listRequests, detailCalls: stats.detailRequests,
          virtualSeconds: clock.now().timeIntervalSince(virtualStart),
          wallSeconds: (ContinuousClock.now - wallStart).seconds))
    }

    try await phase("initial sync") {
      try await coordinator.start(connectionID: connection.id, trigger: .initial)
    }
    // The upgrade: details read by a release that did not keep their documents. The backfill
    // starts on the next clock hour, with the hour's budget untouched.
    _ = try await SQLiteDatabase(path: path).writeOne("UPDATE assets SET details_attributes = NULL")
    clock.advance(to: Self.nextHour(after: clock.now()))
    let keys = KandjiAttributeCatalogue.defaultKeys + ["filevault_enabled", "storage_free"]
    try await phase("backfill") {
      try await application.connections.saveFieldSelection(keys, connectionID: connection.id)
    }
    let left = try await application.connections.detailsBackfillProgress(connectionID: connection.id)
    try await application.connections.update(connectionID: connection.id) {
      $0.settings.detailsMaxAgeDays = maxAgeDays
    }
    for day in 0..<days {
      clock.advance(to: Self.nextHour(after: clock.now().addingTimeInterval(86_400 - 3_600)))
      try await phase("rotation day \(day + 1)") {
        try await coordinator.start(connectionID: connection.id, trigger: .scheduled)
      }
    }
    let oldest = try await SQLiteDatabase(path: path).read { s in
      try await s.fetchOne("SELECT MIN(details_fetched_at) FROM assets WHERE retired_at IS NULL")?.double(at: 0)
        .map(Date.init(timeIntervalSince1970:))
    }

    Console.line(
      "devices \(devices), pacing 40 calls/s and 9,000 calls/h (the defaults), rotation D = \(maxAgeDays) days")
    for p in phases {
      Console.line(
        String(
          format: "%@: %d list + %d details = %d calls; %.1f min on the virtual clock, %.1f s wall",
          p.name, p.listCalls, p.detailCalls, p.listCalls + p.detailCalls, p.virtualSeconds / 60, p.wallSeconds))
    }
    Console.line(
      "after the backfill: \(left.pending) of \(left.total) devices still waiting; floor \(devices) details + \((devices + 299) / 300) list calls"
    )
    let rotation = phases.filter { $0.name.hasPrefix("rotation") }
    if !rotation.isEmpty {
      let perDay = rotation.map(\.detailCalls)
      Console.line(
        "rotation: \(perDay.min() ?? 0)–\(perDay.max() ?? 0) details calls a day (⌈\(devices)/\(maxAgeDays)⌉ = \((devices + maxAgeDays - 1) / maxAgeDays)) + \((devices + 299) / 300) list calls"
      )
    }
    if let oldest {
      Console.line(
        String(format: "oldest details at the end: %.2f days old", clock.now().timeIntervalSince(oldest) / 86_400))
    }
  }

  /// The first clock hour after `date`.
  static func nextHour(after date: Date) -> Date {
    Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3_600).rounded(.down) * 3_600 + 3_600)
  }
}
