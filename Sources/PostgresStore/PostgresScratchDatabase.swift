import AssetStore
import Foundation
import Logging
import PostgresNIO

/// Throw-away databases on a PostgreSQL server, for benchmarks and tests (the user needs the
/// CREATEDB privilege). Names are generated here, never taken from input.
public enum PostgresScratchDatabase {
  /// Creates an empty database next to `server`'s and returns where it is.
  public static func create(on server: PostgresStoreConfiguration, prefix: String = "assetsync_scratch")
    async throws -> PostgresStoreConfiguration
  {
    let name = prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    try await administer(server, "CREATE DATABASE \(name)")
    return server.with(database: name)
  }

  /// Drops a database made by `create` (closing other sessions on it first).
  public static func drop(_ database: PostgresStoreConfiguration, server: PostgresStoreConfiguration) async throws {
    try await administer(server, "DROP DATABASE IF EXISTS \(database.database) WITH (FORCE)")
  }

  /// Runs a statement that cannot take bound parameters (identifiers) on `server`'s database.
  private static func administer(_ server: PostgresStoreConfiguration, _ sql: String) async throws {
    let logger = Logger(label: "assetsync.postgres.admin")
    do {
      let connection = try await PostgresConnection.connect(
        configuration: try server.directConfiguration(), id: 1, logger: logger)
      do {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        try await connection.close()
      } catch {
        try? await connection.close()
        throw error
      }
    } catch {
      throw StoreError.database(
        "\(sql.split(separator: " ").prefix(2).joined(separator: " ")) failed: \((error as? PSQLError).map(PostgresSession.describe) ?? "\(error)")"
      )
    }
  }
}
