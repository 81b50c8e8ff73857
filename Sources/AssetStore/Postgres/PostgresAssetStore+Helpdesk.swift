import AssetCore
import Foundation
import PostgresNIO

extension PostgresAssetStore {
  public func createAgent(email: String, name: String, role: AgentRole, passwordHash: String, at now: Date) async throws
    -> Agent
  {
    let (name, email) = try StoreInput.person(name: name, email: email)
    let key = Contact.emailKey(email)
    do {
      return try await write { c in
        if try await c.exists("SELECT 1 FROM agents WHERE email_key = \(key)", logger: logger) {
          throw StoreError.duplicateEmail(email)
        }
        let row = try await c.row(
          """
          INSERT INTO agents (email, email_key, name, role, password_hash, created_at)
          VALUES (\(email), \(key), \(name), \(role.rawValue), \(passwordHash), \(now.epoch)) RETURNING id
          """, logger: logger)
        return Agent(id: try row?["id"] ?? 0, email: email, name: name, role: role, createdAt: now)
      }
    } catch StoreError.duplicateEmail {
      throw StoreError.duplicateEmail(email)
    }
  }

  public func agent(id: Int64) async throws -> Agent? {
    try await read { c in try await c.row("SELECT * FROM agents WHERE id = \(id)", logger: logger).map(Self.agent) }
  }

  public func agentCredentials(email: String) async throws -> (agent: Agent, passwordHash: String)? {
    let key = Contact.emailKey(email)
    return try await read { c in
      guard let row = try await c.row("SELECT * FROM agents WHERE email_key = \(key)", logger: logger) else {
        return nil
      }
      return (try Self.agent(row), try row["password_hash"])
    }
  }

  public func agents() async throws -> [Agent] {
    try await read { c in try await c.rows("SELECT * FROM agents ORDER BY id", logger: logger).map(Self.agent) }
  }

  public func setAgentDisabled(id: Int64, disabled: Bool, at now: Date) async throws -> Agent {
    let disabledAt: Double? = disabled ? now.epoch : nil
    return try await write { c in
      guard
        let row = try await c.row(
          "UPDATE agents SET disabled_at = \(disabledAt) WHERE id = \(id) RETURNING *", logger: logger)
      else { throw StoreError.notFound("Agent \(id)") }
      if disabled { try await c.exec("DELETE FROM sessions WHERE agent_id = \(id)", logger: logger) }
      return try Self.agent(row)
    }
  }

  public func setAgentPassword(id: Int64, passwordHash: String) async throws {
    try await write { c in
      guard
        try await c.row(
          "UPDATE agents SET password_hash = \(passwordHash) WHERE id = \(id) RETURNING id", logger: logger) != nil
      else { throw StoreError.notFound("Agent \(id)") }
      try await c.exec("DELETE FROM sessions WHERE agent_id = \(id)", logger: logger)
    }
  }

  public func createAPIKey(agentID: Int64, key: String, authCodeHash: String, at now: Date) async throws {
    try await write { c in
      try await c.exec(
        """
        INSERT INTO api_keys (key, agent_id, auth_code_hash, created_at)
        VALUES (\(key), \(agentID), \(authCodeHash), \(now.epoch))
        """, logger: logger)
    }
  }

  public func apiKey(_ key: String) async throws -> (agent: Agent, authCodeHash: String)? {
    try await read { c in
      guard
        let row = try await c.row(
          """
          SELECT a.*, k.auth_code_hash FROM api_keys k JOIN agents a ON a.id = k.agent_id
          WHERE k.key = \(key) AND k.revoked_at IS NULL AND a.disabled_at IS NULL
          """,
          logger: logger)
      else { return nil }
      return (try Self.agent(row), try row["auth_code_hash"])
    }
  }

  public func apiKeys() async throws -> [APIKeyRecord] {
    try await read { c in
      try await c.rows(
        PostgresQuery(unsafeSQL: SQLiteAssetStore.apiKeyRecordsSQL + " ORDER BY k.created_at, k.key"), logger: logger
      ).map(Self.apiKeyRecord)
    }
  }

  public func revokeAPIKey(_ key: String, at now: Date) async throws -> APIKeyRecord {
    try await write { c in
      try await c.exec(
        "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, \(now.epoch)) WHERE key = \(key)", logger: logger)
      var query = PostgresQuery(unsafeSQL: SQLiteAssetStore.apiKeyRecordsSQL + " WHERE k.key = $1")
      query.binds.append(key)
      guard let row = try await c.row(query, logger: logger) else { throw StoreError.notFound("API key") }
      return try Self.apiKeyRecord(row)
    }
  }

  static func apiKeyRecord(_ row: PGRow) throws -> APIKeyRecord {
    APIKeyRecord(
      key: try row["api_key"], agent: try agent(row),
      createdAt: Date(timeIntervalSince1970: try row["key_created_at"]), revokedAt: Date(epoch: try row["revoked_at"]))
  }

  public func createSession(tokenHash: String, agentID: Int64, csrfToken: String, expiresAt: Date, at now: Date)
    async throws
  {
    try await write { c in
      try await c.exec("DELETE FROM sessions WHERE expires_at < \(now.epoch)", logger: logger)
      try await c.exec(
        """
        INSERT INTO sessions (token_hash, agent_id, csrf_token, expires_at, created_at)
        VALUES (\(tokenHash), \(agentID), \(csrfToken), \(expiresAt.epoch), \(now.epoch))
        """, logger: logger)
    }
  }

  public func session(tokenHash: String) async throws -> SessionRecord? {
    try await read { c in
      guard
        let row = try await c.row(
          """
          SELECT a.*, s.csrf_token, s.expires_at, s.created_at AS session_created_at
          FROM sessions s JOIN agents a ON a.id = s.agent_id WHERE s.token_hash = \(tokenHash) AND a.disabled_at IS NULL
          """, logger: logger)
      else { return nil }
      return SessionRecord(
        agent: try Self.agent(row), csrfToken: try row["csrf_token"],
        expiresAt: Date(timeIntervalSince1970: try row["expires_at"]),
        createdAt: Date(timeIntervalSince1970: try row["session_created_at"]))
    }
  }

  public func deleteSessions(agentID: Int64) async throws -> Int {
    try await write { c in
      try await c.rows("DELETE FROM sessions WHERE agent_id = \(agentID) RETURNING token_hash", logger: logger).count
    }
  }

  public func deleteSession(tokenHash: String) async throws {
    try await write { c in try await c.exec("DELETE FROM sessions WHERE token_hash = \(tokenHash)", logger: logger) }
  }

  public func touchSession(tokenHash: String, expiresAt: Date) async throws {
    try await write { c in
      try await c.exec(
        "UPDATE sessions SET expires_at = \(expiresAt.epoch) WHERE token_hash = \(tokenHash)", logger: logger)
    }
  }

  public func assetCounts() async throws -> [Int64: Int] {
    try await read { c in
      var counts: [Int64: Int] = [:]
      for row in try await c.rows(
        "SELECT asset_type_id, COUNT(*) AS n FROM assets GROUP BY asset_type_id", logger: logger)
      {
        counts[try row["asset_type_id"]] = Int(try row["n"] as Int64)
      }
      return counts
    }
  }
}
