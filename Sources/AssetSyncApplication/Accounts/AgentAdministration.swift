import AssetCore
import AssetStore
import Foundation

/// Revoking and restoring access (R25), shared by Admin › Agents & API keys and the
/// `assetsync agents` / `assetsync api-keys` commands so both follow the same rules: nobody
/// disables the last active admin (or, from the web, themselves), passwords meet the same rules,
/// and every change takes effect on the next request on every replica (the store is read on
/// every request).
public struct AgentAdministration: Sendable {
  let store: any AccountStore
  let hashPassword: @Sendable (String) async throws -> String
  let clock: any WallClock

  public init(
    store: any AccountStore, hashPassword: @escaping @Sendable (String) async throws -> String,
    clock: any WallClock = SystemClock()
  ) {
    self.store = store
    self.hashPassword = hashPassword
    self.clock = clock
  }

  func now() -> Date { clock.now() }

  /// The agent with this email, or a `.notFound` error naming it.
  public func agent(email: String) async throws -> Agent {
    guard let agent = try await store.agentCredentials(email: email)?.agent else {
      throw StoreError.notFound("An agent with the email \(email.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
    return agent
  }

  public func agent(id: Int64) async throws -> Agent {
    guard let agent = try await store.agent(id: id) else { throw StoreError.notFound("Agent \(id)") }
    return agent
  }

  /// Disables an agent: they cannot sign in, their sessions end and their API keys stop working.
  /// `actor` is the admin doing it from the web (who may not lock themselves out).
  @discardableResult
  public func disable(_ agent: Agent, by actor: Agent? = nil) async throws -> Agent {
    guard agent.isActive else { return agent }
    if let actor, actor.id == agent.id {
      throw StoreError.invalid(field: "agent", message: "You cannot disable your own account.")
    }
    // The store refuses to disable the last active admin in the same conditional update that
    // disables (a check read here first would race another admin's disable).
    return try await store.setAgentDisabled(id: agent.id, disabled: true, at: now())
  }

  @discardableResult
  public func enable(_ agent: Agent) async throws -> Agent {
    guard !agent.isActive else { return agent }
    return try await store.setAgentDisabled(id: agent.id, disabled: false, at: now())
  }

  /// Sets a new password (checked like any new password) and ends the agent's sessions.
  public func setPassword(_ agent: Agent, to password: String) async throws {
    if let problem = PasswordHasher.problem(with: password) {
      throw StoreError.invalid(field: "password", message: problem)
    }
    try await store.setAgentPassword(id: agent.id, passwordHash: try await hashPassword(password))
  }

  /// Creates an agent with a generated initial password (20 random characters), returned once
  /// for the admin to hand over; only its hash is stored.
  public func create(email: String, name: String, role: AgentRole) async throws -> (agent: Agent, password: String) {
    let password = SecretTokens.random(bytes: 15)
    let agent = try await store.createAgent(
      email: email, name: name, role: role, passwordHash: try await hashPassword(password), at: now())
    return (agent, password)
  }

  /// Gives an agent the admin or agent role. `actor` (from the web) may not change their own role;
  /// the store refuses to take the role from the last active admin.
  @discardableResult
  public func setRole(_ agent: Agent, to role: AgentRole, by actor: Agent? = nil) async throws -> Agent {
    guard agent.role != role else { return agent }
    if let actor, actor.id == agent.id {
      throw StoreError.invalid(field: "role", message: "You cannot change your own role; ask another admin.")
    }
    return try await store.setAgentRole(id: agent.id, role: role)
  }

  /// Signs the agent out everywhere; returns how many sessions ended.
  @discardableResult
  public func endSessions(of agent: Agent) async throws -> Int { try await store.deleteSessions(agentID: agent.id) }

  /// Revokes a key for good.
  @discardableResult
  public func revoke(key: String) async throws -> APIKeyRecord {
    try await store.revokeAPIKey(key.trimmingCharacters(in: .whitespacesAndNewlines), at: now())
  }
}
