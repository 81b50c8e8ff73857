import GRDB
import SQLStore

/// The SQLite schema, as ordered migrations in one place: frozen text that never reads the
/// application's types (reference rows are literals, `ManagedTypesSeed`). Never edit a shipped
/// migration; add the next one, and extend `ReleaseUpgradeTests` with a fixture of the release.
enum SQLiteMigrations {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-core") { db in
      try db.execute(sql: coreTables)
      for statement in ManagedTypesSeed.statements(now: "(julianday('now') - 2440587.5) * 86400.0") {
        try db.execute(sql: statement)
      }
    }
    migrator.registerMigration("v2-helpdesk") { db in
      try db.execute(sql: helpdeskTables)
    }
    // The asset tables page in this order; without the index every page sorts the whole type.
    migrator.registerMigration("v3-asset-order") { db in
      try db.execute(sql: "CREATE INDEX assets_by_type_sort_name ON assets(asset_type_id, name COLLATE NOCASE, id)")
    }
    // Revocation: disabled agents, revoked API keys, ending an agent's sessions.
    migrator.registerMigration("v4-revocation") { db in
      try db.execute(
        sql: """
          ALTER TABLE agents ADD COLUMN disabled_at REAL;
          ALTER TABLE api_keys ADD COLUMN revoked_at REAL;
          CREATE INDEX sessions_by_agent ON sessions(agent_id);
          CREATE INDEX api_keys_by_agent ON api_keys(agent_id);
          """)
    }
    // Fast reads: keys sorted and searched the same way on every backend (`SearchKey`, filled
    // in Swift), the list order as a covering index, a trigram index for search, and a version
    // that every asset write bumps, so list totals can be remembered until the next write.
    migrator.registerMigration("v5-search-keys") { db in
      try db.execute(sql: searchKeys)
    }
    // Several Kandji tenants (R22): connections, each asset and run belongs to one, the API
    // budget counted per connection and minute (R24). The single tenant of earlier releases
    // becomes connection #1 with its assets and runs; its settings document is copied whole
    // (the connection settings read the same keys).
    migrator.registerMigration("v6-connections") { db in
      try db.execute(sql: connections)
    }
    // HappyFox's helpdesk (issue 12): statuses, priorities and categories (seeded), ticket
    // threads, contact groups, phones searchable by digits, asset type settings.
    migrator.registerMigration("v7-helpdesk") { db in
      try db.execute(sql: v7Helpdesk)
    }
    // Single-asset refreshes counted in the store (issue 16 item 8): once a minute per asset and
    // 5 % of the connection's budget an hour hold across restarts and replicas.
    migrator.registerMigration("v8-asset-refresh-ledger") { db in
      try db.execute(
        sql: """
          CREATE TABLE kandji_asset_refreshes (
            connection_id INTEGER NOT NULL REFERENCES kandji_connections(id) ON DELETE CASCADE,
            asset_id INTEGER NOT NULL,
            refreshed_at REAL NOT NULL,
            PRIMARY KEY (connection_id, refreshed_at, asset_id)
          );
          CREATE INDEX kandji_asset_refreshes_by_asset ON kandji_asset_refreshes(asset_id, refreshed_at);
          """)
    }
    // OpenID Connect sign-in (issue 22): an agent's own password rule (NULL: the instance's),
    // the ID token a session began with (for RP-initiated logout), and the sign-ins under way
    // (state, nonce and PKCE verifier kept here, single use, bound to the browser).
    migrator.registerMigration("v9-single-sign-on") { db in
      try db.execute(
        sql: """
          ALTER TABLE agents ADD COLUMN password_sign_in INTEGER;
          ALTER TABLE sessions ADD COLUMN id_token TEXT;
          CREATE TABLE oidc_sign_ins (
            state_hash TEXT PRIMARY KEY,
            browser_hash TEXT NOT NULL,
            nonce TEXT NOT NULL,
            code_verifier TEXT NOT NULL,
            next_path TEXT NOT NULL,
            expires_at REAL NOT NULL,
            created_at REAL NOT NULL
          );
          CREATE INDEX oidc_sign_ins_by_expiry ON oidc_sign_ins(expires_at);
          """)
    }
    // Asset history and wider search keys (issue 20); registered last, after v9.
    migrator.registerMigration("v10-asset-history") { db in
      try db.execute(sql: v10AssetHistory)
    }
    // Per-ticket thread counters (issue 16 item 5 follow-up); last, after v10 and v11.
    migrator.registerMigration("v11-ticket-thread-counters") { db in
      try db.execute(sql: v11TicketThreadCounters)
    }
    // Tickets' search keys folded like assets' and contacts' (issue 20); last, after v11.
    migrator.registerMigration("v12-ticket-search-keys") { db in
      try db.execute(sql: v12TicketSearchKeys)
    }
    // Every Kandji attribute kept and listed as a read-only field (issue 19); last, after v12.
    migrator.registerMigration("v13-kandji-attributes") { db in
      for statement in v13KandjiAttributes { try db.execute(sql: statement) }
    }
    return migrator
  }

  static let connections = """
    CREATE TABLE kandji_connections (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL,
      api_url TEXT,
      sealed_token TEXT,
      token_set_at REAL,
      enabled INTEGER NOT NULL DEFAULT 1,
      settings TEXT NOT NULL DEFAULT '{}',
      removed_at REAL,
      created_at REAL NOT NULL
    );
    CREATE UNIQUE INDEX kandji_connections_by_name ON kandji_connections(name_key) WHERE removed_at IS NULL;
    CREATE TABLE kandji_api_calls (
      connection_id INTEGER NOT NULL REFERENCES kandji_connections(id) ON DELETE CASCADE,
      minute INTEGER NOT NULL,
      calls INTEGER NOT NULL,
      PRIMARY KEY (connection_id, minute)
    );
    ALTER TABLE assets ADD COLUMN connection_id INTEGER REFERENCES kandji_connections(id);
    ALTER TABLE assets ADD COLUMN retired_reason TEXT;
    ALTER TABLE sync_runs ADD COLUMN connection_id INTEGER REFERENCES kandji_connections(id);
    CREATE INDEX assets_by_connection ON assets(connection_id, id);
    CREATE INDEX sync_runs_by_connection ON sync_runs(connection_id, id);
    INSERT INTO kandji_connections (id, name, name_key, api_url, sealed_token, token_set_at, enabled, settings, created_at)
      SELECT 1, 'Kandji', 'kandji', json_extract(value, '$.apiURL'), json_extract(value, '$.sealedToken'),
        json_extract(value, '$.tokenSetAt'), CASE WHEN json_extract(value, '$.enabled') THEN 1 ELSE 0 END, value,
        (julianday('now') - 2440587.5) * 86400.0
      FROM settings
      WHERE key = 'kandji' AND (json_extract(value, '$.apiURL') IS NOT NULL
        OR EXISTS (SELECT 1 FROM assets WHERE kandji_device_id IS NOT NULL));
    UPDATE assets SET connection_id = 1
      WHERE kandji_device_id IS NOT NULL AND EXISTS (SELECT 1 FROM kandji_connections WHERE id = 1);
    UPDATE sync_runs SET connection_id = 1 WHERE EXISTS (SELECT 1 FROM kandji_connections WHERE id = 1);
    UPDATE assets SET retired_reason = 'no longer in Kandji' WHERE retired_at IS NOT NULL;
    """

  static let searchKeys = """
    ALTER TABLE assets ADD COLUMN sort_key TEXT;
    ALTER TABLE assets ADD COLUMN search_key TEXT;
    ALTER TABLE contacts ADD COLUMN sort_key TEXT;
    ALTER TABLE contacts ADD COLUMN search_key TEXT;
    DROP INDEX assets_by_type_sort_name;
    DROP INDEX assets_by_type_name;
    CREATE INDEX assets_by_type_sort_key ON assets(asset_type_id, sort_key, id, search_key);
    CREATE INDEX contacts_by_sort_key ON contacts(sort_key, id);
    CREATE TABLE data_versions (name TEXT PRIMARY KEY, version INTEGER NOT NULL);
    INSERT INTO data_versions (name, version) VALUES ('assets', 0);
    CREATE VIRTUAL TABLE asset_search USING fts5(
      search_key, content = 'assets', content_rowid = 'id', tokenize = 'trigram case_sensitive 1'
    );
    CREATE TRIGGER asset_search_insert AFTER INSERT ON assets WHEN new.search_key IS NOT NULL BEGIN
      INSERT INTO asset_search (rowid, search_key) VALUES (new.id, new.search_key);
    END;
    CREATE TRIGGER asset_search_delete AFTER DELETE ON assets WHEN old.search_key IS NOT NULL BEGIN
      INSERT INTO asset_search (asset_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
    END;
    CREATE TRIGGER asset_search_update AFTER UPDATE OF search_key ON assets
    WHEN old.search_key IS NOT new.search_key BEGIN
      INSERT INTO asset_search (asset_search, rowid, search_key)
        SELECT 'delete', old.id, old.search_key WHERE old.search_key IS NOT NULL;
      INSERT INTO asset_search (rowid, search_key) SELECT new.id, new.search_key WHERE new.search_key IS NOT NULL;
    END;
    """

  static let helpdeskTables = """
    CREATE TABLE agents (
      id INTEGER PRIMARY KEY,
      email TEXT NOT NULL,
      email_key TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      created_at REAL NOT NULL
    );
    CREATE TABLE api_keys (
      key TEXT PRIMARY KEY,
      agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      auth_code_hash TEXT NOT NULL,
      created_at REAL NOT NULL
    );
    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      csrf_token TEXT NOT NULL,
      expires_at REAL NOT NULL,
      created_at REAL NOT NULL
    );
    CREATE INDEX tickets_by_contact ON tickets(contact_id);
    """

  static let coreTables = """
    CREATE TABLE asset_types (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      description TEXT NOT NULL DEFAULT '',
      platform TEXT UNIQUE,
      created_at REAL NOT NULL
    );
    CREATE TABLE asset_fields (
      id INTEGER PRIMARY KEY,
      asset_type_id INTEGER NOT NULL REFERENCES asset_types(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      field_type TEXT NOT NULL,
      group_name TEXT,
      managed_key TEXT,
      position INTEGER NOT NULL,
      choices TEXT NOT NULL DEFAULT '[]',
      UNIQUE (asset_type_id, name)
    );
    CREATE TABLE assets (
      id INTEGER PRIMARY KEY,
      asset_type_id INTEGER NOT NULL REFERENCES asset_types(id),
      name TEXT NOT NULL,
      display_id TEXT NOT NULL UNIQUE,
      kandji_device_id TEXT UNIQUE,
      serial_number TEXT,
      device_name TEXT,
      platform TEXT,
      model TEXT,
      os_version TEXT,
      asset_tag TEXT,
      last_check_in REAL,
      blueprint TEXT,
      enrollment_state TEXT,
      supervised INTEGER,
      udid TEXT,
      user_email TEXT,
      user_name TEXT,
      last_enrollment REAL,
      details_pending INTEGER NOT NULL DEFAULT 0,
      details_fetched_at REAL,
      retired_at REAL,
      created_by INTEGER,
      updated_by INTEGER,
      created_at REAL NOT NULL,
      updated_at REAL NOT NULL
    );
    CREATE INDEX assets_by_type_name ON assets(asset_type_id, name);
    CREATE INDEX assets_by_serial ON assets(serial_number);
    CREATE INDEX assets_details_pending ON assets(details_pending) WHERE details_pending = 1;
    CREATE TABLE asset_field_values (
      asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
      field_id INTEGER NOT NULL REFERENCES asset_fields(id) ON DELETE CASCADE,
      value TEXT NOT NULL,
      PRIMARY KEY (asset_id, field_id)
    );
    CREATE TABLE contacts (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      email_key TEXT NOT NULL UNIQUE,
      phones TEXT NOT NULL DEFAULT '[]',
      created_at REAL NOT NULL,
      updated_at REAL NOT NULL
    );
    CREATE TABLE asset_contacts (
      asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
      contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      source TEXT NOT NULL,
      created_at REAL NOT NULL,
      PRIMARY KEY (asset_id, contact_id)
    );
    CREATE INDEX asset_contacts_by_contact ON asset_contacts(contact_id);
    CREATE TABLE tickets (
      id INTEGER PRIMARY KEY,
      subject TEXT NOT NULL,
      status TEXT NOT NULL,
      contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
      created_by INTEGER,
      created_at REAL NOT NULL,
      updated_at REAL NOT NULL
    );
    CREATE TABLE ticket_assets (
      ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
      PRIMARY KEY (ticket_id, asset_id)
    );
    CREATE INDEX ticket_assets_by_asset ON ticket_assets(asset_id);
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE sync_runs (
      id INTEGER PRIMARY KEY,
      trigger TEXT NOT NULL,
      status TEXT NOT NULL,
      started_at REAL NOT NULL,
      finished_at REAL,
      heartbeat_at REAL NOT NULL,
      owner TEXT NOT NULL,
      error TEXT,
      created INTEGER NOT NULL DEFAULT 0,
      updated INTEGER NOT NULL DEFAULT 0,
      skipped INTEGER NOT NULL DEFAULT 0,
      failed INTEGER NOT NULL DEFAULT 0,
      retired INTEGER NOT NULL DEFAULT 0,
      pages INTEGER NOT NULL DEFAULT 0,
      list_requests INTEGER NOT NULL DEFAULT 0,
      detail_requests INTEGER NOT NULL DEFAULT 0,
      retries INTEGER NOT NULL DEFAULT 0,
      rate_limited INTEGER NOT NULL DEFAULT 0,
      asset_writes INTEGER NOT NULL DEFAULT 0,
      details_pending INTEGER NOT NULL DEFAULT 0,
      listing_complete INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sync_runs_by_status ON sync_runs(status);
    CREATE TABLE sync_report_rows (
      run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      outcome TEXT NOT NULL,
      kandji_device_id TEXT,
      display_id TEXT,
      name TEXT,
      platform TEXT,
      reason TEXT NOT NULL,
      PRIMARY KEY (run_id, position)
    );
    """
}
