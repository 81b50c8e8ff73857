import AssetCore
import Foundation

/// The agents who work in the helpdesk: their accounts, roles and passwords.
public protocol AgentStore: Sendable {
  func createAgent(email: String, name: String, role: AgentRole, passwordHash: String, at: Date) async throws -> Agent
  func agent(id: Int64) async throws -> Agent?
  /// The agent and their password hash, for signing in.
  func agentCredentials(email: String) async throws -> (agent: Agent, passwordHash: String)?
  func agents() async throws -> [Agent]
  /// Disables or re-enables an agent. Disabling ends their sessions in the same transaction; their
  /// API keys stop working (they stay listed and work again after re-enabling, unless revoked).
  /// Disabling the last active admin is refused (`.invalid`, field `agent`), decided by the
  /// update itself so concurrent disables cannot leave no active admin.
  func setAgentDisabled(id: Int64, disabled: Bool, at: Date) async throws -> Agent
  /// Replaces an agent's password hash and ends their sessions (a new password signs out everywhere).
  func setAgentPassword(id: Int64, passwordHash: String) async throws
  /// Makes an agent an admin or an agent. Taking the admin role from the last active admin is
  /// refused (`.invalid`, field `role`), decided by the update itself like `setAgentDisabled`.
  func setAgentRole(id: Int64, role: AgentRole) async throws -> Agent
}
