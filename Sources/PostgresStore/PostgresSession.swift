import Logging
import NIOCore
import PostgresNIO
import SQLStore

/// Runs the shared store's statements on one PostgreSQL connection, one round trip each.
public struct PostgresSession: SQLSession {
  let connection: PostgresConnection
  let logger: Logger

  public func fetch(_ statements: [SQLStatement]) async throws -> [[PostgresStoreRow]] {
    var results: [[PostgresStoreRow]] = []
    for statement in statements {
      let rows = try await Self.mapped { try await connection.query(Self.query(statement), logger: logger).collect() }
      results.append(rows.map { PostgresStoreRow(row: $0.makeRandomAccess()) })
    }
    return results
  }

  @discardableResult
  public func execute(_ statements: [SQLStatement]) async throws -> [Int] {
    var counts: [Int] = []
    for statement in statements {
      // The future-based query reports the command tag, hence how many rows changed.
      let result: EventLoopFuture<PostgresQueryResult> = connection.query(Self.query(statement), logger: logger)
      counts.append(try await Self.mapped { try await result.get() }.metadata.rows ?? 0)
    }
    return counts
  }

  /// `statement` with its `?` placeholders numbered `$1`, `$2`, … (outside quotes) and its values bound.
  static func query(_ statement: SQLStatement) -> PostgresQuery {
    var text = ""
    text.reserveCapacity(statement.text.utf8.count + statement.values.count * 2)
    var number = 0
    var quote: Character?
    for character in statement.text {
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "'" || character == "\"" {
        quote = character
      } else if character == "?" {
        number += 1
        text += "$\(number)"
        continue
      }
      text.append(character)
    }
    var binds = PostgresBindings(capacity: statement.values.count)
    for value in statement.values {
      switch value {
      case .null: binds.appendNull()
      case .integer(let number): binds.append(number)
      case .real(let number): binds.append(number)
      case .text(let text): binds.append(text)
      case .bool(let flag): binds.append(flag)
      }
    }
    return PostgresQuery(unsafeSQL: text, binds: binds)
  }

  static let uniqueViolation = "23505"
  static let foreignKeyViolation = "23503"

  /// PostgresNIO's errors as `SQLFailure`s (PSQLError's own description is deliberately vague).
  static func mapped<T>(_ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch let error as PSQLError {
      let constraint = error.serverInfo?[.constraintName] ?? ""
      switch error.serverInfo?[.sqlState] {
      case uniqueViolation: throw SQLFailure.uniqueViolation(constraint)
      case foreignKeyViolation: throw SQLFailure.foreignKeyViolation(constraint)
      default: throw SQLFailure.other(describe(error))
      }
    }
  }

  static func describe(_ error: PSQLError) -> String {
    if let message = error.serverInfo?[.message] { return message }
    if let underlying = error.underlying { return "\(error.code): \(underlying)" }
    return "\(error.code)"
  }
}

/// A row PostgresNIO read, by column position.
public struct PostgresStoreRow: StoreRow {
  let row: PostgresRandomAccessRow

  public func int64(at index: Int) throws -> Int64? { try row[index].decode(Int64?.self) }
  public func double(at index: Int) throws -> Double? { try row[index].decode(Double?.self) }
  public func string(at index: Int) throws -> String? { try row[index].decode(String?.self) }
  public func bool(at index: Int) throws -> Bool? { try row[index].decode(Bool?.self) }
}
