import AssetStore
import Foundation
import GRDB
import Logging
import PostgresNIO
import PostgresStore
import SQLiteStore

/// A database's schema (tables, columns, indexes, constraints, triggers) and reference rows (the
/// managed types and fields the migrations write), as sorted lines: a fresh install and an
/// upgraded one must give the same lines.
public enum SchemaSnapshot {
  /// The reference rows, whatever the backend: the managed asset types (without `created_at`,
  /// the moment the migration ran) and every column of their fields, and the ticket statuses,
  /// priorities and first category of migration v7.
  static let referenceQueries = [
    "SELECT id, name, description, platform FROM asset_types WHERE platform IS NOT NULL ORDER BY id",
    """
    SELECT id, asset_type_id, name, field_type, group_name, managed_key, position, choices FROM asset_fields
    WHERE managed_key IS NOT NULL ORDER BY id
    """,
    // Migration v7's ticket statuses, priorities and first category.
    "SELECT id, name, color, position, behavior FROM ticket_statuses ORDER BY id",
    "SELECT id, name, position FROM ticket_priorities ORDER BY id",
    "SELECT id, name, description, prefix FROM ticket_categories WHERE id = 1",
  ]

  /// A SQLite file's schema and reference rows.
  public static func sqlite(path: String) throws -> [String] {
    var configuration = Configuration()
    configuration.readonly = true
    let database = try DatabaseQueue(path: path, configuration: configuration)
    defer { try? database.close() }
    return try database.read { db in
      var lines = try Row.fetchAll(
        db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
      ).map {
        "schema: \($0["type"] as String) \($0["name"] as String) on \($0["tbl_name"] as String): \($0["sql"] ?? "")"
      }
      lines += try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").map { "migration: \($0)" }
      for sql in referenceQueries {
        lines += try Row.fetchAll(db, sql: sql).map { row in
          "row: " + row.databaseValues.map { $0.isNull ? "NULL" : "\($0.storage)" }.joined(separator: " | ")
        }
      }
      return lines.sorted()
    }
  }

  /// A PostgreSQL database's schema and reference rows.
  public static func postgres(_ database: PostgresStoreConfiguration) async throws -> [String] {
    let logger = PostgresTestDatabase.quietLogger
    let connection = try await PostgresConnection.connect(
      configuration: PostgresConnection.Configuration(
        host: database.host, port: database.port, username: database.username, password: database.password,
        database: database.database, tls: .disable),
      id: 99, logger: logger)
    do {
      let lines = try await read(connection, logger: logger)
      try await connection.close()
      return lines
    } catch {
      try? await connection.close()
      throw error
    }
  }

  private static func read(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
    let schema = [
      """
      SELECT 'column: ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
        || ' default=' || COALESCE(column_default, '-') || ' collation=' || COALESCE(collation_name, '-')
        || ' at ' || ordinal_position
      FROM information_schema.columns WHERE table_schema = current_schema()
      """,
      "SELECT 'index: ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()",
      """
      SELECT 'constraint: ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
      """,
      """
      SELECT 'trigger: ' || tgrelid::regclass::text || ' ' || tgname || ' ' || pg_get_triggerdef(oid)
      FROM pg_trigger WHERE NOT tgisinternal
      """,
      """
      SELECT 'function: ' || proname || ' ' || pg_get_functiondef(oid) FROM pg_proc
      WHERE pronamespace = current_schema()::regnamespace
      """,
      "SELECT 'extension: ' || extname FROM pg_extension",
      "SELECT 'migration: ' || version FROM schema_migrations",
    ]
    var lines: [String] = []
    for sql in schema {
      for try await line in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        .decode(String.self)
      {
        lines.append(line)
      }
    }
    for sql in referenceQueries {
      let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
      for try await row in rows {
        let cells = row.map { cell -> String in
          guard cell.bytes != nil else { return "NULL" }
          if let number = try? cell.decode(Int64.self) { return String(number) }
          return (try? cell.decode(String.self)) ?? "?"
        }
        lines.append("row: " + cells.joined(separator: " | "))
      }
    }
    return lines.sorted()
  }
}
