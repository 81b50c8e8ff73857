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
      guard disabled else {
        guard
          let agent = try await s.fetch(
            "UPDATE agents SET disabled_at = NULL WHERE id = \(id) RETURNING \(raw: AgentRecord.columns)"
          ).decoded(AgentRecord.decode).first
        else { throw StoreError.notFound("Agent \(id)") }
        return agent
      }
      if let lock = dialect.adminRosterLock { _ = try await s.fetch(lock) }
      // One conditional update: an admin is disabled only while another active admin remains,
      // checked by the statement that writes, so two admins disabling each other at once can
      // never leave none (the roster lock makes PostgreSQL's second writer see the first).
      let admin = AgentRole.admin.rawValue
      let changed = try await s.fetch(
        """
        UPDATE agents SET disabled_at = \(now)
        WHERE id = \(id) AND disabled_at IS NULL
          AND (role <> \(admin) OR EXISTS (
            SELECT 1 FROM agents AS other WHERE other.id <> \(id) AND other.role = \(admin) AND other.disabled_at IS NULL))
        RETURNING \(raw: AgentRecord.columns)
        """
      ).decoded(AgentRecord.decode).first
      if let changed {
        // Disabling signs the agent out everywhere, in the same transaction.
        try await s.execute("DELETE FROM sessions WHERE agent_id = \(id)")
        return changed
      }
      guard
        let agent = try await s.fetch("SELECT \(raw: AgentRecord.columns) FROM agents WHERE id = \(id)")
          .decoded(AgentRecord.decode).first
      else { throw StoreError.notFound("Agent \(id)") }
      guard agent.isActive else { return agent }
      throw StoreError.invalid(
        field: "agent", message: "\(agent.email) is the last active admin; make another admin first.")
    }
  }

  public func setAgentRole(id: Int64, role: AgentRole) async throws -> Agent {
    try await write { s in
      if let lock = dialect.adminRosterLock { _ = try await s.fetch(lock) }
      // One conditional update, as for disabling: the admin role leaves an active admin only
      // while another active admin remains.
      let admin = AgentRole.admin.rawValue
      let changed = try await s.fetch(
        """
        UPDATE agents SET role = \(role.rawValue)
        WHERE id = \(id)
          AND (\(role.rawValue) = \(admin) OR role <> \(admin) OR disabled_at IS NOT NULL OR EXISTS (
            SELECT 1 FROM agents AS other WHERE other.id <> \(id) AND other.role = \(admin) AND other.disabled_at IS NULL))
        RETURNING \(raw: AgentRecord.columns)
        """
      ).decoded(AgentRecord.decode).first
      if let changed { return changed }
      guard
        let agent = try await s.fetch("SELECT \(raw: AgentRecord.columns) FROM agents WHERE id = \(id)")
          .decoded(AgentRecord.decode).first
      else { throw StoreError.notFound("Agent \(id)") }
      throw StoreError.invalid(
        field: "role", message: "\(agent.email) is the last active admin; make another admin first.")
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
