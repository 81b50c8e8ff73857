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

/// `assetsync bench api`: N assets synced from the Kandji simulator (in a child process) into a
/// fresh store, the server on loopback, and concurrent keep-alive clients asking each endpoint
/// for a while: requests per second, p50 and p99 latency, the same for one client, `/health`
/// beside for scale, and the process's peak memory. Endpoints: the asset, list pages, the list's
/// search, the web list, the one search box (a user's email, 5 characters of a serial, a first
/// name) and the history of an asset with 500 entries; each with its target and whether it is met.
struct APIBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "api",
    abstract: "Read throughput and latency of the API, search, history and the web list (100,000 assets by default)."
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
      try await APIServer.serving(seeded.application) { port in
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
    let history = "/api/1.1/json/asset/\(seeded.historyAssetID)/history/"
    let lastHistoryPage = (APISeed.historyEntries + 9) / 10
    let list = APITarget(minimumShare: 0.05, p99Below: 50, oneClientP50Below: 5)
    let endpoints: [APIEndpoint] = [
      APIEndpoint("/health", api, nil) { "/health" },
      APIEndpoint("GET asset/<id>/", api, APITarget(minimumShare: 0.35, p99Below: 10)) {
        "/api/1.1/json/asset/\(Int64.random(in: 1...maxID))/"
      },
      APIEndpoint("assets page 1", api, list) { "/api/1.1/json/assets/?asset_type=\(type)&size=50&page=1" },
      APIEndpoint("assets page \(deepPage)", api, list) {
        "/api/1.1/json/assets/?asset_type=\(type)&size=50&page=\(deepPage)"
      },
      APIEndpoint("search q=MacBook", api, .search(p50Below: 10)) {
        "/api/1.1/json/assets/?asset_type=\(type)&size=50&q=MacBook"
      },
      APIEndpoint("search q=<serial>", api, .search(p50Below: 10)) {
        "/api/1.1/json/assets/?asset_type=\(type)&size=50&q=\(seeded.randomSerial())"
      },
      APIEndpoint("web list page 1", web, APITarget(minimumShare: 0.5, reference: "assets page 1")) {
        "/assets?type=\(type)"
      },
      // The one search box (issue 20): devices, contacts and tickets at once.
      APIEndpoint("search/ user email", api, .search(p50Below: 15)) {
        "/api/1.1/json/search/?q=\(seeded.randomEmail())"
      },
      APIEndpoint("search/ 5 of serial", api, .search(p50Below: 15)) {
        "/api/1.1/json/search/?q=\(seeded.randomSerialFragment())"
      },
      APIEndpoint("search/ first name", api, .search(p50Below: 15)) {
        "/api/1.1/json/search/?q=\(seeded.randomFirstName())"
      },
      APIEndpoint("history page 1", api, APITarget(oneClientP50Below: 10)) { history },
      APIEndpoint("history page \(lastHistoryPage)", api, APITarget(oneClientP50Below: 10)) {
        history + "?page=\(lastHistoryPage)"
      },
    ]
    Console.line(
      "endpoint              conns    req/s   p50 ms   p99 ms  | 1 client: req/s   p50 ms   p99 ms  errors")
    ProcessMemory.resetPeak()
    var rates: [String: Double] = [:]
    var verdicts: [String] = []
    for endpoint in endpoints {
      let (load, path) = (endpoint.load, endpoint.path)
      // Warm up caches and connections before measuring.
      _ = await load.run(connections: connections, seconds: 1, path: path)
      let many = await load.run(connections: connections, seconds: seconds, path: path)
      let one = await load.run(connections: 1, seconds: max(1, seconds / 3), path: path)
      rates[endpoint.name] = many.requestsPerSecond
      Console.line(
        String(
          format: "%-20@ %5d %8.0f %8.2f %8.2f  |          %6.0f %8.2f %8.2f  %6d",
          endpoint.name.padding(
            toLength: 20, withPad: " ", startingAt: 0) as NSString,
          connections, many.requestsPerSecond, many.percentile(0.5), many.percentile(0.99), one.requestsPerSecond,
          one.percentile(0.5), one.percentile(0.99), many.errors + one.errors))
      if let target = endpoint.target {
        verdicts.append(
          endpoint.name.padding(toLength: 20, withPad: " ", startingAt: 0) + " "
            + target.verdict(many: many, one: one, referenceRate: rates[target.reference]))
      }
    }
    Console.line(
      "targets (\(connections) connections; history: an asset with \(APISeed.historyEntries) entries, 10 a page):")
    for verdict in verdicts { Console.line(verdict) }
    let megabytes = { (bytes: Int) in Double(bytes) / 1_048_576 }
    Console.line(
      String(
        format:
          "peak RSS while serving: %.1f MB (now %.1f MB heap, %.1f MB mapped files: the SQLite file is memory-mapped)",
        megabytes(ProcessMemory.peakResidentBytes), megabytes(ProcessMemory.residentAnonymousBytes),
        megabytes(ProcessMemory.residentFileBytes)))
  }
}
