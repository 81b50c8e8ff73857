import ArgumentParser
import AssetStore
import Foundation
import PostgresStore
import SQLiteStore
import StoreMigration

/// `assetsync migrate-database`: moves a single-machine install (SQLite) to PostgreSQL, for
/// running several replicas. Ids are kept, so links, URLs and API clients keep working.
struct MigrateDatabaseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate-database",
    abstract: "Copy everything from a SQLite database into a PostgreSQL database (ids preserved).",
    discussion: """
      Stop every `assetsync serve` first. The target gets the schema on connect; the copy runs in one \
      transaction. Keep the same secret key (ASSETSYNC_SECRET_KEY or the key file next to the SQLite \
      database): the stored Kandji token is sealed with it.
      """)

  @Option(help: "The source: sqlite:PATH (or a plain path to the SQLite file).")
  var from: String

  @Option(help: "The target: postgres://user:pass@host:port/db.")
  var to: String

  @Flag(help: "Replace the target's contents when it already holds data.")
  var force = false

  @Flag(help: "Do not copy web sign-in sessions (everyone signs in again).")
  var skipSessions = false

  var sourcePath: String {
    from.hasPrefix("sqlite:") ? String(from.dropFirst("sqlite:".count)) : from
  }

  func validate() throws {
    guard !sourcePath.isEmpty, !sourcePath.contains("://") else {
      throw ValidationError("--from must be sqlite:PATH or a SQLite file path, got \"\(from)\".")
    }
    guard PostgresStoreConfiguration.isPostgresURL(to) else {
      throw ValidationError("--to must be a postgres:// URL.")
    }
  }

  func run() async throws {
    guard FileManager.default.fileExists(atPath: sourcePath) else {
      throw CLIError("No SQLite database at \(sourcePath).")
    }
    do {
      let source = try SQLiteAssetStore(path: sourcePath)
      let target = try await PostgresAssetStore.connect(try PostgresStoreConfiguration(url: to))
      defer { target.shutdown() }
      let summary = try await DatabaseCopier(from: source, to: target).copy(
        force: force, includeSessions: !skipSessions)
      for (table, rows) in summary { Console.line("\(table): \(rows) rows") }
      Console.line("Copied \(summary.reduce(0) { $0 + $1.rows }) rows from \(sourcePath) to PostgreSQL.")
    } catch let error as StoreError {
      throw CLIError("\(error)")
    }
  }
}
