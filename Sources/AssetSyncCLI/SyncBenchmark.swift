import ArgumentParser
import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import Logging
import SyncService

/// `assetsync bench sync`: a first sync and an unchanged re-sync against a simulator in a child
/// process, into a fresh SQLite file: wall time, Kandji calls against the lower bound, store
/// writes and peak memory.
struct SyncBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sync",
    abstract: "First sync and unchanged re-sync (10k and 100k devices by default)."
  )

  @Option(help: "Comma-separated fleet sizes.")
  var devices: String = "10000,100000"

  @Option(help: "Directory for the benchmark databases (deleted afterwards).")
  var workDirectory: String = FileManager.default.temporaryDirectory.path

  func validate() throws { try FleetSizes(devices).validate() }

  private var sizes: [Int] { FleetSizes(devices).values }

  func run() async throws {
    Console.line(
      "fleet    run       seconds  list calls (bound)  detail calls (bound)  asset writes  peak RSS (MB)  outcome")
    for size in sizes {
      let simulator = try SimulatorProcess(devices: size, rateLimited: false)
      defer { simulator.stop() }
      let path = URL(fileURLWithPath: workDirectory).appendingPathComponent(
        "assetsync-bench-\(UUID().uuidString).sqlite"
      ).path
      defer {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
      }
      let store = try SQLiteAssetStore(path: path)
      var logger = Logger(label: "assetsync.bench")
      logger.logLevel = .error
      let engine = SyncEngine(store: store, logger: logger)
      for (label, detailBound) in [("first", size), ("re-sync", 0)] {
        let client = LiveKandjiClient(
          configuration: KandjiClientConfiguration(
            baseURL: try KandjiBaseURL(simulator.url), token: KandjiToken(simulator.token), pacing: .unlimited))
        ProcessMemory.resetPeak()
        let start = ContinuousClock.now
        let run = try await engine.runOnce(client: client, options: SyncOptions(mapping: .default), trigger: .cli)
        let seconds = (ContinuousClock.now - start).seconds
        let peak = Double(ProcessMemory.peakResidentBytes) / 1_048_576
        let t = run.totals
        Console.line(
          String(
            format: "%-8d %@ %8.2f  %10d (%5d)  %12d (%6d)  %12d  %13.1f  %@", size,
            label.padding(toLength: 8, withPad: " ", startingAt: 0) as NSString, seconds,
            run.listRequests, (size + 299) / 300, run.detailRequests, detailBound, run.assetWrites, peak,
            "\(run.status.rawValue): \(t.created) created, \(t.skipped) skipped, \(t.failed) failed" as NSString))
      }
    }
  }
}
