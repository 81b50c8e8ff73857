import AssetCore
import AssetStore
import Foundation
import PostgresStore
import SQLiteStore
import Testing

/// The command line as operators and scripts rely on it (commands, flags, exit codes, the report's
/// CSV header), driven through the real binary.
@Suite("The assetsync command line", .timeLimit(.minutes(3)))
struct CLIContractTests {
  @Test(
    "bad flags and values exit non-zero with a one-line message",
    arguments: [
      (["serve", "--port", "70000", "--database", "/tmp/x.sqlite"], "--port must be between 0 and 65535"),
      (["sync"], "Missing --database"),
      (["sync", "--database", "/tmp/x.sqlite", "--name-source", "colour"], "is not a Kandji field"),
      (
        ["agents", "create", "--database", "/tmp/x.sqlite", "--email", "a@b.c", "--name", "A", "--role", "boss"],
        "--role must be admin or agent"
      ),
      (["simulate-kandji", "--devices", "3000000"], "--devices must be between"),
      (["demo", "--devices", "0"], "--devices must be between 1 and 200000"),
      (["bench", "kandji-list", "--devices", "ten"], "--devices takes comma-separated counts"),
      (["frobnicate"], "Unexpected argument"),
      (["serve", "--database", "postgres://nohost"], "Invalid PostgreSQL URL"),
      (["sync", "--database", "postgres://u@127.0.0.1:1/db?pool_size=x"], "pool_size must be a number"),
      (["sync", "--database", "mysql://u@h/db"], "Unsupported database URL scheme"),
      (["serve", "--database", "/tmp/x.sqlite", "--sync-stale-after", "1"], "--sync-stale-after must be at least"),
      (
        ["serve", "--database", "/tmp/x.sqlite", "--host", "0.0.0.0", "--plain-http"],
        "--plain-http is only for a loopback --host"
      ),
      (["migrate-database", "--from", "/tmp/x.sqlite", "--to", "mysql://h/db"], "--to must be a postgres:// URL"),
      (["migrate-database", "--from", "/nonexistent/x.sqlite", "--to", "postgres://u@h/db"], "No SQLite database at"),
      (
        ["sso", "set", "--database", "/tmp/x.sqlite", "--issuer", "http://idp.example", "--client-id", "c"],
        "must use HTTPS"
      ),
      (
        [
          "sso", "set", "--database", "/tmp/x.sqlite", "--issuer", "https://idp.example", "--client-id", "c",
          "--create-agents", "everyone",
        ],
        "--create-agents must be off, agent or admin"
      ),
      (
        [
          "sso", "set", "--database", "/tmp/x.sqlite", "--issuer", "https://idp.example", "--client-id", "c",
          "--password-sign-in", "maybe",
        ],
        "--password-sign-in must be on or off"
      ),
      (
        ["agents", "password-sign-in", "--database", "/tmp/x.sqlite", "--email", "a@b.c", "sometimes"],
        "takes on, off or default"
      ),
      (["serve", "--database", "/tmp/x.sqlite", "--public-url", "ftp://x"], "--public-url"),
    ])
  func badInput(arguments: [String], message: String) async throws {
    let output = try await CommandRunner.run(arguments)
    #expect(output.status != 0)
    #expect(output.stderr.contains(message), "\(output.stderr)")
    #expect(!output.stderr.contains("Fatal error"))
  }

  @Test func everyCommandHasHelp() async throws {
    for command in [
      ["demo"], ["serve"], ["sync"], ["simulate-kandji"], ["agents", "create"], ["api-keys", "create"], ["bench"],
      ["migrate-database"], ["bench", "sync"],
    ] {
      let output = try await CommandRunner.run(command + ["--help"])
      #expect(output.status == 0, "\(command)")
      #expect(output.stdout.contains("USAGE"), "\(command)")
    }
  }

  @Test func agentsAndAPIKeysAreCreatedFromTheCommandLine() async throws {
    let database = CommandRunner.temporaryDatabase()
    let created = try await CommandRunner.run(
      [
        "agents", "create", "--database", database, "--email", "Root@Example.com", "--name", "Root", "--role", "admin",
        "--password-stdin",
      ], stdin: "a long enough password\n")
    #expect(created.status == 0, "\(created.stderr)")
    #expect(created.stdout.contains("Created admin Root@Example.com"))
    let weak = try await CommandRunner.run(
      [
        "agents", "create", "--database", database, "--email", "b@example.com", "--name", "B", "--role", "agent",
        "--password-stdin",
      ], stdin: "short\n")
    #expect(weak.status != 0)
    #expect(weak.stderr.contains("at least 10 characters"))
    let duplicate = try await CommandRunner.run(
      [
        "agents", "create", "--database", database, "--email", "root@example.com", "--name", "R", "--role", "agent",
        "--password-stdin",
      ], stdin: "another long password\n")
    #expect(duplicate.status != 0)
    #expect(duplicate.stderr.contains("already exists"))

    let key = try await CommandRunner.run([
      "api-keys", "create", "--database", database, "--agent", "root@example.com", "--json",
    ])
    #expect(key.status == 0, "\(key.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(key.stdout.utf8)) as? [String: String])
    #expect(json["api_key"]?.hasPrefix("ask_") == true)
    #expect((json["auth_code"]?.count ?? 0) >= 40)
    let store = try SQLiteAssetStore(path: database)
    let stored = try #require(try await store.apiKey(json["api_key"]!))
    #expect(stored.agent.email == "Root@Example.com")
    #expect(stored.authCodeHash != json["auth_code"])  // only a hash is stored
    let unknown = try await CommandRunner.run([
      "api-keys", "create", "--database", database, "--agent", "nobody@example.com", "--json",
    ])
    #expect(unknown.status != 0)
    #expect(unknown.stderr.contains("No agent with the email"))
  }

  @Test func syncRefusesDisabledOrMissingConnections() async throws {
    let database = CommandRunner.temporaryDatabase()
    let store = try SQLiteAssetStore(path: database)
    let none = try await CommandRunner.run(["sync", "--database", database])
    #expect(none.status != 0)
    #expect(none.stderr.contains("No enabled Kandji connection"))
    try await store.saveKandjiSettings(KandjiSettings(installed: true))
    _ = try await store.createKandjiConnection(
      KandjiConnectionDraft(name: "Europe", apiURL: "http://127.0.0.1:9", sealedToken: "v1:x", enabled: false),
      at: Date())
    let output = try await CommandRunner.run(["sync", "--database", database, "--tenant", "europe"])
    #expect(output.status != 0)
    #expect(output.stderr.contains("The Kandji connection \"Europe\" is disabled"), "\(output.stderr)")
    let unknown = try await CommandRunner.run(["sync", "--database", database, "--tenant", "Asia"])
    #expect(unknown.stderr.contains("No Kandji connection named \"Asia\""))
    #expect(try await store.syncRuns(connectionID: nil, limit: 1).isEmpty)
  }
}
