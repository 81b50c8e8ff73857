import GRDB
import SQLStore
import Synchronization

/// Runs the shared store's statements on GRDB: each batch of a read in one database access (one
/// hop to GRDB's queue) from a snapshot of the pool's readers; a write's statements directly on
/// the connection of the writer access `SQLiteDatabase.write` holds, without leaving it.
public struct SQLiteSession: SQLSession {
  private let access: Access

  private enum Access: Sendable {
    case read(any DatabaseWriter)
    case transaction(SQLiteTransaction)
  }

  init(reading writer: any DatabaseWriter) { access = .read(writer) }

  init(transaction: SQLiteTransaction) { access = .transaction(transaction) }

  public func fetch(_ statements: [SQLStatement]) async throws -> [[SQLiteRow]] {
    switch access {
    case .transaction(let transaction):
      return try transaction.run { db in try Self.run(statements, db) }
    case .read(let writer):
      return try await Self.mapped {
        // One statement needs no snapshot of its own: skip the read transaction's BEGIN and COMMIT.
        if statements.count == 1 { return try await writer.unsafeRead { db in try Self.run(statements, db) } }
        return try await writer.read { db in try Self.run(statements, db) }
      }
    }
  }

  @discardableResult
  public func execute(_ statements: [SQLStatement]) async throws -> [Int] {
    switch access {
    case .transaction(let transaction):
      return try transaction.run { db in try Self.execute(statements, db) }
    case .read(let writer):
      // A read session runs no changes; GRDB's read-only access refuses them.
      return try await Self.mapped { try await writer.read { db in try Self.execute(statements, db) } }
    }
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
      throw failure(error)
    }
  }

  static func failure(_ error: DatabaseError) -> SQLFailure {
    let message = error.message ?? "\(error.resultCode)"
    switch error.extendedResultCode {
    case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: return .uniqueViolation(message)
    case .SQLITE_CONSTRAINT_FOREIGNKEY: return .foreignKeyViolation(message)
    default: return .other(message)
    }
  }
}

/// The connection of the writer access a write transaction runs in, for its session's
/// statements, and whether the task that asked for the write was cancelled. Only used on GRDB's
/// writer thread, inside that access (`InlineExecutor` runs the body there).
final class SQLiteTransaction: @unchecked Sendable {
  private let db: Database
  private let cancelled: CancellationFlag

  init(db: Database, cancelled: CancellationFlag) {
    self.db = db
    self.cancelled = cancelled
  }

  /// Runs a batch, unless the write was cancelled (the transaction is then rolled back).
  func run<T>(_ batch: (Database) throws -> T) throws -> T {
    if cancelled.isSet || Task.isCancelled { throw CancellationError() }
    do {
      return try batch(db)
    } catch let error as DatabaseError {
      throw SQLiteSession.failure(error)
    }
  }
}

/// Set once the task that asked for a write is cancelled.
final class CancellationFlag: Sendable {
  private let value = Atomic<Bool>(false)

  var isSet: Bool { value.load(ordering: .acquiring) }

  func set() { value.store(true, ordering: .releasing) }
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
