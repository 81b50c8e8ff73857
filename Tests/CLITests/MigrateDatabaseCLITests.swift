import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import PostgresStore
import SQLiteStore
import Testing

/// `assetsync migrate-database` through the real binary (the copy itself is tested in
/// `DatabaseCopierTests`).
@Suite(
  "migrate-database", .enabled(if: PostgresTestDatabase.enabled, "\(PostgresTestDatabase.skipReason)"),
  .timeLimit(.minutes(3)))
struct MigrateDatabaseCLITests {
  @Test func copiesASQLiteFileAndRefusesToOverwriteWithoutForce() async throws {
    let sqlite = CommandRunner.temporaryDatabase()
    let created = try await CommandRunner.run(
      [
        "agents", "create", "--database", sqlite, "--email", "root@example.com", "--name", "Root", "--role", "admin",
        "--password-stdin",
      ], stdin: "a long enough password\n")
    #expect(created.status == 0, "\(created.stderr)")
    let target = try await PostgresTestDatabase.makeDatabase().url

    let copied = try await CommandRunner.run(["migrate-database", "--from", "sqlite:\(sqlite)", "--to", target])
    #expect(copied.status == 0, "\(copied.stderr)")
    #expect(copied.stdout.contains("agents: 1 rows"))
    // The copy is usable by every command: an API key for the copied agent.
    let key = try await CommandRunner.run([
      "api-keys", "create", "--database", target, "--agent", "root@example.com", "--json",
    ])
    #expect(key.status == 0, "\(key.stderr)")

    let again = try await CommandRunner.run(["migrate-database", "--from", sqlite, "--to", target])
    #expect(again.status != 0)
    #expect(again.stderr.contains("not empty"))
    #expect(again.stderr.split(separator: "\n").count == 1, "one line: \(again.stderr)")
    let forced = try await CommandRunner.run(["migrate-database", "--from", sqlite, "--to", target, "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
  }
}
