import AssetCore
import AssetStore
import Foundation

/// Agents' accounts, for the web UI and the `agents` / `api-keys` commands alike: passwords
/// hashed with bcrypt on a bounded pool of their own, the administration use cases, and API keys.
/// Built by `AssetSyncApp`, or alone by commands that need no Kandji key.
public struct Accounts: Sendable {
  public let passwords: PasswordHasher
  /// Bcrypt off the request threads, bounded (sign-ins, password changes).
  public let passwordWork: PasswordWork
  /// Disable, enable, roles, passwords, sessions and key revocation, under the same rules everywhere.
  public let administration: AgentAdministration
  let store: any AccountStore
  let clock: any WallClock

  public init(
    store: any AccountStore, settings: ApplicationSettings = ApplicationSettings(),
    clock: any WallClock = SystemClock()
  ) {
    self.store = store
    self.clock = clock
    passwords = PasswordHasher(cost: settings.bcryptCost)
    let work = PasswordWork(
      hasher: passwords, threads: settings.passwordThreads, queueLimit: settings.passwordQueueLimit)
    passwordWork = work
    administration = AgentAdministration(store: store, hashPassword: { try await work.hash($0) }, clock: clock)
  }

  func now() -> Date { clock.now() }

  /// A new API key for `agent`; the auth code is returned once, only its hash is stored.
  public func issueAPIKey(for agent: Agent) async throws -> (key: String, authCode: String) {
    try await APIKeyIssuer.issue(for: agent, store: store, at: now())
  }
}
