import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import PostgresStore
import SQLiteStore
import Testing

/// Issue 20 on every backend: one search over devices, contacts and tickets (folding, ranking,
/// serial fragments, ticket numbers) and every asset's history (each kind of change, nothing for
/// a run that changes nothing, retention in batches).
@Suite("AssetStore contract: find and follow")
struct FindAndFollowContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  func device(
    _ id: String, name: String, serial: String, os: String = "15.1", tag: String? = nil, email: String? = nil,
    user: String? = nil, checkIn: Date? = nil
  ) -> DeviceSnapshot {
    DeviceSnapshot(
      deviceID: id, deviceName: name, model: "MacBook Air", serialNumber: serial, platformName: "Mac",
      osVersion: os, assetTag: tag, lastCheckIn: checkIn, mdmEnabled: true, lastEnrollment: now, userEmail: email,
      userName: user)
  }

  /// Plans `devices` with the sync's own plan against the store and writes them in one batch.
  @discardableResult
  func sync(
    _ store: any AssetStore, _ devices: [DeviceSnapshot], trigger: SyncTrigger = .manual, runID: Int64? = nil,
    agentID: Int64? = nil, at time: Date
  ) async throws -> (runID: Int64, decisions: [SyncDecision]) {
    let connectionID = try await store.testConnectionID()
    let mapping = FieldMapping.default
    let snapshot = try await store.syncSnapshot(
      connectionID: connectionID, for: devices, displayIDs: devices.map { mapping.displayID(of: $0).value })
    let plan = SyncPlan.make(
      devices: devices, snapshot: snapshot, mapping: mapping, matchedEarlier: [], connectionID: connectionID)
    var id = runID ?? 0
    if runID == nil {
      var run = try await store.beginSyncRun(
        connectionID: connectionID, trigger: trigger, owner: "test", at: time, staleAfter: 60)
      id = run.id
      run.status = .completed
      try await store.updateSyncRun(run)
    }
    _ = try await store.applySyncBatch(
      SyncBatch(
        runID: id, at: time, firstPosition: 0, decisions: plan.devices.map(\.decision),
        rows: plan.devices.map(\.row), reportedOutcomes: id == 0 ? [] : nil, agentID: agentID))
    return (id, plan.devices.map(\.decision))
  }

  func history(_ store: any AssetStore, _ assetID: Int64) async throws -> [AssetHistoryEntry] {
    try #require(try await store.assetHistory(assetID: assetID, page: 1, size: 50)).items
  }

  @Test(
    "search folds case, diacritics, quotes and spaces, and ranks the best match first",
    arguments: StoreBackend.allCases)
  func searchFoldingAndRanking(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    try await sync(
      store,
      [
        device(
          "d1", name: "Zoë’s  MacBook", serial: "C02XK1234ABC", tag: "TAG-0042", email: "ada.lovelace@example.com",
          user: "Ada Lovelace"),
        device("d2", name: "Studio", serial: "C02ZZ9999XYZ"),
      ], at: now)
    let synced = try #require(try await store.asset(kandjiDeviceID: "d1"))
    let mac = try await store.managedType(for: .mac)
    let laptop = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: mac.id, name: "Ada's laptop", displayID: "ADA-1"), at: now)
    let zoe = try await store.createContact(
      name: "Zoë Adams", email: "zoe@example.com", phones: ["+1 415 555 0199"], at: now)
    try await store.linkContact(zoe.id, toAsset: laptop.id, at: now)
    let ticket = try await store.createTicket(TicketDraft(subject: "Ada’s screen flickers"), at: now)

    func find(_ text: String) async throws -> SearchResults { try await store.search(SearchQuery(text: text)) }
    // Diacritics, a curly apostrophe typed straight, a double space typed single.
    let folded = try await find("zoe's macbook")
    #expect(folded.assets.map(\.id) == [synced.id])
    #expect(folded.assets.first?.matchedField == "Name")
    #expect(try await find("ZOË’S   MACBOOK").assets.map(\.id) == [synced.id])
    // Straight and curly apostrophes find the same things.
    let straight = try await find("Ada's")
    let curly = try await find("Ada’s")
    #expect(straight == curly)
    #expect(straight.assets.map(\.id) == [laptop.id])
    #expect(straight.tickets.map(\.id) == [ticket.id])
    // A five-character fragment from the middle of a serial.
    let serial = try await find("k1234")
    #expect(serial.assets.map(\.id) == [synced.id])
    // The display ID is the serial here (the default mapping): it ranks first among equals.
    #expect(serial.assets.first?.matchedField == "Display ID")
    #expect(serial.assets.first?.matchedValue == "C02XK1234ABC")
    // The user's email, the asset tag, the user's name.
    #expect(try await find("ada.lovelace@example.com").assets.first?.matchedField == "User email")
    #expect(try await find("tag-0042").assets.map(\.id) == [synced.id])
    // "ada": the manual asset's display ID starts with it, before the synced device's user.
    let ada = try await find("ada")
    #expect(ada.assets.map(\.id) == [laptop.id, synced.id])
    #expect(ada.assets.first?.matchedField == "Display ID")
    #expect(ada.assets.last?.matchedField == "User email")
    // Contacts by name without its diacritic, and the asset linked to them.
    let zoes = try await find("zoe adams")
    #expect(zoes.contacts.map(\.id) == [zoe.id])
    #expect(zoes.assets.map(\.id) == [laptop.id])
    #expect(zoes.assets.first?.matchedField == "Linked contact")
    #expect(try await find("555 0199").contacts.first?.matchedField == "Phone")
    // Tickets by number, three ways.
    let number = String(ticket.id)
    let padded = String(repeating: "0", count: 8 - number.count) + number
    for text in ["#GEN\(padded)", "gen\(padded)", number] {
      let found = try await find(text)
      #expect(found.tickets.first?.id == ticket.id, "\(text)")
      #expect(found.tickets.first?.matchedField == "Ticket number", "\(text)")
    }
    #expect(try await find("   ").all.isEmpty)
    #expect(try await store.search(SearchQuery(text: "ada", kinds: [.ticket])).assets.isEmpty)
    // `assets/?q=` keeps working per type, with the same folding.
    #expect(
      try await store.assets(AssetQuery(assetTypeID: mac.id, search: "zoe’s macbook")).items.map(\.id) == [synced.id])
  }

  @Test(
    "history: field changes by runs with old and new values; nothing for a run that changes nothing",
    arguments: StoreBackend.allCases)
  func runHistory(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let created = try await sync(store, [device("d1", name: "Mac", serial: "S1")], at: now)
    let asset = try #require(try await store.asset(kandjiDeviceID: "d1"))
    var entries = try await history(store, asset.id)
    #expect(entries.map(\.kind) == [.created])
    #expect(entries.first?.runID == created.runID)
    // Unchanged, and a new check-in only: no entries.
    try await sync(store, [device("d1", name: "Mac", serial: "S1")], at: now + 60)
    try await sync(store, [device("d1", name: "Mac", serial: "S1", checkIn: now + 100)], at: now + 120)
    #expect(try await history(store, asset.id).count == 1)
    // A quick refresh changes the OS: one entry, label, old → new, run and tenant.
    let quick = try await sync(
      store, [device("d1", name: "Mac", serial: "S1", os: "15.2")], trigger: .refresh, at: now + 180)
    entries = try await history(store, asset.id)
    #expect(entries.count == 2)
    let change = try #require(entries.first)
    #expect(change.kind == .fieldChanged)
    #expect(change.field == "OS Version")
    #expect(change.oldValue == "15.1")
    #expect(change.newValue == "15.2")
    #expect(change.source == .quickRefresh)
    #expect(change.runID == quick.runID)
    #expect(change.connectionID == (try await store.testConnectionID()))
    #expect(change.connectionName == "Test tenant")
    // Retired with the reason, restored when Kandji lists it again.
    let retireRun = try await store.beginSyncRun(
      connectionID: try await store.testConnectionID(), trigger: .manual, owner: "test", at: now + 200, staleAfter: 60)
    _ = try await store.applySyncBatch(
      SyncBatch(
        runID: retireRun.id, at: now + 200, firstPosition: 0,
        decisions: [.retire(assetID: asset.id, reason: "no longer in Kandji")],
        rows: [
          SyncReportRow(
            outcome: .retired, kandjiDeviceID: "d1", displayID: "S1", name: "Mac", platform: "Mac",
            reason: "no longer in Kandji")
        ]))
    var finished = retireRun
    finished.status = .completed
    try await store.updateSyncRun(finished)
    try await sync(store, [device("d1", name: "Mac", serial: "S1", os: "15.2")], at: now + 300)
    entries = try await history(store, asset.id)
    #expect(entries.prefix(2).map(\.kind) == [.restored, .retired])
    #expect(entries[1].note == "no longer in Kandji")
    #expect(entries[1].source == .sync)
    // "Refresh from Kandji" (run 0) by an agent: who and what changed.
    let agent = try await store.createAgent(
      email: "ada@example.com", name: "Ada Admin", role: .admin, passwordHash: "x", at: now)
    try await sync(
      store, [device("d1", name: "Mac", serial: "S1", os: "15.3")], runID: 0, agentID: agent.id, at: now + 400)
    let refreshed = try #require(try await history(store, asset.id).first)
    #expect(refreshed.source == .kandjiRefresh)
    #expect(refreshed.agentName == "Ada Admin")
    #expect(refreshed.runID == nil)
    #expect((refreshed.oldValue, refreshed.newValue) == ("15.2", "15.3"))
    // Newest first, paged.
    let page = try #require(try await store.assetHistory(assetID: asset.id, page: 2, size: 2))
    #expect(page.total == 5)
    #expect(page.items.map(\.kind) == [.retired, .fieldChanged])
    #expect(try await store.assetHistory(assetID: 999_999, page: 1, size: 10) == nil)
  }

  @Test(
    "history: supervised and UDID changes read by details calls; a new device's first details are no change",
    arguments: StoreBackend.allCases)
  func detailsHistory(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let run = try await sync(store, [device("d1", name: "Mac", serial: "S1")], at: now)
    let asset = try #require(try await store.asset(kandjiDeviceID: "d1"))
    // First details: values, no history.
    _ = try await store.applyDetails(
      [DetailsUpdate(assetID: asset.id, supervised: false, udid: "UDID-1", runID: run.runID)], at: now + 10)
    #expect(try await history(store, asset.id).map(\.kind) == [.created])
    // The same values again: nothing; a device Kandji no longer knows: nothing.
    _ = try await store.applyDetails(
      [DetailsUpdate(assetID: asset.id, supervised: false, udid: "UDID-1", runID: run.runID)], at: now + 20)
    _ = try await store.applyDetails(
      [DetailsUpdate(assetID: asset.id, supervised: nil, udid: nil, found: false, runID: run.runID)], at: now + 30)
    #expect(try await history(store, asset.id).count == 1)
    // Supervised after a re-enrolment through ADE, read by "Refresh from Kandji": one entry each.
    let agent = try await store.createAgent(
      email: "grace@example.com", name: "Grace", role: .agent, passwordHash: "x", at: now)
    let changed = try await store.applyDetails(
      [DetailsUpdate(assetID: asset.id, supervised: true, udid: "UDID-2", agentID: agent.id)], at: now + 40)
    #expect(changed == 1)
    let entries = try await history(store, asset.id)
    #expect(entries.count == 3)
    let supervised = try #require(entries.first { $0.field == "Supervised" })
    #expect((supervised.oldValue, supervised.newValue) == ("false", "true"))
    #expect(supervised.source == .kandjiRefresh)
    #expect(supervised.agentName == "Grace")
    let udid = try #require(entries.first { $0.field == "UDID" })
    #expect((udid.oldValue, udid.newValue) == ("UDID-1", "UDID-2"))
    #expect(udid.connectionName == "Test tenant")
  }

  @Test(
    "tickets written before v12 get their search keys again: the subject and every message, folded",
    arguments: StoreBackend.allCases)
  func ticketKeysRefolded(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let agent = try await store.createAgent(
      email: "keys@example.com", name: "Keys", role: .agent, passwordHash: "h", at: now)
    let first = try await store.createTicket(
      TicketDraft(subject: "Zoë’s  dock", message: TicketMessage.from(text: "Flickers at boot", html: nil)), at: now)
    _ = try await store.applyTicketAction(
      first.id,
      TicketAction(
        kind: .staffUpdate, byAgentID: agent.id, message: TicketMessage.from(text: "Tried “safe mode”", html: nil)),
      at: now)
    let other = try await store.createTicket(TicketDraft(subject: "Printer jam"), at: now)
    // What v12 does to every ticket of an earlier release, then what every open of the store does.
    try await StoreBackend.execute("UPDATE tickets SET search_key = NULL", on: store)
    #expect(try await store.search(SearchQuery(text: "printer")).tickets.isEmpty)
    if let sqlite = store as? SQLiteAssetStore {
      try await sqlite.fillMissingKeys()
    } else if let postgres = store as? PostgresAssetStore {
      try await postgres.fillMissingKeys()
    }
    func tickets(_ text: String) async throws -> [Int64] {
      try await store.search(SearchQuery(text: text, kinds: [.ticket])).tickets.map(\.id)
    }
    #expect(try await tickets("zoe's dock") == [first.id])
    #expect(try await tickets("FLICKERS AT BOOT") == [first.id])
    #expect(try await tickets("\"safe mode\"") == [first.id])
    #expect(try await tickets("printer") == [other.id])
    // The next message is appended to the refilled key, as to any other.
    _ = try await store.applyTicketAction(
      other.id,
      TicketAction(kind: .staffUpdate, byAgentID: agent.id, message: TicketMessage.from(text: "Toner low", html: nil)),
      at: now)
    #expect(try await tickets("toner") == [other.id])
    #expect(try await tickets("printer") == [other.id])
  }

  @Test("history: agents' edits, contacts and tickets linked and unlinked", arguments: StoreBackend.allCases)
  func agentHistory(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let agent = try await store.createAgent(
      email: "grace@example.com", name: "Grace", role: .agent, passwordHash: "x", at: now)
    let mac = try await store.managedType(for: .mac)
    let asset = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: mac.id, name: "Old name", displayID: "M-1", createdBy: agent.id), at: now)
    _ = try await store.updateManualAsset(
      id: asset.id, ManualAssetChange(name: "New name", updatedBy: agent.id), at: now + 1)
    // An edit that changes nothing records nothing.
    _ = try await store.updateManualAsset(
      id: asset.id, ManualAssetChange(name: "New name", updatedBy: agent.id), at: now + 2)
    let contact = try await store.createContact(name: "Lin", email: "lin@example.com", phones: [], at: now)
    try await store.linkContact(contact.id, toAsset: asset.id, at: now + 3, by: agent.id)
    try await store.unlinkContact(contact.id, fromAsset: asset.id, at: now + 4, by: agent.id)
    let ticket = try await store.createTicket(TicketDraft(subject: "Keyboard"), at: now)
    try await store.linkTicket(ticket.id, toAsset: asset.id, at: now + 5, by: agent.id)
    try await store.unlinkTicket(ticket.id, fromAsset: asset.id, at: now + 6, by: agent.id)
    let entries = try await history(store, asset.id)
    #expect(
      entries.map(\.kind) == [
        .ticketUnlinked, .ticketLinked, .contactUnlinked, .contactLinked, .fieldChanged, .created,
      ])
    #expect(entries.allSatisfy { $0.source == .agent && $0.agentName == "Grace" })
    #expect(entries[4].field == "Name")
    #expect((entries[4].oldValue, entries[4].newValue) == ("Old name", "New name"))
    #expect(entries[3].note == "Lin <lin@example.com>")
    #expect(entries[1].note?.hasSuffix("Keyboard") == true)
    #expect(entries[1].note?.hasPrefix("#GEN") == true)
    // A refused unlink writes nothing.
    await #expect(throws: StoreError.self) {
      try await store.unlinkTicket(ticket.id, fromAsset: asset.id, at: now + 7, by: agent.id)
    }
    #expect(try await history(store, asset.id).count == 6)
  }

  @Test("old history goes in batches, the newest stays", arguments: StoreBackend.allCases)
  func retention(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let contact = try await store.createContact(name: "Kim", email: "kim@example.com", phones: [], at: now)
    let mac = try await store.managedType(for: .mac)
    let asset = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: mac.id, name: "A", displayID: "A"), at: now)
    for day in 1...4 {
      let at = now + Double(day) * 86_400
      try await store.linkContact(contact.id, toAsset: asset.id, at: at, by: nil)
      try await store.unlinkContact(contact.id, fromAsset: asset.id, at: at, by: nil)
    }
    #expect(try await history(store, asset.id).count == 9)
    // Everything before day 3: the creation and days 1 and 2 (5 entries), 2 at a time.
    let cutoff = now + 3 * 86_400
    #expect(try await store.pruneAssetHistory(before: cutoff, limit: 2) == 2)
    #expect(try await store.pruneAssetHistory(before: cutoff, limit: 2) == 2)
    #expect(try await store.pruneAssetHistory(before: cutoff, limit: 2) == 1)
    #expect(try await store.pruneAssetHistory(before: cutoff, limit: 2) == 0)
    let kept = try await history(store, asset.id)
    #expect(kept.count == 4)
    #expect(kept.allSatisfy { $0.at >= cutoff })
  }
}
