import AssetCore
import Foundation

/// Where AssetSync keeps everything: asset types and fields, assets, contacts, tickets, sync
/// runs and reports, settings. One implementation (`SQLStore`) runs on SQLite (`SQLiteStore`,
/// the default) and PostgreSQL (`PostgresStore`); both pass the same contract tests.
///
/// Every method is one transaction. Errors are `StoreError` values.
public protocol AssetStore: HelpdeskStore, ContactStore, TicketStore, AssetTypeStore, SyncStore, SignInStore,
  FindStore
{
  // MARK: Types and fields
  func assetTypes() async throws -> [AssetType]
  func assetType(id: Int64) async throws -> AssetType?
  /// The managed type of a platform (created by the migrations).
  func managedType(for platform: Platform) async throws -> AssetType
  func fields(assetTypeID: Int64) async throws -> [AssetField]

  // MARK: Assets
  func asset(id: Int64) async throws -> Asset?
  func asset(kandjiDeviceID: String) async throws -> Asset?
  func assets(_ query: AssetQuery) async throws -> Page<Asset>
  /// A page of assets with their contacts, for lists: no query per asset.
  func assetListing(_ query: AssetQuery) async throws -> Page<ListedAsset>
  /// An asset with its type, fields, contacts and `recentTickets` newest tickets, in one read.
  func assetDetail(id: Int64, recentTickets: Int) async throws -> AssetDetail?
  /// A manual asset; fails with `.duplicateDisplayID` when the display ID is taken.
  func createManualAsset(_ draft: ManualAssetDraft, at: Date) async throws -> Asset
  /// Changes a manual asset; refuses managed assets (`AssetWriteRules`).
  func updateManualAsset(id: Int64, _ change: ManualAssetChange, at: Date) async throws -> Asset
  func deleteManualAsset(id: Int64) async throws
}

/// Agents, API keys and sessions: who works in the helpdesk around the integration.
public protocol HelpdeskStore: Sendable {
  // MARK: Agents
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

  // MARK: API keys (HTTP Basic: key as user, auth code as password)
  func createAPIKey(agentID: Int64, key: String, authCodeHash: String, at: Date) async throws
  /// The agent and auth-code hash of a key that works: not revoked, its agent not disabled.
  func apiKey(_ key: String) async throws -> (agent: Agent, authCodeHash: String)?
  /// Every key, revoked ones included, oldest first.
  func apiKeys() async throws -> [APIKeyRecord]
  /// Revokes a key for good; revoking twice keeps the first time. Throws `.notFound` for an unknown key.
  func revokeAPIKey(_ key: String, at: Date) async throws -> APIKeyRecord

  // MARK: Sessions (web UI)
  func createSession(tokenHash: String, agentID: Int64, csrfToken: String, expiresAt: Date, at: Date) async throws
  /// A session of an active agent (a disabled agent's sessions are gone or ignored).
  func session(tokenHash: String) async throws -> SessionRecord?
  func deleteSession(tokenHash: String) async throws
  /// Ends every session of an agent; returns how many ended.
  @discardableResult func deleteSessions(agentID: Int64) async throws -> Int
  func touchSession(tokenHash: String, expiresAt: Date) async throws

  // MARK: Counts
  /// Assets per type id (for metrics and tabs), retired included.
  func assetCounts() async throws -> [Int64: Int]
}
