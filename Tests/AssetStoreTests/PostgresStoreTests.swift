import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import PostgresStore
import SQLiteStore
import Testing

/// What only PostgreSQL has: several replicas (stores) on one database.
@Suite("PostgreSQL store", .enabled(if: PostgresTestDatabase.enabled, "\(PostgresTestDatabase.skipReason)"))
struct PostgresStoreTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  @Test("a database keeps its data across reconnecting, and migrations run once")
  func persistence() async throws {
    let database = try await PostgresTestDatabase.makeDatabase()
    do {
      let store = try await PostgresAssetStore.connect(database, logger: PostgresTestDatabase.quietLogger)
      _ = try await store.createContact(name: "Ann", email: "ann@example.com", phones: [], at: now)
      store.shutdown()
    }
    let reopened = try await PostgresAssetStore.connect(database, logger: PostgresTestDatabase.quietLogger)
    #expect(try await reopened.contact(email: "ANN@example.com")?.name == "Ann")
    #expect(try await reopened.assetTypes().count == 6)
    // The 13 and v13's Mac attributes, once each.
    let macAttributes = KandjiAttributeCatalogue.attributes.filter { $0.applies(to: .mac) }.count
    #expect(try await reopened.fields(assetTypeID: try await reopened.managedType(for: .mac).id).count == macAttributes)
  }

  @Test("replicas starting together migrate once (advisory lock)")
  func concurrentMigrations() async throws {
    let database = try await PostgresTestDatabase.makeDatabase()
    let stores = try await withThrowingTaskGroup(of: PostgresAssetStore.self) { group in
      for _ in 0..<4 {
        group.addTask { try await PostgresAssetStore.connect(database, logger: PostgresTestDatabase.quietLogger) }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(stores.count == 4)
    // Seeded exactly once: six managed types, not 24.
    #expect(try await stores[0].assetTypes().count == 6)
  }

  @Test("replicas racing to start a run: exactly one wins, the rest see it running")
  func runLockAcrossReplicas() async throws {
    let database = try await PostgresTestDatabase.makeDatabase()
    var stores: [PostgresAssetStore] = []
    for _ in 0..<6 {
      stores.append(try await PostgresAssetStore.connect(database, logger: PostgresTestDatabase.quietLogger))
    }
    let now = self.now
    let connectionID = try await stores[0].testConnectionID()
    let outcomes = await withTaskGroup(of: Result<Int64, StoreError>.self) { group in
      for (index, store) in stores.enumerated() {
        group.addTask {
          do {
            return .success(
              try await store.beginSyncRun(
                connectionID: connectionID, trigger: .scheduled, owner: "replica-\(index)", at: now, staleAfter: 120
              ).id)
          } catch let error as StoreError {
            return .failure(error)
          } catch {
            return .failure(.database("\(error)"))
          }
        }
      }
      return await group.reduce(into: []) { $0.append($1) }
    }
    let winners = outcomes.compactMap { try? $0.get() }
    #expect(winners.count == 1)
    let winner = try #require(winners.first)
    for outcome in outcomes {
      if case .failure(let error) = outcome { #expect(error == .syncAlreadyRunning(runID: winner)) }
    }
    #expect(try await stores[0].syncRuns(connectionID: nil, limit: 10).count == 1)
  }

  @Test("a list total remembered by one replica moves when another replica writes")
  func listTotalsAcrossReplicas() async throws {
    let database = try await PostgresTestDatabase.makeDatabase()
    let a = try await PostgresAssetStore.connect(database, logger: PostgresTestDatabase.quietLogger)
    let b = try await PostgresAssetStore.connect(database, logger: PostgresTestDatabase.quietLogger)
    let mac = try await a.managedType(for: .mac)
    _ = try await a.createManualAsset(ManualAssetDraft(assetTypeID: mac.id, name: "One", displayID: "1"), at: now)
    #expect(try await a.assets(AssetQuery(assetTypeID: mac.id)).total == 1)
    #expect(try await a.assetCounts()[mac.id] == 1)
    _ = try await b.createManualAsset(ManualAssetDraft(assetTypeID: mac.id, name: "Two", displayID: "2"), at: now)
    #expect(try await a.assets(AssetQuery(assetTypeID: mac.id)).total == 2)
    #expect(try await a.assetCounts()[mac.id] == 2)
  }

  @Test("an unreachable server fails with a one-line error, not a hang")
  func unreachable() async throws {
    let configuration = PostgresStoreConfiguration(
      host: "127.0.0.1", port: 1, username: "nobody", password: nil, database: "none", tls: .disable)
    await #expect(throws: StoreError.self) {
      try await PostgresAssetStore.connect(configuration, logger: PostgresTestDatabase.quietLogger)
    }
  }
}

/// URL parsing needs no server.
@Suite("PostgreSQL URLs")
struct PostgresURLTests {
  @Test("a bad URL is a one-line error")
  func badURL() {
    #expect(throws: StoreError.self) { try PostgresStoreConfiguration(url: "postgres://host-only") }
    #expect(throws: StoreError.self) { try PostgresStoreConfiguration(url: "postgres://u@h/db?pool_size=0") }
    let parsed = try? PostgresStoreConfiguration(url: "postgresql://u:p%40ss@db.example:6543/assets?pool_size=4")
    #expect(parsed?.password == "p@ss")
    #expect(parsed?.port == 6543)
    #expect(parsed?.poolSize == 4)
    #expect(parsed?.connectTimeoutSeconds == 5)
    // libpq's connect_timeout, in seconds; kept by `url` and `with(database:)`.
    let patient = try? PostgresStoreConfiguration(url: "postgres://u@h/db?connect_timeout=30")
    #expect(patient?.connectTimeoutSeconds == 30)
    #expect(patient?.with(database: "other").url.contains("connect_timeout=30") == true)
    for bad in ["0", "301", "soon", ""] {
      #expect(throws: StoreError.self) {
        try PostgresStoreConfiguration(url: "postgres://u@h/db?connect_timeout=\(bad)")
      }
    }
  }
}
