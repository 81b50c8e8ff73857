import AssetCore
import Foundation
import PostgresNIO

extension PostgresAssetStore {
  public func activeSyncedAssets(afterID: Int64, limit: Int) async throws -> [SyncedAssetRef] {
    try await read { c in
      try await c.rows(
        """
        SELECT id, kandji_device_id, display_id, name, platform FROM assets
        WHERE kandji_device_id IS NOT NULL AND retired_at IS NULL AND id > \(afterID) ORDER BY id LIMIT \(limit)
        """, logger: logger
      ).compactMap(Self.ref)
    }
  }

  public func assetsNeedingDetails(limit: Int) async throws -> [SyncedAssetRef] {
    try await read { c in
      try await c.rows(
        """
        SELECT id, kandji_device_id, display_id, name, platform FROM assets
        WHERE details_pending AND retired_at IS NULL ORDER BY id LIMIT \(limit)
        """, logger: logger
      ).compactMap(Self.ref)
    }
  }

  public func countAssetsNeedingDetails() async throws -> Int {
    try await read { c in
      let n: Int64 =
        try await c.row(
          "SELECT COUNT(*) AS n FROM assets WHERE details_pending AND retired_at IS NULL", logger: logger)?["n"] ?? 0
      return Int(n)
    }
  }

  public func markOldestDetailsForRefresh(limit: Int) async throws -> Int {
    guard limit > 0 else { return 0 }
    return try await write { c in
      // NULLS FIRST: never-fetched details first, as SQLite orders NULLs.
      try await c.exec(
        """
        UPDATE assets SET details_pending = TRUE WHERE id IN (
          SELECT id FROM assets WHERE kandji_device_id IS NOT NULL AND retired_at IS NULL AND NOT details_pending
          ORDER BY details_fetched_at NULLS FIRST, id LIMIT \(limit))
        RETURNING 1
        """, logger: logger)
    }
  }

  public func applyDetails(_ updates: [DetailsUpdate], at now: Date) async throws -> Int {
    try await write { c in
      var writes = 0
      for update in updates {
        if update.found {
          writes += try await c.exec(
            """
            UPDATE assets SET supervised = \(update.supervised), udid = \(update.udid), details_pending = FALSE,
              details_fetched_at = \(now.epoch)
            WHERE id = \(update.assetID) RETURNING 1
            """, logger: logger)
        } else {
          writes += try await c.exec(
            """
            UPDATE assets SET details_pending = FALSE, details_fetched_at = \(now.epoch)
            WHERE id = \(update.assetID) RETURNING 1
            """, logger: logger)
        }
      }
      return writes
    }
  }
}
