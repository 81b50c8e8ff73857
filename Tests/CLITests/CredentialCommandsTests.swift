import AssetCore
import AssetStore
import Foundation
import SQLiteStore
import Testing

/// `assetsync agents list|disable|enable|set-password|end-sessions` and `assetsync api-keys
/// list|revoke` through the real binary, checked against the database they change.
@Suite("Revoking access from the command line", .timeLimit(.minutes(3)))
struct CredentialCommandsTests {
  func json(_ text: String) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
  }

  @Test func agentsAndKeysLifecycle() async throws {
    let database = CommandRunner.temporaryDatabase()
    for (email, role) in [("boss@example.com", "admin"), ("ana@example.com", "agent")] {
      let created = try await CommandRunner.run(
        [
          "agents", "create", "--database", database, "--email", email, "--name", "N", "--role", role,
          "--password-stdin",
        ],
        stdin: "first password 1\n")
      #expect(created.status == 0, "\(created.stderr)")
    }
    let keyOutput = try await CommandRunner.run([
      "api-keys", "create", "--database", database, "--agent", "ana@example.com", "--json",
    ])
    let key = try #require(
      (try JSONSerialization.jsonObject(with: Data(keyOutput.stdout.utf8)) as? [String: String])?["api_key"])

    let agents = try json(try await CommandRunner.run(["agents", "list", "--database", database, "--json"]).stdout)
    #expect(agents.map { $0["email"] as? String } == ["boss@example.com", "ana@example.com"])
    #expect(agents.allSatisfy { $0["active"] as? Bool == true })

    let store = try SQLiteAssetStore(path: database)
    let ana = try #require(try await store.agentCredentials(email: "ana@example.com")?.agent)
    try await store.createSession(
      tokenHash: "s1", agentID: ana.id, csrfToken: "c", expiresAt: Date().addingTimeInterval(3_600), at: Date())

    let disabled = try await CommandRunner.run([
      "agents", "disable", "--database", database, "--email", "ANA@example.com",
    ])
    #expect(disabled.status == 0, "\(disabled.stderr)")
    #expect(try await store.apiKey(key) == nil)
    #expect(try await store.session(tokenHash: "s1") == nil)
    let keys = try json(try await CommandRunner.run(["api-keys", "list", "--database", database, "--json"]).stdout)
    #expect(keys.first?["status"] as? String == "agent disabled")
    #expect(keys.first?["api_key"] as? String == key)
    #expect(keys.first?["auth_code"] == nil)

    #expect(
      try await CommandRunner.run(["agents", "enable", "--database", database, "--email", "ana@example.com"]).status
        == 0)
    #expect(try await store.apiKey(key) != nil)

    let weak = try await CommandRunner.run(
      ["agents", "set-password", "--database", database, "--email", "ana@example.com", "--password-stdin"],
      stdin: "short\n")
    #expect(weak.status != 0)
    #expect(weak.stderr.contains("at least 10 characters"))
    let changed = try await CommandRunner.run(
      ["agents", "set-password", "--database", database, "--email", "ana@example.com", "--password-stdin"],
      stdin: "second password 2\n")
    #expect(changed.status == 0, "\(changed.stderr)")
    let hash = try #require(try await store.agentCredentials(email: "ana@example.com")?.passwordHash)
    #expect(hash.hasPrefix("$2"))

    let revoked = try await CommandRunner.run(["api-keys", "revoke", "--database", database, "--key", key])
    #expect(revoked.status == 0, "\(revoked.stderr)")
    #expect(try await store.apiKey(key) == nil)
    let listed = try json(try await CommandRunner.run(["api-keys", "list", "--database", database, "--json"]).stdout)
    #expect(listed.first?["status"] as? String == "revoked")

    // The last active admin cannot be disabled; unknown names are one-line errors.
    let lastAdmin = try await CommandRunner.run([
      "agents", "disable", "--database", database, "--email", "boss@example.com",
    ])
    #expect(lastAdmin.status != 0)
    #expect(lastAdmin.stderr.contains("last active admin"))
    let unknown = try await CommandRunner.run([
      "agents", "disable", "--database", database, "--email", "nobody@example.com",
    ])
    #expect(unknown.stderr.contains("nobody@example.com was not found"))
    let unknownKey = try await CommandRunner.run(["api-keys", "revoke", "--database", database, "--key", "ask_nope"])
    #expect(unknownKey.status != 0)
    #expect(unknownKey.stderr.contains("API key was not found"))
  }

  @Test func databaseAndKeyFilesAreOwnerOnly() async throws {
    let database = CommandRunner.temporaryDatabase()
    let created = try await CommandRunner.run(
      [
        "agents", "create", "--database", database, "--email", "a@example.com", "--name", "A", "--role", "admin",
        "--password-stdin",
      ], stdin: "first password 1\n")
    #expect(created.status == 0)
    let mode = try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let directoryMode =
      try FileManager.default.attributesOfItem(
        atPath: URL(fileURLWithPath: database).deletingLastPathComponent().path)[.posixPermissions] as? Int
    #expect(directoryMode == 0o700)
  }
}
