import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  public func createAgent(email: String, name: String, role: AgentRole, passwordHash: String, at now: Date) async throws
    -> Agent
  {
    let (name, email) = try StoreInput.person(name: name, email: email)
    let key = Contact.emailKey(email)
    return try await write { s in
      let row = try await Duplicate.mapping(Duplicate.email(email)) {
        try await s.fetchOne(
          """
          INSERT INTO agents (email, email_key, name, role, password_hash, created_at)
          VALUES (\(email), \(key), \(name), \(role.rawValue), \(passwordHash), \(now)) RETURNING id
          """)
      }
      return Agent(id: try row?.int64(at: 0) ?? 0, email: email, name: name, role: role, createdAt: now)
    }
  }

  public func agent(id: Int64) async throws -> Agent? {
    try await read { s in
      try await s.fetch("SELECT \(raw: AgentRecord.columns) FROM agents WHERE id = \(id)").decoded(AgentRecord.decode)
        .first
    }
  }

  public func agentCredentials(email: String) async throws -> (agent: Agent, passwordHash: String)? {
    let key = Contact.emailKey(email)
    return try await read { s in
      try await s.fetch("SELECT \(raw: AgentRecord.columns), agents.password_hash FROM agents WHERE email_key = \(key)")
        .decoded { r in (try AgentRecord.decode(&r), try r.string()) }.first
    }
  }

  public func agents() async throws -> [Agent] {
    try await read { s in
      try await s.fetch("SELECT \(raw: AgentRecord.columns) FROM agents ORDER BY agents.id").decoded(AgentRecord.decode)
    }
  }

  public func setAgentDisabled(id: Int64, disabled: Bool, at now: Date) async throws -> Agent {
    try await write { s in
      let disabledAt: Date? = disabled ? now : nil
      guard
        let agent = try await s.fetch(
          "UPDATE agents SET disabled_at = \(disabledAt) WHERE id = \(id) RETURNING \(raw: AgentRecord.columns)"
        ).decoded(AgentRecord.decode).first
      else { throw StoreError.notFound("Agent \(id)") }
      // Disabling signs the agent out everywhere, in the same transaction.
      if disabled { try await s.execute("DELETE FROM sessions WHERE agent_id = \(id)") }
      return agent
    }
  }

  public func setAgentPassword(id: Int64, passwordHash: String) async throws {
    try await write { s in
      let changed = try await s.execute("UPDATE agents SET password_hash = \(passwordHash) WHERE id = \(id)")
      guard changed > 0 else { throw StoreError.notFound("Agent \(id)") }
      try await s.execute("DELETE FROM sessions WHERE agent_id = \(id)")
    }
  }
}
