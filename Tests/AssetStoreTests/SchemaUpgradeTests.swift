import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import PostgresStore
import SQLiteStore
import Testing

/// Migrations are frozen: a database upgraded from any release ends with exactly the schema and
/// reference rows (managed types, fields and their labels) of a fresh install.
@Suite("Fresh and upgraded installs")
struct SchemaUpgradeTests {
  @Test(
    "a fresh install and an upgraded one have the same schema and reference rows",
    arguments: StoreBackend.allCases, ReleaseFixture.all)
  func sameSchema(backend: StoreBackend, fixture: ReleaseFixture) async throws {
    let fresh: [String]
    let upgraded: [String]
    switch backend {
    case .sqlite:
      let freshPath = StoreBackend.scratchFile()
      _ = try SQLiteAssetStore(path: freshPath)
      let upgradedPath = try fixture.copySQLite(to: StoreBackend.scratchFile())
      _ = try SQLiteAssetStore(path: upgradedPath)
      fresh = try SchemaSnapshot.sqlite(path: freshPath)
      upgraded = try SchemaSnapshot.sqlite(path: upgradedPath)
    case .postgres:
      let freshDatabase = try await PostgresTestDatabase.makeDatabase()
      try await PostgresAssetStore.connect(freshDatabase, logger: PostgresTestDatabase.quietLogger).shutdown()
      let upgradedDatabase = try await PostgresTestDatabase.makeDatabase()
      try await PostgresTestDatabase.load(dump: fixture.postgresDump, into: upgradedDatabase)
      try await PostgresAssetStore.connect(upgradedDatabase, logger: PostgresTestDatabase.quietLogger).shutdown()
      fresh = try await SchemaSnapshot.postgres(freshDatabase)
      upgraded = try await SchemaSnapshot.postgres(upgradedDatabase)
    }
    // Six managed types with 13 fields each and v13's catalogue attributes per platform; five
    // statuses, four priorities, one category (v7).
    let extras = Platform.allCases.map { platform in Self.extras.filter { $0.applies(to: platform) }.count }
    let referenceRows: Int = 6 + 6 * 13 + extras.reduce(0, +) + 5 + 4 + 1
    #expect(fresh.filter { $0.hasPrefix("row: ") }.count == referenceRows)
    #expect(fresh.contains { $0.hasPrefix("migration: v4-revocation") })
    #expect(fresh.contains { $0.hasPrefix("migration: v7-helpdesk") })
    #expect(fresh.contains { $0.hasPrefix("migration: v8-asset-refresh-ledger") })
    #expect(fresh.contains { $0.hasPrefix("migration: v9-single-sign-on") })
    #expect(fresh.contains { $0.contains("oidc_sign_ins_by_expiry") })
    #expect(fresh.contains { $0.hasPrefix("migration: v10-asset-history") })
    #expect(fresh.contains { $0.contains("asset_history_by_asset") })
    #expect(fresh.contains { $0.hasPrefix("migration: v11-ticket-thread-counters") })
    #expect(fresh.contains { $0.contains("thread_characters") })
    #expect(fresh.contains { $0.hasPrefix("migration: v12-ticket-search-keys") })
    #expect(fresh.contains { $0.hasPrefix("migration: v13-kandji-attributes") })
    #expect(fresh.contains { $0.contains("details_attributes") })
    #expect(fresh.contains { $0.contains("kandji_asset_refreshes_by_asset") })
    #expect(fresh.contains { $0.contains("ticket_updates_by_ticket") })
    #expect(fresh.contains { $0.contains("assets_by_type_sort_key") })
    let onlyFresh = fresh.filter { !upgraded.contains($0) }
    let onlyUpgraded = upgraded.filter { !fresh.contains($0) }
    #expect(onlyFresh.isEmpty, "only in a fresh install:\n\(onlyFresh.joined(separator: "\n"))")
    #expect(onlyUpgraded.isEmpty, "only in the upgraded \(fixture.name):\n\(onlyUpgraded.joined(separator: "\n"))")
  }

  @Test(
    "v11 counts every existing ticket's thread: the counters equal a recount",
    arguments: StoreBackend.allCases, ReleaseFixture.all)
  func threadCountersBackfilled(backend: StoreBackend, fixture: ReleaseFixture) async throws {
    let store = try await backend.openFixture(fixture)
    let tickets = try await store.tickets(TicketQuery()).items
    #expect(!tickets.isEmpty)
    for ticket in tickets {
      let values = try await TicketThreadCounterTests.counters(ticket.id, store)
      #expect(values[0] == values[2] && values[1] == values[3], "ticket \(ticket.id): \(values)")
    }
    // The counters then move with the thread: the upgraded ticket's next reply fits and counts.
    let agent = try await store.createAgent(
      email: "v12@example.com", name: "V12", role: .agent, passwordHash: "h", at: Date())
    let first = try #require(tickets.first)
    _ = try await store.applyTicketAction(
      first.id,
      TicketAction(kind: .staffUpdate, byAgentID: agent.id, message: TicketMessage.from(text: "après", html: nil)),
      at: Date())
    let after = try await TicketThreadCounterTests.counters(first.id, store)
    #expect(after[0] == after[2] && after[1] == after[3] && after[0] >= 1, "\(after)")
  }

  static let extras = KandjiAttributeCatalogue.listExtras + KandjiAttributeCatalogue.detailsExtras

  @Test(
    "v13's literal rows are the catalogue: every other attribute a platform has, read-only, typed, in order",
    arguments: StoreBackend.allCases)
  func kandjiAttributeRowsMatchTheCatalogue(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    for type in try await store.assetTypes() {
      let platform = try #require(type.platform)
      let fields = try await store.fields(assetTypeID: type.id)
      let expected = Self.extras.filter { $0.applies(to: platform) }
      let added = Array(fields.dropFirst(13))
      #expect(added.map(\.kandjiKey) == expected.map(\.key), "\(platform)")
      #expect(added.map(\.name) == expected.map(\.label), "\(platform)")
      #expect(added.map(\.type) == expected.map(\.type.fieldType), "\(platform)")
      #expect(added.map(\.position) == Array(13..<(13 + expected.count)), "\(platform)")
      #expect(added.allSatisfy { $0.group == "Kandji" && $0.isManaged && $0.managedField == nil }, "\(platform)")
      #expect(fields.prefix(13).map(\.kandjiKey) == KandjiAttributeCatalogue.defaultKeys.map { $0 }, "\(platform)")
    }
    // The new rows are as read-only as the 13: no write path deletes one.
    let mac = try #require(try await store.assetTypes().first { $0.platform == .mac })
    let tags = try #require(try await store.fields(assetTypeID: mac.id).first { $0.kandjiKey == "tags" })
    #expect(AssetWriteRules.checkEdit(tags) != nil && AssetWriteRules.checkValue(of: tags) != nil)
    await #expect(throws: StoreError.self) { try await store.deleteField(id: tags.id) }
    #expect(try await store.field(id: tags.id) != nil)
  }

  @Test(
    "an upgraded release keeps its 13 fields and every synced value; its details wait for the backfill",
    arguments: StoreBackend.allCases, ReleaseFixture.all)
  func upgradeKeepsTheThirteen(backend: StoreBackend, fixture: ReleaseFixture) async throws {
    // The release's own rows, read from its file before any migration of today's code.
    let before = try ReleaseRows.read(fixture)
    let store = try await backend.openFixture(fixture)
    for type in try await store.assetTypes() where type.isManaged {
      let fields = try await store.fields(assetTypeID: type.id)
      #expect(
        fields.prefix(13).map { "\($0.id) \($0.name) \($0.type.rawValue) \($0.position)" }
          == before.fields[type.id], "\(type.name)")
    }
    #expect(before.assets.count > 30)
    var active = 0
    for (id, values) in before.assets {
      let asset = try #require(try await store.asset(id: id))
      let kandji = try #require(asset.kandji)
      #expect(ManagedField.allCases.map { $0.value(in: kandji) } == values, "asset \(id)")
      #expect(kandji.listAttributes.isEmpty && asset.detailsAttributes.isEmpty, "asset \(id)")
      if !asset.isRetired { active += 1 }
    }
    // Every active device's details document is read again by the backfill, once.
    let connectionID = try #require(try await store.kandjiConnections(includeRemoved: false).first?.id)
    #expect(try await store.markDetailsBackfill(connectionID: connectionID) == active)
    let progress = try await store.detailsBackfillProgress(connectionID: connectionID)
    #expect(progress.pending == active && progress.total == active)
  }
}
