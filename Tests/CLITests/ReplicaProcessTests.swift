import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import PostgresStore
import SQLiteStore
import Testing

/// Two `assetsync serve` processes on one PostgreSQL and one simulator: the replica running the
/// sync is killed with SIGKILL mid-run; "Sync now" on the other replica (same host, so it can
/// tell the process has ended) takes over at once and finishes with every device present exactly
/// once.
@Suite(
  "Replicas as processes", .enabled(if: PostgresTestDatabase.enabled, "\(PostgresTestDatabase.skipReason)"),
  .timeLimit(.minutes(3)))
struct ReplicaProcessTests {
  static let devices = 1_500
  static let secretKey = Data(repeating: 9, count: 32).base64EncodedString()

  func serve(_ database: String) async throws -> (ChildProcess, String) {
    let child = try await ChildProcess(
      [
        "serve", "--database", database, "--port", "0", "--no-scheduler", "--sync-stale-after", "4",
        "--log-level", "error", "--allow-custom-kandji-endpoints",
      ], environment: ["ASSETSYNC_SECRET_KEY": Self.secretKey])
    let line = try await child.line(containing: "listening on ")
    let url = String(line[line.range(of: "http://")!.lowerBound...]).trimmingCharacters(in: .whitespaces)
    return (child, url)
  }

  @Test("a replica killed mid-run loses its run at once; the other finishes the sync, every device once")
  func killedReplicaIsTakenOver() async throws {
    let configuration = try await PostgresTestDatabase.makeDatabase()
    let database = configuration.url
    let simulator = try await ChildProcess([
      "simulate-kandji", "--port", "0", "--json", "--devices", "\(Self.devices)", "--latency-ms", "20",
      "--rate-per-second", "0", "--rate-per-hour", "0",
    ])
    defer { simulator.stop() }
    let started = try await simulator.line(containing: "\"token\"")
    let simulatorInfo = try #require(try JSONSerialization.jsonObject(with: Data(started.utf8)) as? [String: Any])
    let simulatorURL = try #require(simulatorInfo["url"] as? String)
    let simulatorToken = try #require(simulatorInfo["token"] as? String)

    let agent = try await CommandRunner.run(
      [
        "agents", "create", "--database", database, "--email", "admin@example.com", "--name", "Admin", "--role",
        "admin", "--password-stdin",
      ], stdin: "a long enough password\n")
    #expect(agent.status == 0, "\(agent.stderr)")
    let key = try await CommandRunner.run([
      "api-keys", "create", "--database", database, "--agent", "admin@example.com", "--json",
    ])
    let credentials = try #require(try JSONSerialization.jsonObject(with: Data(key.stdout.utf8)) as? [String: String])

    let (replicaA, urlA) = try await serve(database)
    defer { replicaA.stop() }
    let (replicaB, urlB) = try await serve(database)
    defer { replicaB.stop() }
    let a = APIClient(baseURL: urlA, key: credentials["api_key"]!, code: credentials["auth_code"]!)
    let b = APIClient(baseURL: urlB, key: credentials["api_key"]!, code: credentials["auth_code"]!)

    #expect(try await a.call("POST", "apps/kandji/install").status < 300)
    let authorize = try await a.call(
      "POST", "apps/kandji/authorize",
      json: #"{"api_url":"\#(simulatorURL)","api_token":"\#(simulatorToken)"}"#)
    #expect(authorize.json["authorized"] as? Bool == true, "\(authorize.json)")
    let mapping = try await a.call(
      "PUT", "apps/kandji/mapping", json: #"{"name_source":"device_name","display_id_source":"serial_number"}"#)
    #expect(mapping.status == 202)
    let firstRun = try #require((mapping.json["sync_run"] as? [String: Any])?["id"] as? Int)

    // Kill A once it has written some assets but is still running.
    let store = try await PostgresAssetStore.connect(configuration, logger: PostgresTestDatabase.quietLogger)
    while try await store.assets(AssetQuery(managed: true)).total == 0 {
      try await Task.sleep(for: .milliseconds(20))
    }
    #expect(try await store.syncRun(id: Int64(firstRun))?.status == .running)
    await replicaA.killHard()

    // A's process has ended and both replicas share this host, so B takes the run over at once
    // (without waiting for A's lease to go stale) and resumes it. The store would refuse B while
    // A's heartbeat is fresh if A were on another host (FailureSyncTests, RunOwnerTests).
    var takeover: Int?
    let deadline = Date().addingTimeInterval(30)
    while takeover == nil, Date() < deadline {
      let attempt = try await b.call("POST", "apps/kandji/sync")
      if attempt.status < 300 { takeover = (attempt.json["sync_run"] as? [String: Any])?["id"] as? Int }
      if takeover == nil { try await Task.sleep(for: .milliseconds(250)) }
    }
    let secondRun = try #require(takeover)
    var status = "running"
    while status == "running", Date() < deadline.addingTimeInterval(60) {
      try await Task.sleep(for: .milliseconds(200))
      status = try await b.call("GET", "apps/kandji/sync_runs/\(secondRun)").json["status"] as? String ?? "?"
    }
    #expect(status == "completed")
    #expect(try await store.syncRun(id: Int64(firstRun))?.status == .interrupted)
    #expect(try await store.syncRun(id: Int64(firstRun))?.error?.contains("has ended") == true)
    var deviceIDs: [String] = []
    var page = 1
    while true {
      let assets = try await store.assets(AssetQuery(managed: true, page: page, size: PageWindow.maxSize))
      #expect(assets.total == Self.devices)
      deviceIDs += assets.items.compactMap(\.kandji?.deviceID)
      guard page < assets.pageCount else { break }
      page += 1
    }
    #expect(deviceIDs.count == Self.devices)
    #expect(Set(deviceIDs).count == Self.devices)
    store.shutdown()
  }
}
