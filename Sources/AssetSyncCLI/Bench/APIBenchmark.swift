import ArgumentParser
import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import KandjiSimulator
import Logging
import PostgresStore
import SQLiteStore
import SyncService
import WebApp

/// `assetsync bench api`: N assets synced from the Kandji simulator (in a child process) into a
/// fresh store, the server on loopback, and concurrent keep-alive clients asking each endpoint
/// for a while: requests per second, p50 and p99 latency, the same for one client, `/health`
/// beside for scale, and the process's peak memory.
struct APIBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "api",
    abstract: "Read throughput and latency of the API and the web list (100,000 assets by default)."
  )

  @Option(help: "Assets to sync from the simulator first.")
  var assets: Int = 100_000

  @Option(help: "Concurrent keep-alive connections.")
  var connections: Int = 16

  @Option(help: "Seconds per endpoint (the one-client run takes a third of it).")
  var seconds: Double = 10

  @Option(help: "Measure PostgreSQL: a postgres:// URL where the user may CREATE DATABASE (default: a SQLite file).")
  var database: String?

  @Option(help: "Directory for the SQLite database (deleted afterwards).")
  var workDirectory: String = FileManager.default.temporaryDirectory.path

  func validate() throws {
    guard (1...2_000_000).contains(assets) else { throw ValidationError("--assets takes 1 to 2000000.") }
    guard (1...512).contains(connections) else { throw ValidationError("--connections takes 1 to 512.") }
    guard seconds >= 1 else { throw ValidationError("--seconds takes at least 1.") }
    if let database {
      do { _ = try PostgresStoreConfiguration(url: database) } catch { throw ValidationError("--database: \(error)") }
    }
  }

  func run() async throws {
    try await BenchStore.with(database: database, workDirectory: workDirectory) { store, label in
      let simulator = try await SimulatorProcess(devices: assets, rateLimited: false)
      defer { simulator.stop() }
      Console.line("Syncing \(assets) devices from the simulator into \(label)…")
      let start = ContinuousClock.now
      let seeded = try await APISeed.make(store: store, simulator: simulator)
      Console.line(String(format: "seeded in %.1f s; serving on loopback", (ContinuousClock.now - start).seconds))
      try await APIServer.serving(seeded.services) { port in
        try await measure(port: port, seeded: seeded)
      }
    }
  }

  private func measure(port: Int, seeded: APISeed) async throws {
    let api = HTTPLoad(port: port, headers: ["Authorization: \(seeded.basicAuthorization)"])
    let web = HTTPLoad(port: port, headers: ["Cookie: \(seeded.sessionCookie)"])
    let type = seeded.largestType
    let deepPage = min(1_000, max(1, (seeded.largestTypeCount + 49) / 50))
    let maxID = seeded.maxAssetID
    let endpoints: [(String, HTTPLoad, @Sendable () -> String)] = [
      ("/health", api, { "/health" }),
      ("GET asset/<id>/", api, { "/api/1.1/json/asset/\(Int64.random(in: 1...maxID))/" }),
      ("assets page 1", api, { "/api/1.1/json/assets/?asset_type=\(type)&size=50&page=1" }),
      ("assets page \(deepPage)", api, { "/api/1.1/json/assets/?asset_type=\(type)&size=50&page=\(deepPage)" }),
      ("search q=MacBook", api, { "/api/1.1/json/assets/?asset_type=\(type)&size=50&q=MacBook" }),
      ("search q=<serial>", api, { "/api/1.1/json/assets/?asset_type=\(type)&size=50&q=\(seeded.randomSerial())" }),
      ("web list page 1", web, { "/assets?type=\(type)" }),
    ]
    Console.line(
      "endpoint              conns    req/s   p50 ms   p99 ms  | 1 client: req/s   p50 ms   p99 ms  errors")
    ProcessMemory.resetPeak()
    for (name, load, path) in endpoints {
      // Warm up caches and connections before measuring.
      _ = await load.run(connections: connections, seconds: 1, path: path)
      let many = await load.run(connections: connections, seconds: seconds, path: path)
      let one = await load.run(connections: 1, seconds: max(1, seconds / 3), path: path)
      Console.line(
        String(
          format: "%-20@ %5d %8.0f %8.2f %8.2f  |          %6.0f %8.2f %8.2f  %6d",
          name.padding(
            toLength: 20, withPad: " ", startingAt: 0) as NSString,
          connections, many.requestsPerSecond, many.percentile(0.5), many.percentile(0.99), one.requestsPerSecond,
          one.percentile(0.5), one.percentile(0.99), many.errors + one.errors))
    }
    let megabytes = { (bytes: Int) in Double(bytes) / 1_048_576 }
    Console.line(
      String(
        format:
          "peak RSS while serving: %.1f MB (now %.1f MB heap, %.1f MB mapped files: the SQLite file is memory-mapped)",
        megabytes(ProcessMemory.peakResidentBytes), megabytes(ProcessMemory.residentAnonymousBytes),
        megabytes(ProcessMemory.residentFileBytes)))
  }
}
