import ArgumentParser
import AssetCore
import AssetStore
import AsyncHTTPClient
import Foundation
import KandjiAPI
import Logging
import PostgresStore
import SQLiteStore
import SyncService

/// `assetsync bench sync`: a first sync and an unchanged re-sync against a simulator in a child
/// process, into a fresh SQLite file (and, with `--database postgres://…`, into a fresh PostgreSQL
/// database on that server as well): wall time, Kandji calls against the lower bound, store
/// writes and peak memory. With `--fleet-moves N`, two more runs: N devices leave just before the
/// second page is requested ("moved": the N devices shifted past the page boundary are confirmed
/// still listed), then the run that retires the N that left ("retire"); their list calls beyond
/// the listing's ⌈N/300⌉ are the confirmations.
struct SyncBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sync",
    abstract: "First sync and unchanged re-sync (10k and 100k devices by default)."
  )

  @Option(help: "Comma-separated fleet sizes.")
  var devices: String = "10000,100000"

  @Option(help: "Directory for the benchmark databases (deleted afterwards).")
  var workDirectory: String = FileManager.default.temporaryDirectory.path

  @Option(
    help:
      "Also measure PostgreSQL: a postgres:// URL of a server where the user may CREATE DATABASE (a scratch database per fleet size is created and dropped)."
  )
  var database: String?

  @Option(help: "Devices that leave while the third run pages (0: no such runs).")
  var fleetMoves: Int = 0

  func validate() throws {
    guard (0...10_000).contains(fleetMoves) else { throw ValidationError("--fleet-moves must be 0 to 10000.") }
    if let database {
      do { _ = try PostgresStoreConfiguration(url: database) } catch { throw ValidationError("--database: \(error)") }
    }
    try FleetSizes(devices).validate()
  }

  private var sizes: [Int] { FleetSizes(devices).values }

  func run() async throws {
    let server = try database.map { try PostgresStoreConfiguration(url: $0) }
    Console.line(
      "fleet    store     run       seconds  list calls (bound)  detail calls (bound)  asset writes  peak RSS (MB)  heap (MB)  outcome"
    )
    for size in sizes {
      let simulator = try await SimulatorProcess(devices: size, rateLimited: false)
      defer { simulator.stop() }
      try await measureSQLite(size: size, simulator: simulator)
      if let server { try await measurePostgres(size: size, simulator: simulator, server: server) }
    }
  }

  private func measureSQLite(size: Int, simulator: SimulatorProcess) async throws {
    let path = URL(fileURLWithPath: workDirectory).appendingPathComponent(
      "assetsync-bench-\(UUID().uuidString).sqlite"
    ).path
    defer {
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    try await measure(size: size, store: try SQLiteAssetStore(path: path), label: "sqlite", simulator: simulator)
  }

  private func measurePostgres(size: Int, simulator: SimulatorProcess, server: PostgresStoreConfiguration)
    async throws
  {
    let scratch: PostgresStoreConfiguration
    do { scratch = try await PostgresScratchDatabase.create(on: server, prefix: "assetsync_bench") } catch {
      throw CLIError("\(error)")
    }
    do {
      let store = try await PostgresAssetStore.connect(scratch)
      try await measure(size: size, store: store, label: "postgres", simulator: simulator)
      store.shutdown()
    } catch {
      try? await PostgresScratchDatabase.drop(scratch, server: server)
      throw error
    }
    try? await PostgresScratchDatabase.drop(scratch, server: server)
  }

  private func measure(size: Int, store: any AssetStore, label storeLabel: String, simulator: SimulatorProcess)
    async throws
  {
    var logger = Logger(label: "assetsync.bench")
    logger.logLevel = .error
    let engine = SyncEngine(store: store, logger: logger)
    let connection = try await store.createKandjiConnection(
      KandjiConnectionDraft(name: "Benchmark", apiURL: simulator.url), at: Date())
    var runs = [("first", size), ("re-sync", 0)]
    if fleetMoves > 0 { runs += [("moved", 0), ("retire", 0)] }
    for (label, detailBound) in runs {
      if label == "moved" { try await Self.shiftListing(simulator, remove: fleetMoves) }
      let client = LiveKandjiClient(
        configuration: KandjiClientConfiguration(
          baseURL: try KandjiBaseURL(simulator.url), token: KandjiToken(simulator.token), pacing: .unlimited,
          endpointPolicy: .allowCustomEndpoints))
      ProcessMemory.resetPeak()
      let start = ContinuousClock.now
      let run = try await engine.runOnce(
        client: client, options: SyncOptions(connectionID: connection.id, mapping: .default), trigger: .cli)
      let seconds = (ContinuousClock.now - start).seconds
      let peak = Double(ProcessMemory.peakResidentBytes) / 1_048_576
      let t = run.totals
      Console.line(
        String(
          format: "%-8d %@ %@ %8.2f  %10d (%5d)  %12d (%6d)  %12d  %13.1f  %9.1f  %@", size,
          storeLabel.padding(toLength: 9, withPad: " ", startingAt: 0) as NSString,
          label.padding(toLength: 8, withPad: " ", startingAt: 0) as NSString, seconds,
          run.listRequests, (size + 299) / 300, run.detailRequests, detailBound, run.assetWrites, peak,
          Double(ProcessMemory.residentAnonymousBytes) / 1_048_576,
          "\(run.status.rawValue): \(t.created) created, \(t.skipped) skipped, \(t.failed) failed, \(t.retired) retired"
            as NSString))
    }
  }

  /// Arms the simulator's `listing-shift`: `remove` devices leave before offset 300 is requested.
  static func shiftListing(_ simulator: SimulatorProcess, remove: Int) async throws {
    var request = HTTPClientRequest(url: simulator.url + "/_simulator/listing-shift?offset=300&remove=\(remove)")
    request.method = .POST
    request.headers.add(name: "Authorization", value: "Bearer \(simulator.token)")
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    guard response.status == .ok else { throw CLIError("the simulator refused the listing shift (\(response.status))") }
  }
}
