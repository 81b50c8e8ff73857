import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import PostgresStore
import SQLiteStore
import Testing

/// The same tests for every `AssetStore` backend (SQLite files here; PostgreSQL when configured).
@Suite("AssetStore contract")
struct StoreContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  func device(_ id: String, serial: String? = nil, user: String? = nil) -> DeviceSnapshot {
    DeviceSnapshot(
      deviceID: id, deviceName: "Mac \(id)", model: "MacBook Air", serialNumber: serial ?? "SN-\(id)",
      platformName: "Mac", osVersion: "15.1", mdmEnabled: true, lastEnrollment: now, userEmail: user)
  }

  func create(_ store: any AssetStore, _ devices: [DeviceSnapshot], runID: Int64 = 1) async throws -> [Int64] {
    var ids: [Int64] = []
    let decisions: [SyncDecision] = devices.map { d in
      .create(
        NewManagedAsset(
          platform: .mac, name: d.deviceName!, displayID: d.serialNumber!,
          attributes: d.attributes(platform: .mac, supervised: nil, udid: nil),
          contactID: nil))
    }
    let run = try await store.beginSyncRun(
      connectionID: try await store.testConnectionID(), trigger: .manual, owner: "test", at: now, staleAfter: 60)
    _ = try await store.applySyncBatch(
      SyncBatch(runID: run.id, at: now, firstPosition: 0, decisions: decisions, rows: devices.map(row)))
    var finished = run
    finished.status = .completed
    try await store.updateSyncRun(finished)
    for d in devices { ids.append(try #require(try await store.asset(kandjiDeviceID: d.deviceID)).id) }
    return ids
  }

  func row(_ d: DeviceSnapshot) -> SyncReportRow {
    SyncReportRow(
      outcome: .created, kandjiDeviceID: d.deviceID, displayID: d.serialNumber, name: d.deviceName, platform: "Mac",
      reason: "")
  }

  @Test("six managed types with the Kandji field group", arguments: StoreBackend.allCases)
  func managedTypes(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let types = try await store.assetTypes()
    #expect(types.map(\.name) == ["Mac", "iPad", "iPhone", "AppleTV", "Android", "Windows"])
    #expect(types.allSatisfy { $0.isManaged })
    let fields = try await store.fields(assetTypeID: types[0].id)
    // The 13 of earlier releases first, then every other catalogue attribute a Mac has (v13).
    let macExtras = (KandjiAttributeCatalogue.listExtras + KandjiAttributeCatalogue.detailsExtras)
      .filter { $0.applies(to: .mac) }
    #expect(fields.count == 13 + macExtras.count)
    #expect(fields.allSatisfy { $0.group == "Kandji" && $0.isManaged })
    #expect(fields.prefix(13).map(\.managedField) == ManagedField.allCases.map { $0 })
    #expect(fields.dropFirst(13).allSatisfy { $0.managedField == nil })
    #expect(fields.map(\.kandjiKey) == (KandjiAttributeCatalogue.defaultKeys + macExtras.map(\.key)).map { $0 })
    let custom = try await store.createAssetType(name: "Monitors", description: "Desk monitors")
    #expect(!custom.isManaged)
    await #expect(throws: StoreError.duplicateName("monitors")) {
      try await store.createAssetType(name: "monitors", description: "")
    }
  }

  // SQLite-specific (a file); `PostgresStoreTests` has the PostgreSQL equivalent.
  @Test("a file keeps its data across reopening", arguments: [StoreBackend.sqlite])
  func persistence(backend: StoreBackend) async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("assetsync-\(UUID().uuidString).sqlite")
      .path
    do {
      let store = try SQLiteAssetStore(path: path)
      _ = try await store.createContact(name: "Ann", email: "ann@example.com", phones: [], at: now)
    }
    let reopened = try SQLiteAssetStore(path: path)
    #expect(try await reopened.contact(email: "ANN@example.com")?.name == "Ann")
    #expect(try await reopened.assetTypes().count == 6)
  }

  @Test("manual assets: create, edit, delete, unique display IDs", arguments: StoreBackend.allCases)
  func manualAssets(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let mac = try await store.managedType(for: .mac)
    let asset = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: mac.id, name: "Loaner Mac", displayID: "LOAN-1"), at: now)
    #expect(!asset.isManaged)
    await #expect(throws: StoreError.duplicateDisplayID("LOAN-1")) {
      try await store.createManualAsset(
        ManualAssetDraft(assetTypeID: mac.id, name: "Other", displayID: "LOAN-1"), at: now)
    }
    await #expect(throws: StoreError.invalid(field: "name", message: "This field is required.")) {
      try await store.createManualAsset(ManualAssetDraft(assetTypeID: mac.id, name: "  ", displayID: "X"), at: now)
    }
    let renamed = try await store.updateManualAsset(id: asset.id, ManualAssetChange(name: "Loaner Mac 2"), at: now)
    #expect(renamed.name == "Loaner Mac 2")
    #expect(renamed.displayID == "LOAN-1")
    try await store.deleteManualAsset(id: asset.id)
    #expect(try await store.asset(id: asset.id) == nil)
    await #expect(throws: StoreError.notFound("Asset \(asset.id)")) { try await store.deleteManualAsset(id: asset.id) }
  }

  @Test("synced assets are read-only on every write path", arguments: StoreBackend.allCases)
  func syncedAreReadOnly(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let ids = try await create(store, [device("d1")])
    let synced = try #require(try await store.asset(id: ids[0]))
    #expect(synced.isManaged)
    #expect(synced.kandji?.serialNumber == "SN-d1")
    do {
      _ = try await store.updateManualAsset(id: ids[0], ManualAssetChange(name: "Hacked"), at: now)
      Issue.record("a synced asset was renamed")
    } catch let error as StoreError {
      guard case .readOnly(let violation) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(violation.kind == .managedAsset)
    }
    await #expect(throws: StoreError.self) { try await store.deleteManualAsset(id: ids[0]) }
    #expect(try await store.asset(id: ids[0])?.name == "Mac d1")
  }

  @Test("sync batches: updates, skips, retirement, report rows", arguments: StoreBackend.allCases)
  func syncBatches(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let ids = try await create(store, [device("d1"), device("d2"), device("d3")])
    let run = try await store.beginSyncRun(
      connectionID: try await store.testConnectionID(), trigger: .manual, owner: "test", at: now, staleAfter: 60)
    var changed = device("d1").attributes(platform: .mac, supervised: true, udid: "U1")
    changed.osVersion = "15.2"
    let update = ManagedAssetUpdate(
      assetID: ids[0], platform: .mac, name: "Renamed", displayID: "SN-d1", attributes: changed, contactID: nil,
      contactChanged: false, unretire: false, needsDetails: false)
    let rows = [
      SyncReportRow(
        outcome: .updated, kandjiDeviceID: "d1", displayID: "SN-d1", name: "Renamed", platform: "Mac",
        reason: "changed: os_version"),
      SyncReportRow(
        outcome: .skipped, kandjiDeviceID: "d2", displayID: "SN-d2", name: "Mac d2", platform: "Mac",
        reason: "unchanged"),
      SyncReportRow(
        outcome: .retired, kandjiDeviceID: "d3", displayID: "SN-d3", name: "Mac d3", platform: "Mac",
        reason: "no longer in Kandji"),
    ]
    let writes = try await store.applySyncBatch(
      SyncBatch(
        runID: run.id, at: now, firstPosition: 0,
        decisions: [.update(update), .skip, .retire(assetID: ids[2], reason: "no longer in Kandji")],
        rows: rows))
    #expect(writes == 2)
    #expect(try await store.asset(id: ids[0])?.kandji?.osVersion == "15.2")
    #expect(try await store.asset(id: ids[0])?.name == "Renamed")
    #expect(try await store.asset(id: ids[2])?.isRetired == true)
    let stored = try await store.allReportRows(runID: run.id)
    #expect(stored == rows)
    #expect(try await store.reportRowPage(runID: run.id, afterPosition: 0, limit: 1).rows == [rows[1]])
    let active = try await store.activeSyncedAssets(
      connectionID: try await store.testConnectionID(), afterID: 0, limit: 10)
    #expect(active.map(\.assetID) == [ids[0], ids[1]])
  }

  @Test("a display ID taken since the snapshot fails that row only", arguments: StoreBackend.allCases)
  func displayIDTakenMeanwhile(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let mac = try await store.managedType(for: .mac)
    // Another writer (an agent) took SN-d2 after the sync read its snapshot.
    let manual = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: mac.id, name: "Loaner", displayID: "SN-d2"), at: now)
    let devices = [device("d1"), device("d2"), device("d3")]
    let run = try await store.beginSyncRun(
      connectionID: try await store.testConnectionID(), trigger: .manual, owner: "test", at: now, staleAfter: 60)
    let writes = try await store.applySyncBatch(
      SyncBatch(
        runID: run.id, at: now, firstPosition: 0,
        decisions: devices.map { d in
          .create(
            NewManagedAsset(
              platform: .mac, name: d.deviceName!, displayID: d.serialNumber!,
              attributes: d.attributes(platform: .mac, supervised: nil, udid: nil), contactID: nil))
        },
        rows: devices.map(row)))
    #expect(writes == 2)
    let rows = try await store.allReportRows(runID: run.id)
    #expect(rows.map(\.outcome) == [.created, .failed, .created])
    #expect(rows[1].reason.contains("was taken by another asset during the sync"))
    #expect(try await store.asset(kandjiDeviceID: "d2") == nil)
    #expect(try await store.asset(id: manual.id)?.name == "Loaner")
    #expect(try await store.asset(kandjiDeviceID: "d3") != nil)
  }

  @Test("details: pending queue and results", arguments: StoreBackend.allCases)
  func details(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let ids = try await create(store, [device("d1"), device("d2")])
    #expect(try await store.countAssetsNeedingDetails(connectionID: try await store.testConnectionID()) == 2)
    let pending = try await store.assetsNeedingDetails(connectionID: try await store.testConnectionID(), limit: 1)
    #expect(pending.map(\.kandjiDeviceID) == ["d1"])
    let writes = try await store.applyDetails(
      [
        DetailsUpdate(assetID: ids[0], supervised: true, udid: "UDID-1"),
        DetailsUpdate(assetID: ids[1], supervised: nil, udid: nil, found: false),
      ],
      at: now)
    #expect(writes == 2)
    #expect(try await store.countAssetsNeedingDetails(connectionID: try await store.testConnectionID()) == 0)
    #expect(try await store.asset(id: ids[0])?.kandji?.udid == "UDID-1")
    #expect(try await store.asset(id: ids[0])?.kandji?.supervised == true)
    #expect(
      try await store.markOldestDetailsForRefresh(connectionID: try await store.testConnectionID(), limit: 1) == 1)
    #expect(try await store.countAssetsNeedingDetails(connectionID: try await store.testConnectionID()) == 1)
  }

  @Test("contacts: case-insensitive emails, manual links survive the sync", arguments: StoreBackend.allCases)
  func contacts(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let ann = try await store.createContact(name: "Ann", email: "Ann@Example.com", phones: ["+1 555"], at: now)
    let bob = try await store.createContact(name: "Bob", email: "bob@example.com", phones: [], at: now)
    await #expect(throws: StoreError.duplicateEmail("ann@example.COM")) {
      try await store.createContact(name: "Ann 2", email: "ann@example.COM", phones: [], at: now)
    }
    #expect(try await store.contact(email: " ANN@example.com ")?.id == ann.id)
    let ids = try await create(store, [device("d1", user: "ann@example.com")])
    // The sync links Ann; an agent links Bob.
    let run = try await store.beginSyncRun(
      connectionID: try await store.testConnectionID(), trigger: .manual, owner: "t", at: now, staleAfter: 60)
    let attributes = device("d1", user: "ann@example.com").attributes(platform: .mac, supervised: nil, udid: nil)
    let link = ManagedAssetUpdate(
      assetID: ids[0], platform: .mac, name: "Mac d1", displayID: "SN-d1", attributes: attributes, contactID: ann.id,
      contactChanged: true, unretire: false, needsDetails: false)
    _ = try await store.applySyncBatch(
      SyncBatch(runID: run.id, at: now, firstPosition: 0, decisions: [.update(link)], rows: [row(device("d1"))]))
    try await store.linkContact(bob.id, toAsset: ids[0], at: now)
    var links = try await store.contactLinks(assetID: ids[0])
    #expect(links.map(\.contact.name) == ["Ann", "Bob"])
    #expect(links.map(\.source) == [.kandji, .manual])
    // Kandji drops the user: only the sync's link goes.
    var unlink = link
    unlink.contactID = nil
    _ = try await store.applySyncBatch(
      SyncBatch(runID: run.id, at: now, firstPosition: 1, decisions: [.update(unlink)], rows: [row(device("d1"))]))
    links = try await store.contactLinks(assetID: ids[0])
    #expect(links.map(\.contact.name) == ["Bob"])
    let snapshot = try await store.syncSnapshot(
      connectionID: try await store.testConnectionID(), for: [device("d1", user: "ANN@example.com")],
      displayIDs: ["SN-d1"])
    #expect(snapshot.contactIDsByEmail["ann@example.com"] == ann.id)
    #expect(snapshot.byDeviceID["d1"]?.manualContactIDs == [bob.id])
    #expect(snapshot.displayIDOwners["SN-d1"]?.assetID == ids[0])
    let bobsAssets = try await store.assets(AssetQuery(contactID: bob.id))
    #expect(bobsAssets.items.map(\.id) == ids)
  }

  @Test("asset search, filters and paging", arguments: StoreBackend.allCases)
  func search(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let ids = try await create(store, (1...25).map { device("d\($0)", serial: "C02X\($0)") })
    let mac = try await store.managedType(for: .mac)
    _ = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: mac.id, name: "Spare 50% off_", displayID: "SPARE"), at: now)
    let page = try await store.assets(AssetQuery(assetTypeID: mac.id, page: 2, size: 10))
    #expect(page.total == 26)
    #expect(page.items.count == 10)
    #expect(page.pageCount == 3)
    #expect(try await store.assets(AssetQuery(search: "c02x1")).total == 11)  // 1, 10–19
    #expect(try await store.assets(AssetQuery(search: "50%")).total == 1)
    #expect(try await store.assets(AssetQuery(search: "_")).total == 1)
    #expect(try await store.assets(AssetQuery(managed: false)).total == 1)
    #expect(try await store.assets(AssetQuery(retired: true)).total == 0)
    #expect(ids.count == 25)
  }

  @Test("only one sync run at a time; abandoned runs are taken over", arguments: StoreBackend.allCases)
  func runLock(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let first = try await store.beginSyncRun(
      connectionID: try await store.testConnectionID(), trigger: .scheduled, owner: "replica-a", at: now,
      staleAfter: 120)
    await #expect(throws: StoreError.syncAlreadyRunning(runID: first.id)) {
      try await store.beginSyncRun(
        connectionID: try await store.testConnectionID(), trigger: .manual, owner: "replica-b",
        at: now.addingTimeInterval(60), staleAfter: 120)
    }
    try await store.heartbeat(runID: first.id, at: now.addingTimeInterval(100))
    await #expect(throws: StoreError.syncAlreadyRunning(runID: first.id)) {
      try await store.beginSyncRun(
        connectionID: try await store.testConnectionID(), trigger: .manual, owner: "replica-b",
        at: now.addingTimeInterval(200), staleAfter: 120)
    }
    let second = try await store.beginSyncRun(
      connectionID: try await store.testConnectionID(), trigger: .manual, owner: "replica-b",
      at: now.addingTimeInterval(300), staleAfter: 120)
    #expect(second.id != first.id)
    let abandoned = try #require(try await store.syncRun(id: first.id))
    #expect(abandoned.status == .interrupted)
    #expect(abandoned.error?.contains("replica-a") == true)
    // The abandoned run's owner, if still alive, learns at its next heartbeat that it lost the lease.
    await #expect(throws: StoreError.syncRunTakenOver(runID: first.id)) {
      try await store.heartbeat(runID: first.id, at: now.addingTimeInterval(301))
    }
    try await store.heartbeat(runID: second.id, at: now.addingTimeInterval(301))
    #expect(try await store.runningSyncRun(connectionID: nil)?.id == second.id)
    #expect(try await store.syncRuns(connectionID: nil, limit: 10).map(\.id) == [second.id, first.id])
  }
}
