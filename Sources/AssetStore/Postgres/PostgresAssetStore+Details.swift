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

  /// One UPDATE for the whole batch: arrays of ids and values joined with UNNEST. NULLs travel
  /// as flags beside the values (PostgresNIO's arrays hold no NULLs).
  public func applyDetails(_ updates: [DetailsUpdate], at now: Date) async throws -> Int {
    guard !updates.isEmpty else { return 0 }
    let ids = updates.map(\.assetID)
    let found = updates.map(\.found)
    let supervisedKnown = updates.map { $0.supervised != nil }
    let supervised = updates.map { $0.supervised ?? false }
    let udidKnown = updates.map { $0.udid != nil }
    let udids = updates.map { $0.udid ?? "" }
    return try await writeOne { c in
      try await c.exec(
        """
        UPDATE assets AS a SET
          supervised = CASE WHEN NOT u.found THEN a.supervised WHEN u.supervised_known THEN u.supervised END,
          udid = CASE WHEN NOT u.found THEN a.udid WHEN u.udid_known THEN u.udid END,
          details_pending = FALSE, details_fetched_at = \(now.epoch)
        FROM UNNEST(\(ids)::bigint[], \(found)::boolean[], \(supervisedKnown)::boolean[], \(supervised)::boolean[],
          \(udidKnown)::boolean[], \(udids)::text[]) AS u(id, found, supervised_known, supervised, udid_known, udid)
        WHERE a.id = u.id
        RETURNING 1
        """, logger: logger)
    }
  }
}
