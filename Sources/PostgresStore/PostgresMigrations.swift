import SQLStore

/// The PostgreSQL schema as ordered migrations: the same tables and columns as SQLite's, with
/// BIGINT ids, DOUBLE PRECISION epoch seconds (so dates round-trip exactly as on SQLite), BOOLEAN
/// flags, and case-insensitive uniques as indexes on `lower(name)`. Frozen text that never reads
/// the application's types (reference rows are literals, `ManagedTypesSeed`). Never edit a
/// shipped migration; append the next one.
enum PostgresMigrations {
  struct Migration: Sendable {
    let version: String
    /// One statement each (the extended protocol takes one statement per query).
    let statements: [String]
    /// Statements that may fail where the server lacks an extension: each runs in a savepoint
    /// and is skipped, with a warning, when it fails (the store works without them, slower).
    var optional: [String] = []
  }

  static let migrations: [Migration] = [
    Migration(
      version: "v1-core",
      statements: coreTables + ManagedTypesSeed.statements(now: "date_part('epoch', clock_timestamp())")),
    Migration(version: "v2-helpdesk", statements: helpdeskTables),
    // The asset tables page in this order; without the index every page sorts the whole type.
    Migration(
      version: "v3-asset-order",
      statements: [#"CREATE INDEX assets_by_type_sort_name ON assets (asset_type_id, lower(name) COLLATE "C", id)"#]),
    // Revocation: disabled agents, revoked API keys, ending an agent's sessions.
    Migration(
      version: "v4-revocation",
      statements: [
        "ALTER TABLE agents ADD COLUMN disabled_at DOUBLE PRECISION",
        "ALTER TABLE api_keys ADD COLUMN revoked_at DOUBLE PRECISION",
        "CREATE INDEX sessions_by_agent ON sessions (agent_id)",
        "CREATE INDEX api_keys_by_agent ON api_keys (agent_id)",
      ]),
    // Fast reads: keys sorted and searched the same way on every backend (`SearchKey`, filled in
    // Swift; byte order through COLLATE "C"), the list order as a covering index, pg_trgm for
    // search (a trusted extension: the database owner may create it), and a version that every
    // asset write bumps, so list totals can be remembered until the next write.
    Migration(
      version: "v5-search-keys",
      statements: [
        #"ALTER TABLE assets ADD COLUMN sort_key TEXT COLLATE "C""#,
        #"ALTER TABLE assets ADD COLUMN search_key TEXT COLLATE "C""#,
        #"ALTER TABLE contacts ADD COLUMN sort_key TEXT COLLATE "C""#,
        #"ALTER TABLE contacts ADD COLUMN search_key TEXT COLLATE "C""#,
        "DROP INDEX assets_by_type_sort_name",
        "DROP INDEX assets_by_type_name",
        "CREATE INDEX assets_by_type_sort_key ON assets (asset_type_id, sort_key, id) INCLUDE (search_key)",
        "CREATE INDEX contacts_by_sort_key ON contacts (sort_key, id)",
        "CREATE TABLE data_versions (name TEXT PRIMARY KEY, version BIGINT NOT NULL)",
        "INSERT INTO data_versions (name, version) VALUES ('assets', 0)",
      ],
      optional: [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE INDEX assets_search_trigrams ON assets USING gin (search_key gin_trgm_ops)",
      ]),
    // Several Kandji tenants (R22): connections, each asset and run belongs to one, the API
    // budget counted per connection and minute (R24). The single tenant of earlier releases
    // becomes connection #1 with its assets and runs; its settings document is copied whole.
    Migration(
      version: "v6-connections",
      statements: [
        """
        CREATE TABLE kandji_connections (
          id BIGSERIAL PRIMARY KEY,
          name TEXT NOT NULL,
          name_key TEXT NOT NULL,
          api_url TEXT,
          sealed_token TEXT,
          token_set_at DOUBLE PRECISION,
          enabled BOOLEAN NOT NULL DEFAULT TRUE,
          settings TEXT NOT NULL DEFAULT '{}',
          removed_at DOUBLE PRECISION,
          created_at DOUBLE PRECISION NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX kandji_connections_by_name ON kandji_connections (name_key) WHERE removed_at IS NULL",
        """
        CREATE TABLE kandji_api_calls (
          connection_id BIGINT NOT NULL REFERENCES kandji_connections(id) ON DELETE CASCADE,
          minute BIGINT NOT NULL,
          calls BIGINT NOT NULL,
          PRIMARY KEY (connection_id, minute)
        )
        """,
        "ALTER TABLE assets ADD COLUMN connection_id BIGINT REFERENCES kandji_connections(id)",
        "ALTER TABLE assets ADD COLUMN retired_reason TEXT",
        "ALTER TABLE sync_runs ADD COLUMN connection_id BIGINT REFERENCES kandji_connections(id)",
        "CREATE INDEX assets_by_connection ON assets (connection_id, id)",
        "CREATE INDEX sync_runs_by_connection ON sync_runs (connection_id, id)",
        """
        INSERT INTO kandji_connections (id, name, name_key, api_url, sealed_token, token_set_at, enabled, settings, created_at)
          SELECT 1, 'Kandji', 'kandji', value::json->>'apiURL', value::json->>'sealedToken',
            (value::json->>'tokenSetAt')::double precision, COALESCE((value::json->>'enabled')::boolean, FALSE), value,
            date_part('epoch', clock_timestamp())
          FROM settings
          WHERE key = 'kandji' AND (value::json->>'apiURL' IS NOT NULL
            OR EXISTS (SELECT 1 FROM assets WHERE kandji_device_id IS NOT NULL))
        """,
        "SELECT setval(pg_get_serial_sequence('kandji_connections', 'id'), COALESCE((SELECT MAX(id) FROM kandji_connections), 0) + 1, false)",
        """
        UPDATE assets SET connection_id = 1
          WHERE kandji_device_id IS NOT NULL AND EXISTS (SELECT 1 FROM kandji_connections WHERE id = 1)
        """,
        "UPDATE sync_runs SET connection_id = 1 WHERE EXISTS (SELECT 1 FROM kandji_connections WHERE id = 1)",
        "UPDATE assets SET retired_reason = 'no longer in Kandji' WHERE retired_at IS NOT NULL",
      ]),
    // HappyFox's helpdesk (issue 12): statuses, priorities and categories (seeded), ticket
    // threads, contact groups, phones searchable by digits, asset type settings.
    Migration(version: "v7-helpdesk", statements: v7Helpdesk),
    // Single-asset refreshes counted in the store (issue 16 item 8): once a minute per asset and
    // 5 % of the connection's budget an hour hold across restarts and replicas.
    Migration(
      version: "v8-asset-refresh-ledger",
      statements: [
        """
        CREATE TABLE kandji_asset_refreshes (
          connection_id BIGINT NOT NULL REFERENCES kandji_connections(id) ON DELETE CASCADE,
          asset_id BIGINT NOT NULL,
          refreshed_at DOUBLE PRECISION NOT NULL,
          PRIMARY KEY (connection_id, refreshed_at, asset_id)
        )
        """,
        "CREATE INDEX kandji_asset_refreshes_by_asset ON kandji_asset_refreshes (asset_id, refreshed_at)",
      ]),
    // OpenID Connect sign-in (issue 22), as SQLite's v9.
    Migration(
      version: "v9-single-sign-on",
      statements: [
        "ALTER TABLE agents ADD COLUMN password_sign_in BOOLEAN",
        "ALTER TABLE sessions ADD COLUMN id_token TEXT",
        """
        CREATE TABLE oidc_sign_ins (
          state_hash TEXT PRIMARY KEY,
          browser_hash TEXT NOT NULL,
          nonce TEXT NOT NULL,
          code_verifier TEXT NOT NULL,
          next_path TEXT NOT NULL,
          expires_at DOUBLE PRECISION NOT NULL,
          created_at DOUBLE PRECISION NOT NULL
        )
        """,
        "CREATE INDEX oidc_sign_ins_by_expiry ON oidc_sign_ins (expires_at)",
      ]),
    // Asset history and wider search keys (issue 20); last, after v9.
    v10AssetHistory,
    // Per-ticket thread counters (issue 16 item 5 follow-up), as SQLite's; last, after v10 and v11.
    v11TicketThreadCounters,
    // Tickets' search keys folded like assets' and contacts' (issue 20), as SQLite's; last, after v11.
    v12TicketSearchKeys,
    // Every Kandji attribute kept and listed as a read-only field (issue 19), as SQLite's; last, after v12.
    v13KandjiAttributes,
  ]

  static let bookkeeping = """
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version TEXT PRIMARY KEY,
      applied_at DOUBLE PRECISION NOT NULL
    )
    """

  static let coreTables = [
    """
    CREATE TABLE asset_types (
      id BIGSERIAL PRIMARY KEY,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      platform TEXT UNIQUE,
      created_at DOUBLE PRECISION NOT NULL
    )
    """,
    // SQLite's COLLATE NOCASE unique: one name per spelling, whatever the case.
    "CREATE UNIQUE INDEX asset_types_name_key ON asset_types (lower(name))",
    """
    CREATE TABLE asset_fields (
      id BIGSERIAL PRIMARY KEY,
      asset_type_id BIGINT NOT NULL REFERENCES asset_types(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      field_type TEXT NOT NULL,
      group_name TEXT,
      managed_key TEXT,
      position BIGINT NOT NULL,
      choices TEXT NOT NULL DEFAULT '[]',
      CONSTRAINT asset_fields_type_field_key UNIQUE (asset_type_id, name)
    )
    """,
    """
    CREATE TABLE assets (
      id BIGSERIAL PRIMARY KEY,
      asset_type_id BIGINT NOT NULL REFERENCES asset_types(id),
      name TEXT NOT NULL,
      display_id TEXT NOT NULL CONSTRAINT assets_display_id_key UNIQUE,
      kandji_device_id TEXT CONSTRAINT assets_kandji_device_id_key UNIQUE,
      serial_number TEXT,
      device_name TEXT,
      platform TEXT,
      model TEXT,
      os_version TEXT,
      asset_tag TEXT,
      last_check_in DOUBLE PRECISION,
      blueprint TEXT,
      enrollment_state TEXT,
      supervised BOOLEAN,
      udid TEXT,
      user_email TEXT,
      user_name TEXT,
      last_enrollment DOUBLE PRECISION,
      details_pending BOOLEAN NOT NULL DEFAULT FALSE,
      details_fetched_at DOUBLE PRECISION,
      retired_at DOUBLE PRECISION,
      created_by BIGINT,
      updated_by BIGINT,
      created_at DOUBLE PRECISION NOT NULL,
      updated_at DOUBLE PRECISION NOT NULL
    )
    """,
    "CREATE INDEX assets_by_type_name ON assets (asset_type_id, name)",
    "CREATE INDEX assets_by_serial ON assets (serial_number)",
    "CREATE INDEX assets_details_pending ON assets (id) WHERE details_pending",
    """
    CREATE TABLE asset_field_values (
      asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
      field_id BIGINT NOT NULL REFERENCES asset_fields(id) ON DELETE CASCADE,
      value TEXT NOT NULL,
      PRIMARY KEY (asset_id, field_id)
    )
    """,
    """
    CREATE TABLE contacts (
      id BIGSERIAL PRIMARY KEY,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      email_key TEXT NOT NULL CONSTRAINT contacts_email_key_key UNIQUE,
      phones TEXT NOT NULL DEFAULT '[]',
      created_at DOUBLE PRECISION NOT NULL,
      updated_at DOUBLE PRECISION NOT NULL
    )
    """,
    """
    CREATE TABLE asset_contacts (
      asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
      contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      source TEXT NOT NULL,
      created_at DOUBLE PRECISION NOT NULL,
      PRIMARY KEY (asset_id, contact_id)
    )
    """,
    "CREATE INDEX asset_contacts_by_contact ON asset_contacts (contact_id)",
    """
    CREATE TABLE tickets (
      id BIGSERIAL PRIMARY KEY,
      subject TEXT NOT NULL,
      status TEXT NOT NULL,
      contact_id BIGINT REFERENCES contacts(id) ON DELETE SET NULL,
      created_by BIGINT,
      created_at DOUBLE PRECISION NOT NULL,
      updated_at DOUBLE PRECISION NOT NULL
    )
    """,
    """
    CREATE TABLE ticket_assets (
      ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
      PRIMARY KEY (ticket_id, asset_id)
    )
    """,
    "CREATE INDEX ticket_assets_by_asset ON ticket_assets (asset_id)",
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """
    CREATE TABLE sync_runs (
      id BIGSERIAL PRIMARY KEY,
      trigger TEXT NOT NULL,
      status TEXT NOT NULL,
      started_at DOUBLE PRECISION NOT NULL,
      finished_at DOUBLE PRECISION,
      heartbeat_at DOUBLE PRECISION NOT NULL,
      owner TEXT NOT NULL,
      error TEXT,
      created BIGINT NOT NULL DEFAULT 0,
      updated BIGINT NOT NULL DEFAULT 0,
      skipped BIGINT NOT NULL DEFAULT 0,
      failed BIGINT NOT NULL DEFAULT 0,
      retired BIGINT NOT NULL DEFAULT 0,
      pages BIGINT NOT NULL DEFAULT 0,
      list_requests BIGINT NOT NULL DEFAULT 0,
      detail_requests BIGINT NOT NULL DEFAULT 0,
      retries BIGINT NOT NULL DEFAULT 0,
      rate_limited BIGINT NOT NULL DEFAULT 0,
      asset_writes BIGINT NOT NULL DEFAULT 0,
      details_pending BIGINT NOT NULL DEFAULT 0,
      listing_complete BOOLEAN NOT NULL DEFAULT FALSE
    )
    """,
    "CREATE INDEX sync_runs_by_status ON sync_runs (status)",
    """
    CREATE TABLE sync_report_rows (
      run_id BIGINT NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
      position BIGINT NOT NULL,
      outcome TEXT NOT NULL,
      kandji_device_id TEXT,
      display_id TEXT,
      name TEXT,
      platform TEXT,
      reason TEXT NOT NULL,
      PRIMARY KEY (run_id, position)
    )
    """,
  ]

  static let helpdeskTables = [
    """
    CREATE TABLE agents (
      id BIGSERIAL PRIMARY KEY,
      email TEXT NOT NULL,
      email_key TEXT NOT NULL CONSTRAINT agents_email_key_key UNIQUE,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      created_at DOUBLE PRECISION NOT NULL
    )
    """,
    """
    CREATE TABLE api_keys (
      key TEXT PRIMARY KEY,
      agent_id BIGINT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      auth_code_hash TEXT NOT NULL,
      created_at DOUBLE PRECISION NOT NULL
    )
    """,
    """
    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      agent_id BIGINT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      csrf_token TEXT NOT NULL,
      expires_at DOUBLE PRECISION NOT NULL,
      created_at DOUBLE PRECISION NOT NULL
    )
    """,
    "CREATE INDEX tickets_by_contact ON tickets (contact_id)",
  ]
}
