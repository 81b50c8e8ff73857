extension PostgresMigrations {
  /// Migration v10 (issue 20), as SQLite's: every asset's history, and search keys refilled in
  /// Swift (`KeyBackfill`) with the asset tag, the Kandji user and `SearchKey.match` folding.
  static let v10AssetHistory = Migration(
    version: "v10-asset-history",
    statements: [
      """
      CREATE TABLE asset_history (
        id BIGSERIAL PRIMARY KEY,
        asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        at DOUBLE PRECISION NOT NULL,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        field TEXT,
        old_value TEXT,
        new_value TEXT,
        note TEXT,
        agent_id BIGINT,
        run_id BIGINT,
        connection_id BIGINT
      )
      """,
      "CREATE INDEX asset_history_by_asset ON asset_history (asset_id, id)",
      "CREATE INDEX asset_history_by_time ON asset_history (at)",
      "UPDATE assets SET search_key = NULL",
      "UPDATE contacts SET search_key = NULL",
    ])
}
