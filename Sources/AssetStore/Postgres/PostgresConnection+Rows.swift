import Foundation
import Logging
import PostgresNIO

/// One result row, read by column name.
struct PGRow: Sendable {
  let raw: PostgresRandomAccessRow

  subscript<T: PostgresDecodable>(_ column: String) -> T {
    get throws { try raw[column].decode(T.self) }
  }
}

extension PostgresConnection {
  /// Runs a statement and collects its rows.
  func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PGRow] {
    var rows: [PGRow] = []
    for try await row in try await self.query(query, logger: logger) { rows.append(PGRow(raw: row.makeRandomAccess())) }
    return rows
  }

  /// The first row, if any.
  func row(_ query: PostgresQuery, logger: Logger) async throws -> PGRow? {
    try await rows(query, logger: logger).first
  }

  /// Runs a statement, draining any rows; returns how many rows it returned (use `RETURNING 1`
  /// to count the rows a write changed).
  @discardableResult
  func exec(_ query: PostgresQuery, logger: Logger) async throws -> Int {
    var count = 0
    for try await _ in try await self.query(query, logger: logger) { count += 1 }
    return count
  }

  /// True when the query returns at least one row.
  func exists(_ query: PostgresQuery, logger: Logger) async throws -> Bool {
    try await row(query, logger: logger) != nil
  }
}

/// Builds a statement from constant SQL fragments and numbered parameters (`$1`, `$2`, …), for
/// queries whose shape depends on the filters given. Values are only ever bound, never spliced.
struct SQLBuilder {
  private(set) var sql = ""
  private(set) var binds = PostgresBindings()
  private var count = 0

  init(_ sql: String = "") { self.sql = sql }

  mutating func append(_ fragment: String) { sql += fragment }

  /// Binds `value` and returns its placeholder.
  mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value?) -> String {
    binds.append(value)
    count += 1
    return "$\(count)"
  }

  var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }

  /// A list's two queries on this filter's binds: the total (`n`), and one page of `columns` in
  /// `orderBy` order.
  func pageQueries(columns: String, table: String, where whereClause: String, orderBy: String, page: Int, size: Int)
    -> (count: PostgresQuery, list: PostgresQuery)
  {
    var count = self
    count.append("SELECT COUNT(*) AS n FROM \(table) \(whereClause)")
    var list = self
    let limit = list.bind(size)
    let offset = list.bind(PageWindow(page: page, size: size).offset)
    list.append("SELECT \(columns) FROM \(table) \(whereClause) ORDER BY \(orderBy) LIMIT \(limit) OFFSET \(offset)")
    return (count.query, list.query)
  }
}
