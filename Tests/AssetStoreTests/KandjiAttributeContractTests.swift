import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import SQLStore
import Testing

/// Issue 19's attribute storage on every backend: the list's and the details call's documents,
/// their history, the list filters and the details backfill's queue.
@Suite("AssetStore contract: Kandji attributes")
struct KandjiAttributeContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  func device(
    _ id: String, tags: [String] = ["Finance", "Remote"], mdm: Bool = true, blueprint: String = "Standard"
  ) -> DeviceSnapshot {
    DeviceSnapshot(
      deviceID: id, deviceName: "Mac \(id)", model: "MacBook Air", serialNumber: "SN-\(id)", platformName: "Mac",
      osVersion: "15.1", blueprintName: blueprint, mdmEnabled: mdm, lastEnrollment: now,
      listAttributes: KandjiAttributeValues([
        "tags": .tags(tags), "mdm_enabled": .boolean(mdm), "agent_version": .text("4.2.1"),
        "first_enrollment": .dateTime(now),
      ]))
  }

  /// Plans `devices` against the store, as the sync does, and writes the page in one run.
  @discardableResult
  func sync(_ store: any AssetStore, _ devices: [DeviceSnapshot]) async throws -> [PlannedDevice] {
    let connectionID = try await store.testConnectionID()
    let snapshot = try await store.syncSnapshot(
      connectionID: connectionID, for: devices, displayIDs: devices.map { FieldMapping.default.displayID(of: $0).value }
    )
    let plan = SyncPlan.make(
      devices: devices, snapshot: snapshot, mapping: .default, matchedEarlier: [], connectionID: connectionID)
    var run = try await store.beginSyncRun(
      connectionID: connectionID, trigger: .manual, owner: "test", at: now, staleAfter: 60)
    _ = try await store.applySyncBatch(
      SyncBatch(
        runID: run.id, at: now, firstPosition: 0, decisions: plan.devices.map(\.decision),
        rows: plan.devices.map(\.row)))
    run.status = .completed
    try await store.updateSyncRun(run)
    return plan.devices
  }

  func changes(_ store: any AssetStore, _ assetID: Int64) async throws -> [AssetHistoryEntry] {
    try #require(try await store.assetHistory(assetID: assetID, page: 1, size: 100)).items
      .filter { $0.kind == .fieldChanged }
  }

  @Test(
    "list attributes are stored; unchanged they write nothing; a changed tag is one history entry",
    arguments: StoreBackend.allCases)
  func listAttributes(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    try await sync(store, [device("d1")])
    let asset = try #require(try await store.asset(kandjiDeviceID: "d1"))
    #expect(asset.kandji?.listAttributes == device("d1").listAttributes)
    let tags = try #require(KandjiAttributeCatalogue.attribute("tags"))
    #expect(asset.kandjiValue(tags) == .tags(["Finance", "Remote"]))

    let again = try await sync(store, [device("d1")])
    #expect(again.map(\.decision) == [.skip])
    #expect(try await changes(store, asset.id).isEmpty)

    let moved = try await sync(store, [device("d1", tags: ["Finance", "Loaner"])])
    #expect(moved.first?.row.reason == "changed: tags")
    let entries = try await changes(store, asset.id)
    #expect(entries.map(\.field) == ["Tags"])
    #expect(entries.first?.oldValue == "Finance, Remote" && entries.first?.newValue == "Finance, Loaner")
    #expect(try await store.asset(id: asset.id)?.kandjiValue(tags) == .tags(["Finance", "Loaner"]))
  }

  @Test(
    "an asset stored before v13 gets its first list document without history entries",
    arguments: StoreBackend.allCases)
  func firstDocumentAfterUpgrade(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    try await sync(store, [device("d1")])
    let asset = try #require(try await store.asset(kandjiDeviceID: "d1"))
    // As an earlier release left it: no document.
    try await StoreBackend.execute("UPDATE assets SET list_attributes = NULL WHERE id = \(asset.id)", on: store)
    #expect(try await store.asset(id: asset.id)?.kandji?.listAttributes.isEmpty == true)
    let planned = try await sync(store, [device("d1")])
    #expect(planned.first?.row.reason == "changed: kandji attributes (first read)")
    #expect(try await store.asset(id: asset.id)?.kandji?.listAttributes == device("d1").listAttributes)
    #expect(try await changes(store, asset.id).isEmpty)
    #expect(try await sync(store, [device("d1")]).map(\.decision) == [.skip])
  }

  @Test(
    "details attributes are stored; after the first read each changed key is one history entry",
    arguments: StoreBackend.allCases)
  func detailsAttributes(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    try await sync(store, [device("d1"), device("d2")])
    let first = try #require(try await store.asset(kandjiDeviceID: "d1"))
    let second = try #require(try await store.asset(kandjiDeviceID: "d2"))
    let read = KandjiAttributeValues([
      "filevault_enabled": .boolean(true), "storage_free": .number(100.5), "storage_capacity": .number(494.38),
    ])
    #expect(
      try await store.applyDetails(
        [
          DetailsUpdate(assetID: first.id, supervised: true, udid: "U1", attributes: read),
          DetailsUpdate(assetID: second.id, supervised: nil, udid: nil, found: false),
        ], at: now) == 2)
    #expect(try await store.asset(id: first.id)?.detailsAttributes == read)
    #expect(try await store.asset(id: second.id)?.detailsAttributes.isEmpty == true)
    #expect(try await changes(store, first.id).isEmpty)

    var next = read
    next["storage_free"] = .number(90.25)
    next["filevault_enabled"] = nil
    _ = try await store.applyDetails(
      [DetailsUpdate(assetID: first.id, supervised: false, udid: "U1", attributes: next)], at: now)
    let entries = try await changes(store, first.id)
    #expect(
      entries.map { "\($0.field ?? ""): \($0.oldValue ?? "-") → \($0.newValue ?? "-")" }.sorted() == [
        "FileVault: Yes → -", "Storage Free (GB): 100.50 → 90.25", "Supervised: true → false",
      ])
    #expect(try await store.asset(id: first.id)?.detailsAttributes == next)
  }

  @Test("the list filters by tag, flag, blueprint and details attributes", arguments: StoreBackend.allCases)
  func filters(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    try await sync(
      store,
      [
        device("d1", tags: ["Finance", "Remote"]), device("d2", tags: ["Finance Team"], mdm: false),
        device("d3", tags: [], blueprint: "Kiosk"),
      ])
    let d1 = try #require(try await store.asset(kandjiDeviceID: "d1"))
    _ = try await store.applyDetails(
      [
        DetailsUpdate(
          assetID: d1.id, supervised: true, udid: "U1",
          attributes: KandjiAttributeValues(["filevault_enabled": .boolean(true)]))
      ],
      at: now)
    func names(_ filters: [AttributeFilter]) async throws -> [String] {
      try await store.assets(AssetQuery(attributeFilters: filters)).items.map(\.name).sorted()
    }
    #expect(try await names([AttributeFilter(key: "tags", value: "Finance")]) == ["Mac d1"])
    #expect(try await names([AttributeFilter(key: "tags", value: "Finance Team")]) == ["Mac d2"])
    #expect(try await names([AttributeFilter(key: "tags", value: "finance")]).isEmpty)
    #expect(try await names([AttributeFilter(key: "mdm_enabled", value: "false")]) == ["Mac d2"])
    #expect(try await names([AttributeFilter(key: "mdm_enabled", value: "true")]) == ["Mac d1", "Mac d3"])
    #expect(try await names([AttributeFilter(key: "blueprint", value: "Kiosk")]) == ["Mac d3"])
    #expect(try await names([AttributeFilter(key: "filevault_enabled", value: "true")]) == ["Mac d1"])
    #expect(try await names([AttributeFilter(key: "supervised", value: "true")]) == ["Mac d1"])
    #expect(try await names([AttributeFilter(key: "agent_version", value: "4.2.1")]).count == 3)
    #expect(try await names([AttributeFilter(key: "first_enrollment", value: ISO8601.string(now))]).count == 3)
    #expect(
      try await names([
        AttributeFilter(key: "tags", value: "Finance"), AttributeFilter(key: "blueprint", value: "Standard"),
      ]) == ["Mac d1"])
    // With a type and a total, as the list pages ask.
    let mac = try #require(try await store.assetTypes().first { $0.platform == .mac })
    let page = try await store.assets(
      AssetQuery(assetTypeID: mac.id, page: 1, size: 1, attributeFilters: [.init(key: "mdm_enabled", value: "true")]))
    #expect(page.total == 2 && page.items.count == 1)

    await #expect(throws: StoreError.self) {
      try await store.assets(AssetQuery(attributeFilters: [AttributeFilter(key: "shoe_size", value: "9")]))
    }
    let tooMany = Array(repeating: AttributeFilter(key: "tags", value: "Finance"), count: 41)
    await #expect(throws: StoreError.self) { try await store.assets(AssetQuery(attributeFilters: tooMany)) }
    do {
      _ = try await store.assets(AssetQuery(attributeFilters: [AttributeFilter(key: "mdm_enabled", value: "yes")]))
      Issue.record("a flag filter took \"yes\"")
    } catch let error as StoreError {
      guard case .invalid(let field, _) = error else { throw error }
      #expect(field == "mdm_enabled")
    }
  }

  @Test(
    "the details backfill queues active devices without a details document and counts them",
    arguments: StoreBackend.allCases)
  func backfill(backend: StoreBackend) async throws {
    do {
      let store = try await backend.makeStore()
      let connectionID = try await store.testConnectionID()
      try await sync(store, [device("d1"), device("d2"), device("d3")])
      let ids = try await ["d1", "d2", "d3"].asyncMap { try #require(try await store.asset(kandjiDeviceID: $0)).id }
      #expect(try await store.detailsBackfillProgress(connectionID: connectionID) == (pending: 3, total: 3))
      _ = try await store.applyDetails(
        [
          DetailsUpdate(
            assetID: ids[0], supervised: true, udid: "U1", attributes: KandjiAttributeValues(["memory": .text("16 GB")])
          ),
          DetailsUpdate(assetID: ids[1], supervised: nil, udid: nil, found: false),
          DetailsUpdate(assetID: ids[2], supervised: nil, udid: nil, found: false),
        ], at: now)
      // d3 leaves Kandji: retired devices are not backfilled.
      var removed = device("d3")
      removed.isRemoved = true
      _ = try await sync(store, [removed])
      #expect(try await store.detailsBackfillProgress(connectionID: connectionID) == (pending: 0, total: 2))
      #expect(try await store.markDetailsBackfill(connectionID: connectionID) == 1)
      #expect(try await store.detailsBackfillProgress(connectionID: connectionID) == (pending: 1, total: 2))
      #expect(
        try await store.assetsNeedingDetails(connectionID: connectionID, limit: 10).map(\.kandjiDeviceID) == ["d2"])
      // Read: nothing is left to backfill.
      _ = try await store.applyDetails([DetailsUpdate(assetID: ids[1], supervised: nil, udid: nil)], at: now)
      #expect(try await store.markDetailsBackfill(connectionID: connectionID) == 0)
      #expect(try await store.detailsBackfillProgress(connectionID: connectionID) == (pending: 0, total: 2))
    }
  }
}

extension Array {
  fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
    var results: [T] = []
    for element in self { results.append(try await transform(element)) }
    return results
  }
}
