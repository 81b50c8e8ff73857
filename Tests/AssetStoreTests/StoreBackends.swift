import AssetStore
import AssetStoreTestSupport
import Foundation
import Testing

/// The store backends the contract suite runs against. Every test gets a fresh, empty store.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case sqliteFile
  case postgres

  var testDescription: String { rawValue }

  /// SQLite always; PostgreSQL when `ASSETSYNC_TEST_POSTGRES_URL` is set, and on CI always (where
  /// a missing server then fails every PostgreSQL case instead of skipping it).
  static var allCases: [StoreBackend] { PostgresTestDatabase.enabled ? [.sqliteFile, .postgres] : [.sqliteFile] }

  func makeStore() async throws -> any AssetStore {
    switch self {
    case .sqliteFile:
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "assetsync-tests-\(UUID().uuidString)")
      return try SQLiteAssetStore(path: directory.appendingPathComponent("assetsync.sqlite").path)
    case .postgres:
      return try await PostgresTestDatabase.makeStore()
    }
  }
}

/// Says on every developer run that the PostgreSQL cases did not run, and why.
@Suite("PostgreSQL backend")
struct PostgresBackendAvailability {
  @Test(
    "PostgreSQL cases are configured",
    .disabled(if: !PostgresTestDatabase.enabled, "\(PostgresTestDatabase.skipReason)"))
  func configured() {
    #expect(PostgresTestDatabase.url != nil, "CI=true but ASSETSYNC_TEST_POSTGRES_URL is not set")
  }
}
