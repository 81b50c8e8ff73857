import PostgresStore
import SQLStore

/// A column of the PostgreSQL schema and how a SQLite value converts to it.
struct PostgresColumn: Sendable {
  enum Kind: Sendable {
    case integer, real, text, boolean

    /// A SQLite value read as this kind (SQLite keeps booleans as 0/1 and may keep whole
    /// numbers in REAL columns as integers).
    func value(_ row: some StoreRow, at index: Int) throws -> SQLValue {
      let value: SQLValue? =
        switch self {
        case .integer: try row.int64(at: index).map(SQLValue.integer)
        case .real: try row.double(at: index).map(SQLValue.real)
        case .text: try row.string(at: index).map(SQLValue.text)
        case .boolean: try row.bool(at: index).map(SQLValue.bool)
        }
      return value ?? .null
    }
  }

  let name: String
  let kind: Kind

  /// The columns of `table`, in table order, from the catalog.
  static func columns(of table: String, _ s: PostgresSession) async throws -> [PostgresColumn] {
    try await s.fetch(
      """
      SELECT column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = \(table) ORDER BY ordinal_position
      """
    ).map { row in
      let kind: Kind =
        switch try row.string(at: 1) ?? "" {
        case "bigint", "integer", "smallint": .integer
        case "double precision", "real": .real
        case "boolean": .boolean
        default: .text
        }
      return PostgresColumn(name: try row.string(at: 0) ?? "", kind: kind)
    }
  }
}
