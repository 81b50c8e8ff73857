import AssetStore
import Foundation
import Logging
import PostgresStore
import SQLiteStore

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
  /// such as `\restrict`, so only psql reads them); stops at the first error.
  public static func load(dump: URL, into database: PostgresStoreConfiguration) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", database.host, "-p", String(database.port), "-U",
      database.username, "-d", database.database, "-f", dump.path,
    ]
    var environment = ProcessInfo.processInfo.environment
    environment["PGPASSWORD"] = database.password ?? ""
    environment["PGSSLMODE"] = database.tls == .require ? "require" : database.tls.rawValue
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    do { try process.run() } catch {
      throw StoreError.database("cannot run psql (apt-get install postgresql-client): \(error)")
    }
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw StoreError.database("psql could not load \(dump.lastPathComponent): \(message)")
    }
  }

  /// A store on a fresh, empty database (migrated).
  public static func makeStore() async throws -> PostgresAssetStore {
    try await PostgresAssetStore.connect(try await makeDatabase(), logger: quietLogger)
  }
}
