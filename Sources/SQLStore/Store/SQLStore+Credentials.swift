import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  public func createAPIKey(agentID: Int64, key: String, authCodeHash: String, at now: Date) async throws {
    try await writeOne(
      "INSERT INTO api_keys (key, agent_id, auth_code_hash, created_at) VALUES (\(key), \(agentID), \(authCodeHash), \(now))"
    )
  }

  public func apiKey(_ key: String) async throws -> (agent: Agent, authCodeHash: String)? {
    try await read { s in
      try await s.fetch(
        """
        SELECT \(raw: AgentRecord.columns), k.auth_code_hash FROM api_keys k JOIN agents ON agents.id = k.agent_id
        WHERE k.key = \(key) AND k.revoked_at IS NULL AND agents.disabled_at IS NULL
        """
      ).decoded { r in (try AgentRecord.decode(&r), try r.string()) }.first
    }
  }

  static var apiKeyRecords: SQLStatement {
    "SELECT \(raw: AgentRecord.columns), k.key, k.created_at, k.revoked_at FROM api_keys k JOIN agents ON agents.id = k.agent_id"
  }

  static func apiKeyRecord<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> APIKeyRecord {
    let agent = try AgentRecord.decode(&r)
    return APIKeyRecord(key: try r.string(), agent: agent, createdAt: try r.date(), revokedAt: try r.optionalDate())
  }

  public func apiKeys() async throws -> [APIKeyRecord] {
    try await read { s in
      try await s.fetch(Self.apiKeyRecords + " ORDER BY k.created_at, k.key").decoded(Self.apiKeyRecord)
    }
  }

  public func revokeAPIKey(_ key: String, at now: Date) async throws -> APIKeyRecord {
    try await write { s in
      // Revoking twice keeps the first time.
      try await s.execute("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, \(now)) WHERE key = \(key)")
      guard
        let record = try await s.fetch(Self.apiKeyRecords + " WHERE k.key = \(key)").decoded(Self.apiKeyRecord).first
      else { throw StoreError.notFound("API key") }
      return record
    }
  }

  public func createSession(tokenHash: String, agentID: Int64, csrfToken: String, expiresAt: Date, at now: Date)
    async throws
  {
    try await write { s in
      try await s.execute([
        "DELETE FROM sessions WHERE expires_at < \(now)",
        """
        INSERT INTO sessions (token_hash, agent_id, csrf_token, expires_at, created_at)
        VALUES (\(tokenHash), \(agentID), \(csrfToken), \(expiresAt), \(now))
        """,
      ])
    }
  }

  public func session(tokenHash: String) async throws -> SessionRecord? {
    try await read { s in
      try await s.fetch(
        """
        SELECT \(raw: AgentRecord.columns), s.csrf_token, s.expires_at, s.created_at FROM sessions s
        JOIN agents ON agents.id = s.agent_id WHERE s.token_hash = \(tokenHash) AND agents.disabled_at IS NULL
        """
      ).decoded { r in
        let agent = try AgentRecord.decode(&r)
        return SessionRecord(agent: agent, csrfToken: try r.string(), expiresAt: try r.date(), createdAt: try r.date())
      }.first
    }
  }

  public func deleteSession(tokenHash: String) async throws {
    try await writeOne("DELETE FROM sessions WHERE token_hash = \(tokenHash)")
  }

  public func deleteSessions(agentID: Int64) async throws -> Int {
    try await writeOne("DELETE FROM sessions WHERE agent_id = \(agentID)")
  }

  public func touchSession(tokenHash: String, expiresAt: Date) async throws {
    try await writeOne("UPDATE sessions SET expires_at = \(expiresAt) WHERE token_hash = \(tokenHash)")
  }
}
