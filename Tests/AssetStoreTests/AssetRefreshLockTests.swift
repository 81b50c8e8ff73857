import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import PostgresStore
import SQLStore
import Synchronization
import Testing

/// PostgreSQL: single-asset refreshes take turns under a lock of their own, never the sync-run
/// lock, so granting a refresh neither waits for a run start nor holds one up.
@Suite(
  "PostgreSQL: the single-asset refresh ledger's own lock",
  .enabled(if: PostgresTestDatabase.enabled, "\(PostgresTestDatabase.skipReason)"))
struct AssetRefreshLockTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  /// While `holder` holds `lock` in an open transaction, asks `taker` for a refresh and watches
  /// `pg_locks` until the refresh is granted or waits for an advisory lock. Returns whether it
  /// waited, and the grant (after the holder's transaction ended).
  func refreshWhile(
    holding lock: SQLStatement, holder: PostgresAssetStore, taker: PostgresAssetStore, connectionID: Int64,
    assetID: Int64
  ) async throws -> (waited: Bool, grant: AssetRefreshGrant) {
    let done = Flag()
    let now = self.now
    let (waited, refresh) = try await holder.write { s in
      _ = try await s.fetch(lock)
      let refresh = Task {
        defer { done.set() }
        return try await taker.takeAssetRefresh(
          connectionID: connectionID, assetID: assetID, at: now, minInterval: 60, perHour: 10)
      }
      for _ in 0..<100_000 {
        if done.isSet { return (false, refresh) }
        let waiting = try await s.fetchOne(
          """
          SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          """)
        if try waiting?.int64(at: 0) ?? 0 > 0 { return (true, refresh) }
        await Task.yield()
      }
      Issue.record("the refresh neither finished nor waited")
      return (false, refresh)
    }
    return (waited, try await refresh.value)
  }

  @Test("a refresh is granted while a run start holds the sync-run lock; refreshes still take turns")
  func ownLock() async throws {
    let database = try await PostgresTestDatabase.makeDatabase()
    let a = try await PostgresAssetStore.connect(database, logger: PostgresTestDatabase.quietLogger)
    let b = try await PostgresAssetStore.connect(database, logger: PostgresTestDatabase.quietLogger)
    let connectionID = try await a.testConnectionID()
    let runLock = try #require(SQLDialect.postgres.syncRunLock)
    let refreshLock = try #require(SQLDialect.postgres.assetRefreshLock)
    #expect("\(runLock)" != "\(refreshLock)")
    #expect("\(refreshLock)" != "\(try #require(SQLDialect.postgres.adminRosterLock))")

    let duringRunStart = try await refreshWhile(
      holding: runLock, holder: a, taker: b, connectionID: connectionID, assetID: 1)
    #expect(!duringRunStart.waited)
    #expect(duringRunStart.grant == .granted)

    let duringRefresh = try await refreshWhile(
      holding: refreshLock, holder: a, taker: b, connectionID: connectionID, assetID: 2)
    #expect(duringRefresh.waited)
    #expect(duringRefresh.grant == .granted)
  }
}

/// Set once, read from any task.
private final class Flag: Sendable {
  private let value = Mutex(false)
  func set() { value.withLock { $0 = true } }
  var isSet: Bool { value.withLock { $0 } }
}
