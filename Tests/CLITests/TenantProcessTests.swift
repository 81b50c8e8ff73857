import AssetCore
import AssetStore
import Foundation
import SQLiteStore
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Several Kandji tenants with real processes (issue 11): two `simulate-kandji` tenants synced
/// into one database through the command line, and a server killed mid-run that resumes after a
/// restart without going over the connection's hourly budget.
@Suite("Kandji tenants as processes", .timeLimit(.minutes(4)))
struct TenantProcessTests {
  static let secretKey = Data(repeating: 5, count: 32).base64EncodedString()

  /// A `simulate-kandji` child and what it printed.
  struct Tenant {
    let process: ChildProcess
    let url: String
    let token: String

    static func start(devices: Int, seed: Int, extra: [String] = []) async throws -> Tenant {
      let child = try await ChildProcess(
        ["simulate-kandji", "--port", "0", "--json", "--devices", "\(devices)", "--seed", "\(seed)"] + extra)
      let line = try await child.line(containing: "\"token\"")
      let info = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      return Tenant(
        process: child, url: try #require(info["url"] as? String), token: try #require(info["token"] as? String))
    }

    /// A call to the simulator's control interface.
    @discardableResult
    func control(_ path: String) async throws -> Any {
      var request = URLRequest(url: URL(string: url + "/_simulator/" + path)!)
      request.httpMethod = path.hasPrefix("stats") ? "GET" : "POST"
      request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
      let (data, response) = try await URLSession.shared.data(for: request)
      #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(path): \(String(decoding: data, as: UTF8.self))")
      return try JSONSerialization.jsonObject(with: data)
    }

    /// `assetsync kandji connect` of this tenant as connection `name` of `database` (a new one when
    /// nil); returns the database's path.
    @discardableResult
    func connect(name: String = "US", database: String? = nil) async throws -> String {
      let database = database ?? CommandRunner.temporaryDatabase()
      let connected = try await CommandRunner.run(
        [
          "kandji", "connect", "--database", database, "--name", name, "--url", url, "--token-stdin",
          "--allow-custom-kandji-endpoints",
        ], stdin: token + "\n", environment: ["ASSETSYNC_SECRET_KEY": TenantProcessTests.secretKey])
      #expect(connected.status == 0, "\(connected.stderr)")
      #expect(connected.stdout.contains("Connected \"\(name)\""))
      return database
    }

    /// Kandji calls the simulator answered (list and details).
    func calls() async throws -> Int {
      let stats = try #require(try await control("stats") as? [String: Any])
      return (stats["list_requests"] as? Int ?? 0) + (stats["detail_requests"] as? Int ?? 0)
    }
  }

  func cli(_ arguments: [String], stdin: String? = nil) async throws -> CommandRunner.Output {
    let output = try await CommandRunner.run(
      arguments, stdin: stdin, environment: ["ASSETSYNC_SECRET_KEY": Self.secretKey])
    #expect(output.status == 0, "\(arguments.prefix(2).joined(separator: " ")): \(output.stderr)")
    return output
  }

  /// Every synced asset of the database with its connection's name, by serial number.
  func synced(_ store: SQLiteAssetStore) async throws -> [String: ListedAsset] {
    var all: [String: ListedAsset] = [:]
    var page = 1
    while true {
      let listing = try await store.assetListing(AssetQuery(managed: true, page: page, size: PageWindow.maxSize))
      for item in listing.items { all[item.asset.kandji?.serialNumber ?? ""] = item }
      guard page < listing.pageCount else { return all }
      page += 1
    }
  }

  @Test("two tenants through the CLI: own console hosts, scoped retirement, a device that moves keeps its asset")
  func twoTenantsThroughTheCommandLine() async throws {
    let us = try await Tenant.start(devices: 30, seed: 11)
    defer { us.process.stop() }
    let eu = try await Tenant.start(devices: 25, seed: 12)
    defer { eu.process.stop() }
    let database = CommandRunner.temporaryDatabase()
    for (name, tenant) in [("US", us), ("EU", eu)] { try await tenant.connect(name: name, database: database) }
    let listed = try await cli(["kandji", "list", "--database", database, "--json"])
    let connections = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    #expect(connections.compactMap { $0["name"] as? String } == ["US", "EU"])

    // One `sync` runs every enabled connection.
    _ = try await cli(["sync", "--database", database, "--allow-custom-kandji-endpoints"])
    let store = try SQLiteAssetStore(path: database)
    var assets = try await synced(store)
    #expect(assets.count == 55)
    #expect(assets.values.filter { $0.source?.name == "US" }.count == 30)
    #expect(assets.values.filter { $0.source?.name == "EU" }.count == 25)
    // Console links come from each connection's own URL.
    for item in assets.values {
      let tenant = item.source?.name == "US" ? us : eu
      #expect(item.source?.apiURL == tenant.url)
    }

    // A US device is re-enrolled in the EU tenant (same serial) while US still lists it: the EU
    // sync fails that device and overwrites nothing.
    let mover = try #require(assets.values.first { $0.source?.name == "US" })
    let serial = try #require(mover.asset.kandji?.serialNumber)
    let platform = try #require(mover.asset.kandji?.platform)
    try await eu.control("devices/add?serial_number=\(serial)&platform=\(platform.rawValue)")
    _ = try await cli(["sync", "--database", database, "--tenant", "EU", "--allow-custom-kandji-endpoints"])
    var runs = try await store.syncRuns(connectionID: nil, limit: 1)
    #expect(runs.first?.totals.failed == 1)
    var rows = try await store.allReportRows(runID: try #require(runs.first?.id))
    #expect(rows.contains { $0.outcome == .failed && $0.reason.contains("tenant \"US\" also lists this device") })
    assets = try await synced(store)
    #expect(assets[serial]?.source?.name == "US")

    // It leaves US, and two more US devices are deleted there: the US sync retires those three
    // and nothing of EU's.
    let leaving = assets.values.filter { $0.source?.name == "US" && $0.asset.kandji?.serialNumber != serial }
      .prefix(2)
    for item in [mover] + leaving {
      try await us.control("devices/\(try #require(item.asset.kandji?.deviceID))/remove")
    }
    _ = try await cli(["sync", "--database", database, "--tenant", "US", "--allow-custom-kandji-endpoints"])
    runs = try await store.syncRuns(connectionID: nil, limit: 1)
    #expect(runs.first?.totals.retired == 3)
    assets = try await synced(store)
    #expect(assets.values.filter { $0.asset.isRetired }.count == 3)
    #expect(assets.values.filter { $0.asset.isRetired }.allSatisfy { $0.source?.name == "US" })

    // The EU sync now takes the device over: the same asset, updated, "moved from".
    _ = try await cli(["sync", "--database", database, "--tenant", "EU", "--allow-custom-kandji-endpoints"])
    runs = try await store.syncRuns(connectionID: nil, limit: 1)
    rows = try await store.allReportRows(runID: try #require(runs.first?.id))
    #expect(rows.contains { $0.outcome == .updated && $0.reason.contains("moved from tenant \"US\"") })
    assets = try await synced(store)
    let moved = try #require(assets[serial])
    #expect(moved.asset.id == mover.asset.id)
    #expect(moved.source?.name == "EU")
    #expect(!moved.asset.isRetired)

    // Removing US (disabled first) retires its assets with a reason; EU's stay active.
    let refused = try await CommandRunner.run(
      ["kandji", "remove", "--database", database, "--name", "US"],
      environment: ["ASSETSYNC_SECRET_KEY": Self.secretKey])
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("Disable the Kandji connection \"US\""))
    _ = try await cli(["kandji", "disable", "--database", database, "--name", "US"])
    _ = try await cli(["kandji", "remove", "--database", database, "--name", "US"])
    assets = try await synced(store)
    #expect(assets.values.filter { $0.source?.name == "US" }.allSatisfy { $0.asset.isRetired })
    #expect(assets.values.filter { $0.source?.name == "EU" }.allSatisfy { !$0.asset.isRetired })
    #expect(assets.values.filter { $0.source?.name == "EU" }.count == 26)
    let remaining = try await cli(["kandji", "list", "--database", database, "--json"])
    #expect(remaining.stdout.contains("\"EU\"") && !remaining.stdout.contains("\"US\""))
  }

  @Test("a server killed mid-run resumes the run after a restart and keeps to the hourly budget")
  func killedServerResumesWithinBudget() async throws {
    // 300 devices need 301 calls (one list page, 300 details); the connection may make 200 an
    // hour. The simulator itself allows more, so only AssetSync's own budget can hold the line.
    let budget = 200
    let tenant = try await Tenant.start(devices: 300, seed: 21, extra: ["--latency-ms", "5", "--rate-per-hour", "0"])
    defer { tenant.process.stop() }
    let database = CommandRunner.temporaryDatabase()
    _ = try await cli(
      [
        "agents", "create", "--database", database, "--email", "admin@example.com", "--name", "Admin", "--role",
        "admin", "--password-stdin",
      ], stdin: "a long enough password\n")
    let key = try await cli(["api-keys", "create", "--database", database, "--agent", "admin@example.com", "--json"])
    let credentials = try #require(try JSONSerialization.jsonObject(with: Data(key.stdout.utf8)) as? [String: String])

    func serve() async throws -> (ChildProcess, APIClient) {
      let child = try await ChildProcess(
        [
          "serve", "--database", database, "--port", "0", "--sync-stale-after", "4", "--log-level", "error",
          "--allow-custom-kandji-endpoints",
        ], environment: ["ASSETSYNC_SECRET_KEY": Self.secretKey])
      let line = try await child.line(containing: "listening on ")
      let url = String(line[line.range(of: "http://")!.lowerBound...]).trimmingCharacters(in: .whitespaces)
      return (child, APIClient(baseURL: url, key: credentials["api_key"]!, code: credentials["auth_code"]!))
    }

    var (server, api) = try await serve()
    defer { server.stop() }
    #expect(try await api.call("POST", "apps/kandji/install").status < 300)
    let created = try await api.call(
      "POST", "apps/kandji/tenants",
      json:
        #"{"name":"Paced","api_url":"\#(tenant.url)","api_token":"\#(tenant.token)","requests_per_hour":\#(budget)}"#)
    #expect(created.status == 201, "\(created.json)")
    let tenantID = try #require((created.json["tenant"] as? [String: Any])?["id"] as? Int)
    try await tenant.control("reset-stats")  // the authorization check is not part of the run
    let mapping = try await api.call(
      "PUT", "apps/kandji/tenants/\(tenantID)/mapping",
      json: #"{"name_source":"device_name","display_id_source":"serial_number"}"#)
    #expect(mapping.status == 202, "\(mapping.json)")
    let firstRun = try #require((mapping.json["sync_run"] as? [String: Any])?["id"] as? Int)

    // Kill the server hard once it has made some of its calls.
    let deadline = Date().addingTimeInterval(60)
    while try await tenant.calls() < 60, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
    await server.killHard()
    let beforeRestart = try await tenant.calls()
    #expect(beforeRestart >= 60 && beforeRestart < budget)

    // After the restart the scheduler resumes the run once its lease is stale (4 s here).
    (server, api) = try await serve()
    var resumed: [String: Any]?
    var waiting: [String: Any]?
    while waiting == nil, Date() < deadline.addingTimeInterval(60) {
      try await Task.sleep(for: .milliseconds(250))
      let runs = try await api.call("GET", "apps/kandji/tenants/\(tenantID)/")
      resumed = runs.json["running_sync_run"] as? [String: Any]
      if let progress = resumed?["progress"] as? [String: Any], progress["waiting_until"] is String {
        waiting = progress
      }
    }
    let resumedRun = try #require(resumed)
    #expect(resumedRun["trigger"] as? String == "resume")
    #expect(resumedRun["id"] as? Int != firstRun)
    // It went on where the killed run stopped, up to the budget, and now waits for the hour.
    let calls = try await tenant.calls()
    #expect(calls > beforeRestart)
    #expect(calls <= budget, "the simulator answered \(calls) calls against a budget of \(budget)")
    #expect(waiting?["waiting_for"] as? String == "hourly budget")
    let store = try SQLiteAssetStore(path: database)
    #expect(try await store.syncRun(id: Int64(firstRun))?.status == .interrupted)
    #expect(try await store.assets(AssetQuery(managed: true)).total == 300)
    // A little later, still within budget: the run waits rather than spends.
    try await Task.sleep(for: .seconds(2))
    #expect(try await tenant.calls() <= budget)
    // SIGTERM stops the waiting run at once (it ends interrupted, to be resumed next start).
    #expect(try await server.stopGracefully(within: 20), "the server did not stop on SIGTERM")
    let stopped = try await store.syncRuns(connectionID: Int64(tenantID), limit: 1).first
    #expect(stopped?.status == .interrupted)
    #expect(stopped?.trigger == .resume)
  }
}
