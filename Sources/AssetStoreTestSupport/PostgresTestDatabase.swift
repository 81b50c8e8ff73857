import AssetStore
import Foundation
import Logging
import PostgresStore
import SQLiteStore
import Subprocess

/// Fresh, empty PostgreSQL databases for tests, on the server `ASSETSYNC_TEST_POSTGRES_URL` names
/// (`scripts/with-postgres` starts a throw-away one). Not part of the product.
public enum PostgresTestDatabase {
  /// The server to test against, if configured.
  public static var url: String? {
    guard let url = ProcessInfo.processInfo.environment["ASSETSYNC_TEST_POSTGRES_URL"], !url.isEmpty else {
      return nil
    }
    return url
  }

  /// On CI (`CI=true` or `ASSETSYNC_CI=1`) a missing server is a failure, never a skip.
  public static var isCI: Bool {
    let environment = ProcessInfo.processInfo.environment
    return ["true", "1"].contains(environment["CI"]?.lowercased() ?? "") || environment["ASSETSYNC_CI"] == "1"
  }

  /// Whether the PostgreSQL cases run: a server is configured, or this is CI (where they then
  /// fail loudly instead of silently passing).
  public static var enabled: Bool { url != nil || isCI }

  public static let skipReason =
    "ASSETSYNC_TEST_POSTGRES_URL is not set: PostgreSQL cases skipped (run `scripts/with-postgres scripts/test`)"

  /// Creates an empty database and returns where it is.
  public static func makeDatabase() async throws -> PostgresStoreConfiguration {
    guard let url else {
      throw StoreError.database("CI=true but ASSETSYNC_TEST_POSTGRES_URL is not set: the PostgreSQL tests cannot run")
    }
    return try await PostgresScratchDatabase.create(on: try PostgresStoreConfiguration(url: url), prefix: "assetsync_t")
  }

  /// Warnings and worse only: every test store migrating would fill the log.
  public static var quietLogger: Logger {
    var logger = Logger(label: "assetsync.postgres")
    logger.logLevel = .warning
    return logger
  }

  /// Loads a `pg_dump` file into `database` with the `psql` binary (dumps hold psql meta-commands
  /// such as `\restrict`, so only psql reads them); stops at the first error. psql runs through
  /// swift-subprocess (it inherits no descriptor but its own stdin, stdout and stderr, issue 17)
  /// and is killed after `limit`.
  public static func load(
    dump: URL, into database: PostgresStoreConfiguration, limit: Duration = .seconds(120)
  ) async throws {
    let arguments = [
      "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", database.host, "-p", String(database.port), "-U",
      database.username, "-d", database.database, "-f", dump.path,
    ]
    let environment = Environment.inherit.updating([
      "PGPASSWORD": database.password ?? "",
      "PGSSLMODE": database.tls == .require ? "require" : database.tls.rawValue,
    ])
    // (succeeded, psql's error output), or nil when `limit` passed first (the group's
    // cancellation makes swift-subprocess kill psql).
    let outcome = try await withThrowingTaskGroup(of: (Bool, String)?.self) { group in
      group.addTask {
        do {
          let result = try await Subprocess.run(
            .name("psql"), arguments: Arguments(arguments), environment: environment, input: .none,
            output: .discarded, error: .string(limit: 1 << 20))
          return (result.terminationStatus.isSuccess, result.standardError)
        } catch is CancellationError {
          return nil
        } catch {
          throw StoreError.database("cannot run psql (apt-get install postgresql-client): \(error)")
        }
      }
      group.addTask {
        try await Task.sleep(for: limit)
        return nil
      }
      defer { group.cancelAll() }
      return try await group.next() ?? nil
    }
    guard let (succeeded, message) = outcome else {
      throw StoreError.database("psql did not load \(dump.lastPathComponent) within \(limit); it was killed")
    }
    guard succeeded else {
      throw StoreError.database("psql could not load \(dump.lastPathComponent): \(message)")
    }
  }

  /// A store on a fresh, empty database (migrated).
  public static func makeStore() async throws -> PostgresAssetStore {
    try await PostgresAssetStore.connect(try await makeDatabase(), logger: quietLogger)
  }
}
