import Foundation
import GRDB
import PostgresNIO

/// A column of the PostgreSQL schema and how a SQLite value converts to it.
struct PostgresColumn: Sendable {
  enum Kind: Sendable {
    case integer, real, text, boolean

    /// Binds a SQLite value as this kind (SQLite keeps booleans as 0/1 and may keep whole
    /// numbers in REAL columns as integers) and returns its placeholder.
    func bind(_ value: DatabaseValue, into builder: inout SQLBuilder) -> String {
      switch self {
      case .integer: builder.bind(Int64.fromDatabaseValue(value))
      case .real: builder.bind(Double.fromDatabaseValue(value))
      case .text: builder.bind(String.fromDatabaseValue(value))
      case .boolean: builder.bind(Bool.fromDatabaseValue(value))
      }
    }
  }

  let name: String
  let kind: Kind
}

extension PostgresAssetStore {
  /// The columns of `table`, in table order, from the catalog.
  func columns(of table: String, _ c: PostgresConnection) async throws -> [PostgresColumn] {
    try await c.rows(
      """
      SELECT column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = \(table) ORDER BY ordinal_position
      """, logger: logger
    ).map { row in
      let type: String = try row["data_type"]
      let kind: PostgresColumn.Kind =
        switch type {
        case "bigint", "integer", "smallint": .integer
        case "double precision", "real": .real
        case "boolean": .boolean
        default: .text
        }
      return PostgresColumn(name: try row["column_name"], kind: kind)
    }
  }
}
