import AssetStore
import Foundation
import PostgresStore
import SQLStore
import SQLiteStore

/// The store backends every contract, sync and web test runs against. Every test gets a fresh,
/// empty store (or a fresh copy of a release fixture).
public enum StoreBackend: String, CaseIterable, Sendable {
  case sqlite
  case postgres

  /// SQLite always; PostgreSQL when `ASSETSYNC_TEST_POSTGRES_URL` is set, and on CI always (where
  /// a missing server then fails every PostgreSQL case instead of skipping it).
  public static var allCases: [StoreBackend] { PostgresTestDatabase.enabled ? [.sqlite, .postgres] : [.sqlite] }

  /// A fresh, migrated store.
  public func makeStore() async throws -> any AssetStore {
    switch self {
    case .sqlite: try SQLiteAssetStore(path: Self.scratchFile())
    case .postgres: try await PostgresTestDatabase.makeStore()
    }
  }

  /// A fresh, migrated store, and a way to open a second store on the same database (another
  /// replica).
  public func makeStoreWithReplica() async throws -> (
    store: any AssetStore, openReplica: @Sendable () async throws -> any AssetStore
  ) {
    switch self {
    case .sqlite:
      let path = Self.scratchFile()
      return (try SQLiteAssetStore(path: path), { try SQLiteAssetStore(path: path) })
    case .postgres:
      let database = try await PostgresTestDatabase.makeDatabase()
      let open: @Sendable () async throws -> any AssetStore = {
        try await PostgresAssetStore.connect(database, logger: PostgresTestDatabase.quietLogger)
      }
      return (try await open(), open)
    }
  }

  /// A fresh copy of a release fixture, opened (and so upgraded) by today's store.
  public func openFixture(_ fixture: ReleaseFixture) async throws -> any AssetStore {
    switch self {
    case .sqlite:
      return try SQLiteAssetStore(path: try fixture.copySQLite(to: Self.scratchFile()))
    case .postgres:
      let database = try await PostgresTestDatabase.makeDatabase()
      try await PostgresTestDatabase.load(dump: fixture.postgresDump, into: database)
      return try await PostgresAssetStore.connect(database, logger: PostgresTestDatabase.quietLogger)
    }
  }

  /// A path for a new SQLite file in its own temporary directory.
  public static func scratchFile(_ name: String = "assetsync.sqlite") -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("assetsync-tests-\(UUID().uuidString)")
      .appendingPathComponent(name).path
  }
}

extension StoreBackend {
  /// Runs a statement on a store of either backend, for test setup the store API has no method for
  /// (custom fields).
  public static func execute(_ statement: SQLStatement, on store: any AssetStore) async throws {
    if let store = store as? SQLiteAssetStore {
      try await store.write { session in try await session.execute(statement) }
    } else if let store = store as? PostgresAssetStore {
      try await store.write { session in try await session.execute(statement) }
    } else {
      throw FixtureError("not a store of this package: \(type(of: store))")
    }
  }
}

extension AssetStore {
  /// The id of the store's "Test tenant" connection, created on first use: the connection the
  /// contract tests' runs and synced assets belong to.
  public func testConnectionID() async throws -> Int64 {
    if let existing = try await kandjiConnections(includeRemoved: false).first(where: { $0.name == "Test tenant" }) {
      return existing.id
    }
    return try await createKandjiConnection(KandjiConnectionDraft(name: "Test tenant"), at: Date()).id
  }
}
