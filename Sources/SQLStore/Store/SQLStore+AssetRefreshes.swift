import AssetStore
import Foundation

/// The durable ledger of single-asset refreshes (R23, issue 16 item 8): one row per refresh in
/// `kandji_asset_refreshes`, kept for an hour, so the once-a-minute rule per asset and the
/// connection's hourly allowance hold across restarts and replicas.
extension SQLStore {
  public func takeAssetRefresh(
    connectionID: Int64, assetID: Int64, at now: Date, minInterval: TimeInterval, perHour: Int
  ) async throws -> AssetRefreshGrant {
    let hourAgo = now.addingTimeInterval(-3_600)
    let recentCutoff = now.addingTimeInterval(-minInterval)
    // PostgreSQL: a lock of its own serialises takers across connections and replicas (two
    // transactions could otherwise both count 224 of 225 and both insert) without queueing
    // behind run starts, which take `syncRunLock`. SQLite's writer is one at a time already.
    let lock = dialect.assetRefreshLock
    return try await write { s in
      if let lock { try await s.fetch(lock) }
      try await s.execute(
        "DELETE FROM kandji_asset_refreshes WHERE connection_id = \(connectionID) AND refreshed_at <= \(hourAgo)")
      if let row = try await s.fetchOne(
        """
        SELECT MAX(refreshed_at) FROM kandji_asset_refreshes
        WHERE asset_id = \(assetID) AND refreshed_at > \(recentCutoff)
        """), let last = try row.double(at: 0)
      {
        let wait = minInterval - now.timeIntervalSince1970 + last
        return .tooSoon(retryAfter: max(1, Int(wait.rounded(.up))))
      }
      let counted = try await s.fetchOne(
        """
        SELECT COUNT(*), MIN(refreshed_at) FROM kandji_asset_refreshes
        WHERE connection_id = \(connectionID) AND refreshed_at > \(hourAgo)
        """)
      if let counted, Int(try counted.int64(at: 0) ?? 0) >= perHour, let oldest = try counted.double(at: 1) {
        let wait = 3_600 - now.timeIntervalSince1970 + oldest
        return .allowanceSpent(retryAfter: max(1, Int(wait.rounded(.up))))
      }
      try await s.execute(
        """
        INSERT INTO kandji_asset_refreshes (connection_id, asset_id, refreshed_at)
        VALUES (\(connectionID), \(assetID), \(now))
        """)
      return .granted
    }
  }

  public func returnAssetRefresh(connectionID: Int64, assetID: Int64, takenAt: Date) async throws {
    try await writeOne(
      """
      DELETE FROM kandji_asset_refreshes
      WHERE connection_id = \(connectionID) AND asset_id = \(assetID) AND refreshed_at = \(takenAt)
      """)
  }
}
