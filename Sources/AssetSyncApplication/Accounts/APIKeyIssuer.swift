import AssetCore
import AssetStore
import Foundation

/// Creates API keys: a public key id and a secret auth code, of which only a hash is stored.
public enum APIKeyIssuer {
  public static func issue(for agent: Agent, store: any APIKeyStore, at now: Date = Date()) async throws -> (
    key: String, authCode: String
  ) {
    let key = "ask_" + SecretTokens.random(bytes: 12)
    let code = SecretTokens.random(bytes: 32)
    try await store.createAPIKey(agentID: agent.id, key: key, authCodeHash: SecretTokens.hash(code), at: now)
    return (key, code)
  }
}
