import Foundation
import GRDB
import PostgresNIO

/// Copies a whole SQLite database into a PostgreSQL one (`assetsync migrate-database`): every
/// table, ids preserved, the PostgreSQL id sequences moved past the copied ids, all in one
/// PostgreSQL transaction (a failed copy leaves the target as it was).
public struct DatabaseCopier: Sendable {
  /// Rows copied per table, in copy order.
  public typealias Summary = [(table: String, rows: Int)]

  /// Parents before children, so foreign keys hold at every step.
  static let tables = [
    "asset_types", "asset_fields", "contacts", "agents", "assets", "asset_field_values", "asset_contacts", "tickets",
    "ticket_assets", "api_keys", "sessions", "settings", "sync_runs", "sync_report_rows",
  ]
  /// Tables with a BIGSERIAL id whose sequence must continue after the copied ids.
  static let serialTables = ["asset_types", "asset_fields", "contacts", "agents", "assets", "tickets", "sync_runs"]
  /// Rows per INSERT statement (PostgreSQL takes at most 65,535 parameters).
  static let chunk = 500

  let source: SQLiteAssetStore
  let target: PostgresAssetStore

  public init(from source: SQLiteAssetStore, to target: PostgresAssetStore) {
    self.source = source
    self.target = target
  }

  /// Copies everything (sessions only when asked). Refuses a target that holds data beyond the
  /// seeded managed types unless `force`, which replaces it.
  public func copy(force: Bool, includeSessions: Bool = true) async throws -> Summary {
    try await target.write { c in
      if !force, let reason = try await nonEmptyReason(c) {
        throw StoreError.invalid(
          field: "to", message: "The target database is not empty (\(reason)); use --force to replace its contents.")
      }
      let all = Self.tables.joined(separator: ", ")
      try await c.exec(PostgresQuery(unsafeSQL: "TRUNCATE \(all) RESTART IDENTITY CASCADE"), logger: target.logger)
      var summary: Summary = []
      for table in Self.tables where includeSessions || table != "sessions" {
        summary.append((table, try await copyTable(table, into: c)))
      }
      for table in Self.serialTables {
        try await c.exec(
          PostgresQuery(
            unsafeSQL:
              "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE((SELECT MAX(id) FROM \(table)), 0) + 1, false)"
          ), logger: target.logger)
      }
      return summary
    }
  }

  /// Why the target counts as holding data, or nil when it holds only the migrations' seed.
  func nonEmptyReason(_ c: PostgresConnection) async throws -> String? {
    for table in Self.tables where table != "asset_types" && table != "asset_fields" {
      if try await c.exists(PostgresQuery(unsafeSQL: "SELECT 1 FROM \(table) LIMIT 1"), logger: target.logger) {
        return "\(table) has rows"
      }
    }
    if try await c.exists("SELECT 1 FROM asset_types WHERE platform IS NULL LIMIT 1", logger: target.logger) {
      return "asset_types has custom types"
    }
    return nil
  }

  /// Copies one table chunk by chunk, converting each value to the PostgreSQL column's type.
  func copyTable(_ table: String, into c: PostgresConnection) async throws -> Int {
    let columns = try await target.columns(of: table, c)
    let names = columns.map(\.name).joined(separator: ", ")
    var lastRowID: Int64 = 0
    var copied = 0
    while true {
      let after = lastRowID
      let rows: [[DatabaseValue]] = try await source.read { db in
        try Row.fetchAll(
          db, sql: "SELECT rowid AS copy_rowid, \(names) FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT ?",
          arguments: [after, Self.chunk]
        ).map { row in Array(row.databaseValues) }
      }
      guard let last = rows.last else { return copied }
      lastRowID = Int64.fromDatabaseValue(last[0]) ?? lastRowID
      var insert = SQLBuilder()
      var tuples: [String] = []
      for row in rows {
        // Column 0 is the rowid; the table's columns follow in `columns` order.
        let values = columns.enumerated().map { index, column in column.kind.bind(row[index + 1], into: &insert) }
        tuples.append("(" + values.joined(separator: ", ") + ")")
      }
      insert.append("INSERT INTO \(table) (\(names)) VALUES " + tuples.joined(separator: ", "))
      try await c.exec(insert.query, logger: target.logger)
      copied += rows.count
    }
  }
}
