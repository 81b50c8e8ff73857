import AssetCore
import AssetStore
import Foundation

/// Reading and pruning the asset history (issue 20); the writes are in each write path
/// (`AssetHistoryRows`).
extension SQLStore {
  public func assetHistory(assetID: Int64, page: Int, size: Int) async throws -> Page<AssetHistoryEntry>? {
    let window = PageWindow(page: page, size: size)
    return try await read { s in
      let results = try await s.fetch([
        "SELECT COUNT(*) FROM assets WHERE id = \(assetID)",
        "SELECT COUNT(*) FROM asset_history WHERE asset_id = \(assetID)",
        // Newest first: ids grow with time, and (asset_id, id) is the index.
        """
        SELECT h.id, h.asset_id, h.at, h.kind, h.source, h.field, h.old_value, h.new_value, h.note, h.agent_id,
          agents.name, h.run_id, h.connection_id, kandji_connections.name
        FROM asset_history h
        LEFT JOIN agents ON agents.id = h.agent_id
        LEFT JOIN kandji_connections ON kandji_connections.id = h.connection_id
        WHERE h.asset_id = \(assetID) ORDER BY h.id DESC LIMIT \(window.size) OFFSET \(window.offset)
        """,
      ])
      guard try results[0].first?.int64(at: 0) == 1 else { return nil }
      let total = Int(try results[1].first?.int64(at: 0) ?? 0)
      let entries = try results[2].map { row -> AssetHistoryEntry in
        var r = RowReader(row)
        return AssetHistoryEntry(
          id: try r.int64(), assetID: try r.int64(), at: try r.date(),
          kind: AssetHistoryEntry.Kind(rawValue: try r.string()) ?? .fieldChanged,
          source: AssetHistoryEntry.Source(rawValue: try r.string()) ?? .agent, field: try r.optionalString(),
          oldValue: try r.optionalString(), newValue: try r.optionalString(), note: try r.optionalString(),
          agentID: try r.optionalInt64(), agentName: try r.optionalString(), runID: try r.optionalInt64(),
          connectionID: try r.optionalInt64(), connectionName: try r.optionalString())
      }
      return Page(items: entries, total: total, page: window.page, size: window.size)
    }
  }

  public func pruneAssetHistory(before cutoff: Date, limit: Int) async throws -> Int {
    guard limit > 0 else { return 0 }
    // Oldest first through the `at` index; one short transaction per batch.
    return try await writeOne(
      """
      DELETE FROM asset_history WHERE id IN (
        SELECT id FROM asset_history WHERE at < \(cutoff) ORDER BY at LIMIT \(limit))
      """)
  }
}
