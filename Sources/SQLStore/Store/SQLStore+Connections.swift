import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  public func kandjiConnections(includeRemoved: Bool) async throws -> [KandjiConnection] {
    try await read { s in
      try await s.fetch(
        """
        SELECT \(raw: ConnectionRecord.columns) FROM kandji_connections
        \(raw: includeRemoved ? "" : "WHERE removed_at IS NULL") ORDER BY id
        """
      ).decoded(ConnectionRecord.decode)
    }
  }

  public func kandjiConnection(id: Int64) async throws -> KandjiConnection? {
    try await read { s in
      try await s.fetch("SELECT \(raw: ConnectionRecord.columns) FROM kandji_connections WHERE id = \(id)")
        .decoded(ConnectionRecord.decode).first
    }
  }

  public func createKandjiConnection(_ draft: KandjiConnectionDraft, at now: Date) async throws -> KandjiConnection {
    let name = try StoreInput.connectionName(draft.name)
    let settings = try ConnectionRecord.encode(draft.settings)
    let tokenSetAt: Date? = draft.sealedToken == nil ? nil : now
    let row = try await write { s in
      try await Duplicate.mapping(Duplicate.name(name)) {
        try await s.fetchOne(
          """
          INSERT INTO kandji_connections (name, name_key, api_url, sealed_token, token_set_at, enabled, settings, created_at)
          VALUES (\(name), \(ConnectionRecord.nameKey(name)), \(draft.apiURL), \(draft.sealedToken), \(tokenSetAt),
            \(draft.enabled), \(settings), \(now))
          RETURNING id
          """)
      }
    }
    return KandjiConnection(
      id: try row?.int64(at: 0) ?? 0, name: name, apiURL: draft.apiURL, sealedToken: draft.sealedToken,
      tokenSetAt: tokenSetAt, enabled: draft.enabled, settings: draft.settings, createdAt: now)
  }

  public func saveKandjiConnection(_ connection: KandjiConnection) async throws {
    let name = try StoreInput.connectionName(connection.name)
    let settings = try ConnectionRecord.encode(connection.settings)
    let changed = try await write { s in
      try await Duplicate.mapping(Duplicate.name(name)) {
        try await s.execute(
          """
          UPDATE kandji_connections SET name = \(name), name_key = \(ConnectionRecord.nameKey(name)),
            api_url = \(connection.apiURL), sealed_token = \(connection.sealedToken),
            token_set_at = \(connection.tokenSetAt), enabled = \(connection.enabled), settings = \(settings)
          WHERE id = \(connection.id) AND removed_at IS NULL
          """)
      }
    }
    if changed == 0 { throw StoreError.notFound("Kandji connection \(connection.id)") }
  }

  public func removeKandjiConnection(id: Int64, reason: String, at now: Date) async throws -> Int {
    try await write { s in
      let counts = try await s.execute([
        "UPDATE kandji_connections SET removed_at = \(now), enabled = FALSE WHERE id = \(id) AND removed_at IS NULL",
        // Each retirement in the assets' history, read before the update marks them retired.
        """
        INSERT INTO asset_history (\(raw: AssetHistoryRows.columns))
        SELECT id, \(now), \(AssetHistoryEntry.Kind.retired.rawValue), \(AssetHistoryEntry.Source.agent.rawValue), NULL,
          NULL, NULL, \(reason), NULL, NULL, connection_id
        FROM assets WHERE connection_id = \(id) AND retired_at IS NULL
          AND EXISTS (SELECT 1 FROM kandji_connections WHERE id = \(id) AND removed_at = \(now))
        """,
        """
        UPDATE assets SET retired_at = \(now), retired_reason = \(reason), updated_at = \(now)
        WHERE connection_id = \(id) AND retired_at IS NULL
        """,
        ListTotals.bump,
      ])
      guard counts[0] == 1 else { throw StoreError.notFound("Kandji connection \(id)") }
      return counts[2]
    }
  }

  public func recordKandjiCalls(connectionID: Int64, minute: Int64, calls: Int) async throws {
    try await writeOne(
      """
      INSERT INTO kandji_api_calls (connection_id, minute, calls) VALUES (\(connectionID), \(minute), \(calls))
      ON CONFLICT (connection_id, minute) DO UPDATE SET calls = kandji_api_calls.calls + excluded.calls
      """)
  }

  public func pruneKandjiCalls(connectionID: Int64, before minute: Int64) async throws {
    try await writeOne(
      "DELETE FROM kandji_api_calls WHERE connection_id = \(connectionID) AND minute < \(minute)")
  }

  public func kandjiCalls(connectionID: Int64, since minute: Int64) async throws -> [Int64: Int] {
    try await read { s in
      var buckets: [Int64: Int] = [:]
      for row in try await s.fetch(
        "SELECT minute, calls FROM kandji_api_calls WHERE connection_id = \(connectionID) AND minute >= \(minute)")
      {
        buckets[try row.int64(at: 0) ?? 0] = Int(try row.int64(at: 1) ?? 0)
      }
      return buckets
    }
  }
}
