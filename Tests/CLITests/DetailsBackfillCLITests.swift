import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import SQLiteStore
import Testing

/// The details backfill and rotation from the command line (issue 19), with the real binary
/// against a `simulate-kandji` child: `kandji set --fields` queues the backfill (the CLI starts no
/// run: its process ends first) and says so; `assetsync sync` fetches it; `kandji set
/// --details-max-age-days D` sets and clears the rotation.
@Suite("Details backfill and rotation through the CLI", .timeLimit(.minutes(3)))
struct DetailsBackfillCLITests {
  func cli(_ arguments: [String], stdin: String? = nil) async throws -> CommandRunner.Output {
    try await CommandRunner.run(
      arguments, stdin: stdin, environment: ["ASSETSYNC_SECRET_KEY": TenantProcessTests.secretKey])
  }

  @Test func theBackfillIsQueuedByTheSelectionAndFetchedByTheNextSync() async throws {
    let tenant = try await TenantProcessTests.Tenant.start(devices: 25, seed: 5)
    defer { tenant.process.stop() }
    let database = try await tenant.connect()
    let first = try await cli(["sync", "--database", database, "--tenant", "US", "--allow-custom-kandji-endpoints"])
    #expect(first.status == 0, "\(first.stderr)")
    // What a release that did not keep details documents leaves behind.
    let store = try SQLiteAssetStore(path: database)
    try await StoreBackend.execute("UPDATE assets SET details_attributes = NULL", on: store)

    let keys = (KandjiAttributeCatalogue.defaultKeys + ["filevault_enabled"]).joined(separator: ",")
    let set = try await cli(["kandji", "set", "--database", database, "--name", "US", "--fields", keys])
    #expect(set.status == 0, "\(set.stderr)")
    #expect(set.stdout.contains("Details backfill: 25 of 25 devices wait for a details call"), "\(set.stdout)")
    #expect(set.stdout.contains("`assetsync sync --tenant \"US\"` does now"))
    let listed = try await cli(["kandji", "fields", "--database", database, "--name", "US", "--json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
    let backfill = try #require(json["details_backfill"] as? [String: Any])
    #expect(backfill["pending"] as? Int == 25 && backfill["total"] as? Int == 25)

    let second = try await cli(
      ["sync", "--database", database, "--tenant", "US", "--allow-custom-kandji-endpoints"])
    #expect(second.status == 0, "\(second.stderr)")
    let run = try #require(try await store.syncRuns(connectionID: 1, limit: 1).first)
    #expect(run.detailRequests == 25)  // one call per device, no more
    #expect(try await store.detailsBackfillProgress(connectionID: 1).pending == 0)
    let text = try await cli(["kandji", "fields", "--database", database, "--name", "US"])
    #expect(!text.stdout.contains("Details backfill:"))
  }

  @Test func aKilledBackfillContinuesAtTheNextSyncWithTheRestOnly() async throws {
    // Answers take 40 ms, so the backfill of 600 devices is still going when it is killed.
    let tenant = try await TenantProcessTests.Tenant.start(
      devices: 600, seed: 5, extra: ["--latency-ms", "40", "--rate-per-second", "0", "--rate-per-hour", "0"])
    defer { tenant.process.stop() }
    let database = try await tenant.connect()
    let sync = ["sync", "--database", database, "--tenant", "US", "--allow-custom-kandji-endpoints"]
    #expect(try await cli(sync).status == 0)
    let store = try SQLiteAssetStore(path: database)
    try await StoreBackend.execute("UPDATE assets SET details_attributes = NULL", on: store)
    let keys = (KandjiAttributeCatalogue.defaultKeys + ["storage_free"]).joined(separator: ",")
    #expect(try await cli(["kandji", "set", "--database", database, "--name", "US", "--fields", keys]).status == 0)
    try await tenant.control("reset-stats")

    let first = try await ChildProcess(sync, environment: ["ASSETSYNC_SECRET_KEY": TenantProcessTests.secretKey])
    // Killed (`kill -9`) once some details are written and most are still waiting.
    let deadline = Date().addingTimeInterval(60)
    while try await store.detailsBackfillProgress(connectionID: 1).pending > 500, Date() < deadline {
      try await Task.sleep(for: .milliseconds(20))
    }
    await first.killHard()
    let left = try await store.detailsBackfillProgress(connectionID: 1).pending
    #expect(left > 0 && left <= 500)
    let stats = try #require(try await tenant.control("stats") as? [String: Any])
    let before = try #require(stats["detail_requests"] as? Int)
    try await tenant.control("reset-stats")

    let second = try await cli(sync)
    #expect(second.status == 0, "\(second.stderr)")
    let run = try #require(try await store.syncRuns(connectionID: 1, limit: 1).first)
    #expect(run.status == .completed)
    // Only the devices still marked: what the killed run wrote is not read again. Calls it had in
    // flight but not written (at most a batch of 32) are the only repeats.
    #expect(run.detailRequests == left)
    #expect(before + left - 600 <= 32, "\(before) before the kill, \(left) after")
    #expect(try await store.detailsBackfillProgress(connectionID: 1).pending == 0)
  }

  @Test func theRotationIsSetAndClearedWithItsBoundsChecked() async throws {
    let tenant = try await TenantProcessTests.Tenant.start(devices: 2, seed: 5)
    defer { tenant.process.stop() }
    let database = try await tenant.connect()
    func set(_ days: String) async throws -> CommandRunner.Output {
      try await cli(["kandji", "set", "--database", database, "--name", "US", "--details-max-age-days", days])
    }
    func saved() async throws -> Int? {
      try await SQLiteAssetStore(path: database).kandjiConnection(id: 1)?.settings.detailsMaxAgeDays
    }
    let on = try await set("7")
    #expect(on.status == 0, "\(on.stderr)")
    #expect(on.stdout.contains("details at most 7 days old"), "\(on.stdout)")
    #expect(try await saved() == 7)
    for refused in ["366", "week"] {
      let reply = try await set(refused)
      #expect(reply.status != 0, "\(refused)")
      #expect(reply.stderr.contains("--details-max-age-days: Use 1 to 365 days"), "\(refused): \(reply.stderr)")
    }
    #expect(try await saved() == 7)
    for off in ["0", ""] {
      _ = try await set("30")
      let reply = try await set(off)
      #expect(reply.status == 0, "\(off): \(reply.stderr)")
      #expect(reply.stdout.contains("details rotation off"), "\(off): \(reply.stdout)")
      #expect(try await saved() == nil)
    }
    let listed = try await cli(["kandji", "list", "--database", database, "--json"])
    #expect(!listed.stdout.contains("details_max_age_days"))  // off: absent
  }
}
