import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import GRDB
import PostgresStore
import SQLiteStore
import StoreMigration
import Testing

/// `migrate-database`: a populated SQLite file copied into PostgreSQL reads back the same
/// through the store API, with ids kept and the sequences moved past them.
@Suite("SQLite → PostgreSQL copy", .enabled(if: PostgresTestDatabase.enabled, "\(PostgresTestDatabase.skipReason)"))
struct DatabaseCopierTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000.25)

  /// A SQLite store with a bit of everything, including gaps in the ids.
  func populatedSQLite() async throws -> SQLiteAssetStore {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("copy-\(UUID().uuidString).sqlite").path
    let store = try SQLiteAssetStore(path: path)
    let monitors = try await store.createAssetType(name: "Monitors", description: "Desk monitors")
    try await store.database.writer.write { db in
      try db.execute(
        sql:
          "INSERT INTO asset_fields (asset_type_id, name, field_type, position, choices) VALUES (?, 'Size', 'text', 0, '[]')",
        arguments: [monitors.id])
    }
    let field = try #require(try await store.fields(assetTypeID: monitors.id).first)
    let ann = try await store.createContact(name: "Ann", email: "Ann@Example.com", phones: ["+1 555"], at: now)
    let bob = try await store.createContact(name: "Bob", email: "bob@example.com", phones: [], at: now)
    let spare = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: monitors.id, name: "Spare", displayID: "MON-0"), at: now)
    try await store.deleteManualAsset(id: spare.id)  // a gap in the ids
    let monitor = try await store.createManualAsset(
      ManualAssetDraft(
        assetTypeID: monitors.id, name: "Dell 27", displayID: "MON-1", customValues: [field.id: "27 in"],
        contactIDs: [ann.id]), at: now)
    let run = try await store.beginSyncRun(
      connectionID: try await store.testConnectionID(), trigger: .manual, owner: "copy-test", at: now, staleAfter: 60)
    let devices = ["d1", "d2", "d3"].map { id in
      DeviceSnapshot(
        deviceID: id, deviceName: "Mac \(id)", model: "MacBook Air", serialNumber: "SN-\(id)", platformName: "Mac",
        osVersion: "15.1", mdmEnabled: true, lastEnrollment: now, userEmail: nil)
    }
    _ = try await store.applySyncBatch(
      SyncBatch(
        runID: run.id, at: now, firstPosition: 0,
        decisions: devices.map { d in
          .create(
            NewManagedAsset(
              platform: .mac, name: d.deviceName!, displayID: d.serialNumber!,
              attributes: d.attributes(platform: .mac, supervised: true, udid: "U-\(d.deviceID)"),
              contactID: d.deviceID == "d1" ? bob.id : nil))
        },
        rows: devices.map {
          SyncReportRow(
            outcome: .created, kandjiDeviceID: $0.deviceID, displayID: $0.serialNumber, name: $0.deviceName,
            platform: "Mac", reason: "")
        }))
    var finished = run
    finished.status = .completed
    finished.finishedAt = now.addingTimeInterval(3)
    finished.totals.created = 3
    finished.listingComplete = true
    try await store.updateSyncRun(finished)
    let mac = try #require(try await store.asset(kandjiDeviceID: "d1"))
    _ = try await store.createTicket(
      TicketDraft(subject: "Broken screen", contactID: ann.id, assetIDs: [monitor.id, mac.id]), at: now)
    let agent = try await store.createAgent(
      email: "admin@example.com", name: "Admin", role: .admin, passwordHash: "hash", at: now)
    try await store.createAPIKey(agentID: agent.id, key: "key-1", authCodeHash: "code-hash", at: now)
    try await store.createSession(
      tokenHash: "token-1", agentID: agent.id, csrfToken: "csrf", expiresAt: now.addingTimeInterval(3_600), at: now)
    try await store.saveKandjiSettings(KandjiSettings(installed: true))
    var settings = ConnectionSettings()
    settings.mapping = .default
    let connection = try await store.createKandjiConnection(
      KandjiConnectionDraft(name: "Europe", apiURL: "acme.api.kandji.io", sealedToken: "sealed", settings: settings),
      at: now)
    try await store.recordKandjiCalls(connectionID: connection.id, minute: 29_600_000, calls: 12)
    return store
  }

  /// Everything the API can read, as one comparable value.
  func dump(_ store: any AssetStore) async throws -> [String] {
    var out: [String] = []
    let types = try await store.assetTypes()
    out.append("\(types)")
    for type in types { out.append("\(try await store.fields(assetTypeID: type.id))") }
    let assets = try await store.assets(AssetQuery(size: 1_000)).items
    for asset in assets {
      out.append("\(try await store.asset(id: asset.id)!)")
      out.append("\(try await store.contactLinks(assetID: asset.id))")
    }
    out.append("\(try await store.contacts(ContactQuery()).items)")
    out.append("\(try await store.tickets(TicketQuery()).items)")
    out.append("\(try await store.agents())")
    out.append("\(String(describing: try await store.apiKey("key-1")))")
    out.append("\(String(describing: try await store.session(tokenHash: "token-1")))")
    out.append("\(try await store.kandjiSettings())")
    out.append("\(try await store.kandjiConnections(includeRemoved: true))")
    for connection in try await store.kandjiConnections(includeRemoved: true) {
      out.append("\(try await store.kandjiCalls(connectionID: connection.id, since: 0))")
    }
    let runs = try await store.syncRuns(connectionID: nil, limit: 10)
    out.append("\(runs)")
    for run in runs { out.append("\(try await store.allReportRows(runID: run.id))") }
    out.append("\(try await store.assetCounts().sorted { $0.key < $1.key })")
    return out
  }

  @Test("everything copies with ids kept; sequences continue; a non-empty target needs --force")
  func copiesEverything() async throws {
    let source = try await populatedSQLite()
    let target = try await PostgresTestDatabase.makeStore()
    let summary = try await DatabaseCopier(from: source, to: target).copy(force: false)
    #expect(summary.first { $0.table == "assets" }?.rows == 4)
    #expect(summary.first { $0.table == "asset_field_values" }?.rows == 1)
    let expected = try await dump(source)
    let copied = try await dump(target)
    #expect(copied.count == expected.count)
    for (a, b) in zip(expected, copied) { #expect(a == b) }

    // New rows get ids after the copied ones.
    let maxAssetID = try await source.assets(AssetQuery(size: 1_000)).items.map(\.id).max() ?? 0
    let mac = try await target.managedType(for: .mac)
    let next = try await target.createManualAsset(
      ManualAssetDraft(assetTypeID: mac.id, name: "New", displayID: "NEW-1"), at: now)
    #expect(next.id == maxAssetID + 1)
    #expect(try await target.createAssetType(name: "Docks", description: "").id == 8)

    await #expect(throws: StoreError.self) { try await DatabaseCopier(from: source, to: target).copy(force: false) }
    _ = try await DatabaseCopier(from: source, to: target).copy(force: true, includeSessions: false)
    #expect(try await target.session(tokenHash: "token-1") == nil)
    #expect(try await target.asset(id: next.id) == nil)
  }
}
