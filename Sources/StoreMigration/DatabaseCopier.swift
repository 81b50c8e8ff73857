import AssetStore
import Foundation
import PostgresStore
import SQLStore
import SQLiteStore

/// Copies a whole SQLite database into a PostgreSQL one (`assetsync migrate-database`): every
/// table, ids preserved, the PostgreSQL id sequences moved past the copied ids, all in one
/// PostgreSQL transaction (a failed copy leaves the target as it was).
public struct DatabaseCopier: Sendable {
  /// Rows copied per table, in copy order.
  public typealias Summary = [(table: String, rows: Int)]

  /// Parents before children, so foreign keys hold at every step.
  static let tables = [
    "asset_types", "asset_fields", "contacts", "agents", "contact_groups", "contact_group_members", "ticket_statuses",
    "ticket_priorities", "ticket_categories", "kandji_connections", "assets", "asset_field_values", "asset_contacts",
    "tickets", "ticket_tags", "ticket_assets", "ticket_updates", "api_keys", "sessions", "settings", "sync_runs",
    "sync_report_rows", "kandji_api_calls", "kandji_asset_refreshes", "asset_history",
  ]
  /// Tables with a BIGSERIAL id whose sequence must continue after the copied ids.
  static let serialTables = [
    "asset_types", "asset_fields", "contacts", "agents", "contact_groups", "ticket_statuses", "ticket_priorities",
    "ticket_categories", "kandji_connections", "assets", "tickets", "ticket_updates", "sync_runs", "asset_history",
  ]
  /// Tables the migrations fill with reference rows: rows there do not make a target "not empty".
  static let seededTables: Set = [
    "asset_types", "asset_fields", "ticket_statuses", "ticket_priorities", "ticket_categories",
  ]
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
    try await target.write { s in
      if !force, let reason = try await nonEmptyReason(s) {
        throw StoreError.invalid(
          field: "to", message: "The target database is not empty (\(reason)); use --force to replace its contents.")
      }
      try await s.execute("TRUNCATE \(raw: Self.tables.joined(separator: ", ")) RESTART IDENTITY CASCADE")
      var summary: Summary = []
      for table in Self.tables where includeSessions || table != "sessions" {
        summary.append((table, try await copyTable(table, into: s)))
      }
      // Lists in this process may remember totals of the replaced contents.
      try await s.execute("UPDATE data_versions SET version = version + 1 WHERE name = 'assets'")
      for table in Self.serialTables {
        try await s.fetch(
          """
          SELECT setval(pg_get_serial_sequence(\(table), 'id'), COALESCE((SELECT MAX(id) FROM \(raw: table)), 0) + 1, false)
          """)
      }
      return summary
    }
  }

  /// Why the target counts as holding data, or nil when it holds only the migrations' seed.
  func nonEmptyReason(_ s: PostgresSession) async throws -> String? {
    for table in Self.tables where !Self.seededTables.contains(table) {
      if try await s.fetchOne("SELECT 1 FROM \(raw: table) LIMIT 1") != nil { return "\(table) has rows" }
    }
    if try await s.fetchOne("SELECT 1 FROM asset_types WHERE platform IS NULL LIMIT 1") != nil {
      return "asset_types has custom types"
    }
    return nil
  }

  /// Copies one table chunk by chunk, converting each value to the PostgreSQL column's type.
  func copyTable(_ table: String, into s: PostgresSession) async throws -> Int {
    let columns = try await PostgresColumn.columns(of: table, s)
    let names = columns.map(\.name).joined(separator: ", ")
    var lastRowID: Int64 = 0
    var copied = 0
    while true {
      let after = lastRowID
      let rows = try await source.read { sqlite in
        try await sqlite.fetch(
          "SELECT rowid, \(raw: names) FROM \(raw: table) WHERE rowid > \(after) ORDER BY rowid LIMIT \(Self.chunk)")
      }
      guard let last = rows.last else { return copied }
      lastRowID = try last.int64(at: 0) ?? lastRowID
      // Column 0 is the rowid; the table's columns follow in `columns` order.
      let tuples = try rows.map { row -> SQLStatement in
        let values = try columns.enumerated().map { index, column in try column.kind.value(row, at: index + 1) }
        return "(\(list: values))"
      }
      try await s.execute(
        "INSERT INTO \(raw: table) (\(raw: names)) VALUES " + SQLStatement.joined(tuples, separator: ", "))
      copied += rows.count
    }
  }
}
