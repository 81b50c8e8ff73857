import AssetCore
import Foundation
import GRDB

extension SQLiteAssetStore {
  public func createAgent(email: String, name: String, role: AgentRole, passwordHash: String, at now: Date) async throws
    -> Agent
  {
    let (name, email) = try StoreInput.person(name: name, email: email)
    return try await write { db in
      let key = Contact.emailKey(email)
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM agents WHERE email_key = ?", arguments: [key]) == true {
        throw StoreError.duplicateEmail(email)
      }
      try db.execute(
        sql: "INSERT INTO agents (email, email_key, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [email, key, name, role.rawValue, passwordHash, now.epoch])
      return Agent(id: db.lastInsertedRowID, email: email, name: name, role: role, createdAt: now)
    }
  }

  public func agent(id: Int64) async throws -> Agent? {
    try await read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM agents WHERE id = ?", arguments: [id]).map(Self.agent)
    }
  }

  public func agentCredentials(email: String) async throws -> (agent: Agent, passwordHash: String)? {
    try await read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM agents WHERE email_key = ?", arguments: [Contact.emailKey(email)])
        .map { (Self.agent($0), $0["password_hash"]) }
    }
  }

  public func agents() async throws -> [Agent] {
    try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM agents ORDER BY id").map(Self.agent) }
  }

  public func setAgentDisabled(id: Int64, disabled: Bool, at now: Date) async throws -> Agent {
    try await write { db in
      try db.execute(
        sql: "UPDATE agents SET disabled_at = ? WHERE id = ?", arguments: [disabled ? now.epoch : nil, id])
      guard db.changesCount > 0 else { throw StoreError.notFound("Agent \(id)") }
      if disabled { try db.execute(sql: "DELETE FROM sessions WHERE agent_id = ?", arguments: [id]) }
      return try Row.fetchOne(db, sql: "SELECT * FROM agents WHERE id = ?", arguments: [id]).map(Self.agent)!
    }
  }

  public func setAgentPassword(id: Int64, passwordHash: String) async throws {
    try await write { db in
      try db.execute(sql: "UPDATE agents SET password_hash = ? WHERE id = ?", arguments: [passwordHash, id])
      guard db.changesCount > 0 else { throw StoreError.notFound("Agent \(id)") }
      try db.execute(sql: "DELETE FROM sessions WHERE agent_id = ?", arguments: [id])
    }
  }

  public func createAPIKey(agentID: Int64, key: String, authCodeHash: String, at now: Date) async throws {
    try await write { db in
      try db.execute(
        sql: "INSERT INTO api_keys (key, agent_id, auth_code_hash, created_at) VALUES (?, ?, ?, ?)",
        arguments: [key, agentID, authCodeHash, now.epoch])
    }
  }

  public func apiKey(_ key: String) async throws -> (agent: Agent, authCodeHash: String)? {
    try await read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT a.*, k.auth_code_hash FROM api_keys k JOIN agents a ON a.id = k.agent_id
          WHERE k.key = ? AND k.revoked_at IS NULL AND a.disabled_at IS NULL
          """,
        arguments: [key]
      ).map { (Self.agent($0), $0["auth_code_hash"]) }
    }
  }

  public func apiKeys() async throws -> [APIKeyRecord] {
    try await read { db in
      try Row.fetchAll(db, sql: Self.apiKeyRecordsSQL + " ORDER BY k.created_at, k.key").map(Self.apiKeyRecord)
    }
  }

  public func revokeAPIKey(_ key: String, at now: Date) async throws -> APIKeyRecord {
    try await write { db in
      try db.execute(
        sql: "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE key = ?", arguments: [now.epoch, key])
      guard let row = try Row.fetchOne(db, sql: Self.apiKeyRecordsSQL + " WHERE k.key = ?", arguments: [key]) else {
        throw StoreError.notFound("API key")
      }
      return Self.apiKeyRecord(row)
    }
  }

  static let apiKeyRecordsSQL = """
    SELECT a.*, k.key AS api_key, k.created_at AS key_created_at, k.revoked_at
    FROM api_keys k JOIN agents a ON a.id = k.agent_id
    """

  static func apiKeyRecord(_ row: Row) -> APIKeyRecord {
    APIKeyRecord(
      key: row["api_key"], agent: agent(row), createdAt: Date(timeIntervalSince1970: row["key_created_at"]),
      revokedAt: Date(epoch: row["revoked_at"]))
  }

  public func createSession(tokenHash: String, agentID: Int64, csrfToken: String, expiresAt: Date, at now: Date)
    async throws
  {
    try await write { db in
      try db.execute(sql: "DELETE FROM sessions WHERE expires_at < ?", arguments: [now.epoch])
      try db.execute(
        sql: "INSERT INTO sessions (token_hash, agent_id, csrf_token, expires_at, created_at) VALUES (?, ?, ?, ?, ?)",
        arguments: [tokenHash, agentID, csrfToken, expiresAt.epoch, now.epoch])
    }
  }

  public func session(tokenHash: String) async throws -> SessionRecord? {
    try await read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT a.*, s.csrf_token, s.expires_at, s.created_at AS session_created_at
          FROM sessions s JOIN agents a ON a.id = s.agent_id WHERE s.token_hash = ? AND a.disabled_at IS NULL
          """,
        arguments: [tokenHash]
      ).map {
        SessionRecord(
          agent: Self.agent($0), csrfToken: $0["csrf_token"], expiresAt: Date(timeIntervalSince1970: $0["expires_at"]),
          createdAt: Date(timeIntervalSince1970: $0["session_created_at"]))
      }
    }
  }

  public func deleteSessions(agentID: Int64) async throws -> Int {
    try await write { db in
      try db.execute(sql: "DELETE FROM sessions WHERE agent_id = ?", arguments: [agentID])
      return db.changesCount
    }
  }

  public func deleteSession(tokenHash: String) async throws {
    try await write { db in try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash]) }
  }

  public func touchSession(tokenHash: String, expiresAt: Date) async throws {
    try await write { db in
      try db.execute(
        sql: "UPDATE sessions SET expires_at = ? WHERE token_hash = ?", arguments: [expiresAt.epoch, tokenHash])
    }
  }

  public func assetCounts() async throws -> [Int64: Int] {
    try await read { db in
      var counts: [Int64: Int] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT asset_type_id, COUNT(*) AS n FROM assets GROUP BY asset_type_id") {
        counts[row["asset_type_id"]] = row["n"]
      }
      return counts
    }
  }

  static func agent(_ row: Row) -> Agent {
    Agent(
      id: row["id"], email: row["email"], name: row["name"], role: AgentRole(rawValue: row["role"]) ?? .agent,
      createdAt: Date(timeIntervalSince1970: row["created_at"]), disabledAt: Date(epoch: row["disabled_at"]))
  }
}
