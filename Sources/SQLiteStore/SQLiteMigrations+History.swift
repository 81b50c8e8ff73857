extension SQLiteMigrations {
  /// Migration v10 (issue 20): every asset's history, and search keys that also hold the asset
  /// tag and the Kandji user. The keys are set to NULL here and filled again in Swift after the
  /// migrations (`KeyBackfill`), with `SearchKey.match` folding. Frozen once shipped.
  static let v10AssetHistory = """
    CREATE TABLE asset_history (
      id INTEGER PRIMARY KEY,
      asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
      at REAL NOT NULL,
      kind TEXT NOT NULL,
      source TEXT NOT NULL,
      field TEXT,
      old_value TEXT,
      new_value TEXT,
      note TEXT,
      agent_id INTEGER,
      run_id INTEGER,
      connection_id INTEGER
    );
    CREATE INDEX asset_history_by_asset ON asset_history(asset_id, id);
    CREATE INDEX asset_history_by_time ON asset_history(at);
    UPDATE assets SET search_key = NULL;
    UPDATE contacts SET search_key = NULL;
    """
}
