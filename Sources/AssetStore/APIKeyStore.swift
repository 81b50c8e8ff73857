import AssetCore
import Foundation

/// API keys (HTTP Basic: key as user, auth code as password).
public protocol APIKeyStore: Sendable {
  func createAPIKey(agentID: Int64, key: String, authCodeHash: String, at: Date) async throws
  /// The agent and auth-code hash of a key that works: not revoked, its agent not disabled.
  func apiKey(_ key: String) async throws -> (agent: Agent, authCodeHash: String)?
  /// Every key, revoked ones included, oldest first.
  func apiKeys() async throws -> [APIKeyRecord]
  /// Revokes a key for good; revoking twice keeps the first time. Throws `.notFound` for an unknown key.
  func revokeAPIKey(_ key: String, at: Date) async throws -> APIKeyRecord
}
