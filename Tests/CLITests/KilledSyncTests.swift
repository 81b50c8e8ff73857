import AssetCore
import AssetStore
import Foundation
import SQLiteStore
import Testing

/// `kill -9` of `assetsync sync` mid-run: the next `assetsync sync` on the same host sees that
/// the run's process has ended, takes the run over at once and finishes it — it is not refused
/// with "already running" until the dead run's lease goes stale.
@Suite("A killed CLI sync", .timeLimit(.minutes(3)))
struct KilledSyncTests {
  static let secretKey = Data(repeating: 9, count: 32).base64EncodedString()

  @Test("the next sync takes a killed sync's run over at once and finishes it")
  func nextSyncTakesOverAtOnce() async throws {
    let simulator = try await ChildProcess([
      "simulate-kandji", "--port", "0", "--json", "--devices", "600", "--latency-ms", "40", "--rate-per-second", "0",
      "--rate-per-hour", "0",
    ])
    defer { simulator.stop() }
    let started = try await simulator.line(containing: "\"token\"")
    let info = try #require(try JSONSerialization.jsonObject(with: Data(started.utf8)) as? [String: Any])
    let url = try #require(info["url"] as? String)
    let token = try #require(info["token"] as? String)
    let database = CommandRunner.temporaryDatabase()
    let environment = ["ASSETSYNC_SECRET_KEY": Self.secretKey]
    let connected = try await CommandRunner.run(
      [
        "kandji", "connect", "--database", database, "--name", "Fleet", "--url", url, "--token-stdin",
        "--allow-custom-kandji-endpoints",
      ], stdin: token + "\n", environment: environment)
    #expect(connected.status == 0, "\(connected.stderr)")

    let first = try await ChildProcess(
      ["sync", "--database", database, "--allow-custom-kandji-endpoints"], environment: environment)
    let store = try SQLiteAssetStore(path: database)
    // Kill it once it has written assets and is still fetching details.
    let deadline = Date().addingTimeInterval(60)
    while try await store.assets(AssetQuery(managed: true)).total == 0, Date() < deadline {
      try await Task.sleep(for: .milliseconds(20))
    }
    let running = try #require(try await store.runningSyncRun(connectionID: nil))
    await first.killHard()

    let second = try await CommandRunner.run(
      ["sync", "--database", database, "--allow-custom-kandji-endpoints"], environment: environment)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(!second.stderr.contains("already running"))
    let killed = try #require(try await store.syncRun(id: running.id))
    #expect(killed.status == .interrupted)
    #expect(killed.error?.contains("has ended") == true)
    let runs = try await store.syncRuns(connectionID: nil, limit: 5)
    #expect(runs.first?.status == .completed)
    #expect(runs.first?.detailsPending == 0)
    #expect(try await store.assets(AssetQuery(managed: true)).total == 600)
  }
}
