import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import Testing

/// Agents, API keys and sessions on every backend: revocation takes effect on the next lookup,
/// which every request makes, so it holds on every replica at once.
@Suite("AssetStore contract: credentials")
struct CredentialContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  func agentWithKeyAndSession(_ store: any AssetStore, email: String = "ana@example.com") async throws -> Agent {
    let agent = try await store.createAgent(email: email, name: "Ana", role: .agent, passwordHash: "h1", at: now)
    try await store.createAPIKey(agentID: agent.id, key: "key-\(agent.id)", authCodeHash: "code", at: now)
    try await store.createSession(
      tokenHash: "session-\(agent.id)", agentID: agent.id, csrfToken: "csrf", expiresAt: now + 3_600, at: now)
    return agent
  }

  @Test(
    "disabling an agent stops their key and ends their sessions; enabling restores the key",
    arguments: StoreBackend.allCases)
  func disableAndEnable(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let agent = try await agentWithKeyAndSession(store)
    let other = try await agentWithKeyAndSession(store, email: "bo@example.com")
    #expect(try await store.apiKey("key-\(agent.id)")?.agent.id == agent.id)
    #expect(try await store.session(tokenHash: "session-\(agent.id)")?.createdAt == now)

    let disabled = try await store.setAgentDisabled(id: agent.id, disabled: true, at: now + 10)
    #expect(disabled.disabledAt == now + 10)
    #expect(!disabled.isActive)
    #expect(try await store.apiKey("key-\(agent.id)") == nil)
    #expect(try await store.session(tokenHash: "session-\(agent.id)") == nil)
    #expect(try await store.agentCredentials(email: "ANA@example.com")?.agent.isActive == false)
    // Nobody else is touched.
    #expect(try await store.apiKey("key-\(other.id)") != nil)
    #expect(try await store.session(tokenHash: "session-\(other.id)") != nil)

    let enabled = try await store.setAgentDisabled(id: agent.id, disabled: false, at: now + 20)
    #expect(enabled.isActive)
    #expect(try await store.apiKey("key-\(agent.id)")?.agent.id == agent.id)
    // Sessions ended by disabling stay ended.
    #expect(try await store.session(tokenHash: "session-\(agent.id)") == nil)
    await #expect(throws: StoreError.notFound("Agent 999")) {
      try await store.setAgentDisabled(id: 999, disabled: true, at: now)
    }
  }

  @Test("a revoked key is refused at once and stays listed", arguments: StoreBackend.allCases)
  func revokeKey(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let agent = try await agentWithKeyAndSession(store)
    try await store.createAPIKey(agentID: agent.id, key: "second", authCodeHash: "code2", at: now + 1)
    let revoked = try await store.revokeAPIKey("key-\(agent.id)", at: now + 5)
    #expect(revoked.revokedAt == now + 5)
    #expect(!revoked.isActive)
    #expect(try await store.apiKey("key-\(agent.id)") == nil)
    #expect(try await store.apiKey("second")?.authCodeHash == "code2")
    // Revoking again keeps the first time.
    #expect(try await store.revokeAPIKey("key-\(agent.id)", at: now + 50).revokedAt == now + 5)
    let keys = try await store.apiKeys()
    #expect(keys.map(\.key) == ["key-\(agent.id)", "second"])
    #expect(keys.map(\.isActive) == [false, true])
    #expect(keys.allSatisfy { $0.agent.email == "ana@example.com" })
    await #expect(throws: StoreError.notFound("API key")) { try await store.revokeAPIKey("nope", at: now) }
  }

  @Test("a new password ends the agent's sessions", arguments: StoreBackend.allCases)
  func changePassword(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let agent = try await agentWithKeyAndSession(store)
    try await store.createSession(
      tokenHash: "second-session", agentID: agent.id, csrfToken: "c", expiresAt: now + 3_600, at: now)
    try await store.setAgentPassword(id: agent.id, passwordHash: "h2")
    #expect(try await store.agentCredentials(email: "ana@example.com")?.passwordHash == "h2")
    #expect(try await store.session(tokenHash: "session-\(agent.id)") == nil)
    #expect(try await store.session(tokenHash: "second-session") == nil)
    #expect(try await store.apiKey("key-\(agent.id)") != nil)
    await #expect(throws: StoreError.notFound("Agent 999")) {
      try await store.setAgentPassword(id: 999, passwordHash: "x")
    }
  }

  @Test("ending an agent's sessions ends only theirs", arguments: StoreBackend.allCases)
  func endSessions(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let agent = try await agentWithKeyAndSession(store)
    let other = try await agentWithKeyAndSession(store, email: "bo@example.com")
    try await store.createSession(
      tokenHash: "second-session", agentID: agent.id, csrfToken: "c", expiresAt: now + 3_600, at: now)
    #expect(try await store.deleteSessions(agentID: agent.id) == 2)
    #expect(try await store.deleteSessions(agentID: agent.id) == 0)
    #expect(try await store.session(tokenHash: "session-\(other.id)") != nil)
  }
}
