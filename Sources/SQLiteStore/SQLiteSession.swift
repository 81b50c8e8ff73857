import GRDB
import SQLStore

/// Runs the shared store's statements on GRDB: each batch in one database access (one hop to
/// GRDB's queue), reads from a snapshot of the pool's readers, writes inside the transaction
/// `SQLiteDatabase.write` opened.
public struct SQLiteSession: SQLSession {
  let writer: any DatabaseWriter
  let writing: Bool

  public func fetch(_ statements: [SQLStatement]) async throws -> [[SQLiteRow]] {
    try await Self.mapped {
      if writing {
        return try await writer.writeWithoutTransaction { db in try Self.run(statements, db) }
      }
      // One statement needs no snapshot of its own: skip the read transaction's BEGIN and COMMIT.
      if statements.count == 1 { return try await writer.unsafeRead { db in try Self.run(statements, db) } }
      return try await writer.read { db in try Self.run(statements, db) }
    }
  }

  @discardableResult
  public func execute(_ statements: [SQLStatement]) async throws -> [Int] {
    try await Self.mapped { try await writer.writeWithoutTransaction { db in try Self.execute(statements, db) } }
  }

  static func run(_ statements: [SQLStatement], _ db: Database) throws -> [[SQLiteRow]] {
    try statements.map { sql in
      try GRDB.Row.fetchAll(try statement(sql, db)).map { SQLiteRow(values: Array($0.databaseValues)) }
    }
  }

  static func execute(_ statements: [SQLStatement], _ db: Database) throws -> [Int] {
    try statements.map { sql in
      let statement = try statement(sql, db)
      try statement.execute()
      // SQLite leaves the last count in place across statements that change nothing (SAVEPOINT).
      return statement.isReadonly ? 0 : db.changesCount
    }
  }

  /// A prepared statement from GRDB's cache, with `sql`'s values bound.
  static func statement(_ sql: SQLStatement, _ db: Database) throws -> Statement {
    let statement = try db.cachedStatement(sql: sql.text)
    statement.arguments = StatementArguments(sql.values.map(databaseValue))
    return statement
  }

  static func databaseValue(_ value: SQLValue) -> DatabaseValue {
    switch value {
    case .null: .null
    case .integer(let number): number.databaseValue
    case .real(let number): number.databaseValue
    case .text(let text): text.databaseValue
    case .bool(let flag): flag.databaseValue
    }
  }

  /// GRDB's errors as `SQLFailure`s.
  static func mapped<T>(_ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch let error as DatabaseError {
      let message = error.message ?? "\(error.resultCode)"
      switch error.extendedResultCode {
      case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: throw SQLFailure.uniqueViolation(message)
      case .SQLITE_CONSTRAINT_FOREIGNKEY: throw SQLFailure.foreignKeyViolation(message)
      default: throw SQLFailure.other(message)
      }
    }
  }
}

/// A row GRDB read, as its values (GRDB's rows cannot leave the database access).
public struct SQLiteRow: StoreRow {
  let values: [DatabaseValue]

  public func int64(at index: Int) throws -> Int64? { try value(index) }
  public func double(at index: Int) throws -> Double? { try value(index) }
  public func string(at index: Int) throws -> String? { try value(index) }
  public func bool(at index: Int) throws -> Bool? { try value(index) }

  private func value<T: DatabaseValueConvertible>(_ index: Int) throws -> T? {
    let value = values[index]
    if value.isNull { return nil }
    guard let converted = T.fromDatabaseValue(value) else {
      throw SQLFailure.other("column \(index) holds \(value), not \(T.self)")
    }
    return converted
  }
}
