/// A database the shared store runs on: SQLite through GRDB or PostgreSQL through PostgresNIO.
/// The store's queries and decoding are written once against this; a driver only runs
/// statements, reports how many rows they changed and maps its errors to `SQLFailure`.
public protocol SQLDatabase: Sendable {
  associatedtype Session: SQLSession

  /// The few real differences between the backends' SQL.
  var dialect: SQLDialect { get }

  /// Runs `body` for reading. SQLite reads each `fetch` batch from one snapshot; PostgreSQL runs
  /// every statement on one pooled connection.
  func read<T: Sendable>(_ body: (Session) async throws -> T) async throws -> T

  /// Runs `body` in one write transaction, rolled back when it throws.
  func write<T: Sendable>(_ body: (Session) async throws -> T) async throws -> T

  /// Runs one statement's write: atomic on its own, so PostgreSQL saves the BEGIN and COMMIT
  /// round trips (SQLite takes its write lock as for `write`).
  func writeOne(_ statement: SQLStatement) async throws -> Int
}

/// Statements run inside a `read` or `write`.
public protocol SQLSession: Sendable {
  associatedtype Row: StoreRow

  /// Runs `statements` in order, in one round trip to the database where the backend can, and
  /// returns each one's rows.
  func fetch(_ statements: [SQLStatement]) async throws -> [[Row]]

  /// Runs `statements` in order and returns how many rows each changed.
  @discardableResult
  func execute(_ statements: [SQLStatement]) async throws -> [Int]
}

extension SQLSession {
  /// One statement's rows.
  @discardableResult
  public func fetch(_ statement: SQLStatement) async throws -> [Row] { try await fetch([statement])[0] }

  /// The first row of a statement, if any.
  public func fetchOne(_ statement: SQLStatement) async throws -> Row? { try await fetch([statement])[0].first }

  /// Runs one statement; returns how many rows it changed.
  @discardableResult
  public func execute(_ statement: SQLStatement) async throws -> Int { try await execute([statement])[0] }
}

/// A driver's error, in the terms the shared store needs to map it to a `StoreError`.
public enum SQLFailure: Error, Sendable, Equatable {
  /// A unique constraint failed; the text names the constraint or its columns.
  case uniqueViolation(String)
  /// A foreign key points at nothing.
  case foreignKeyViolation(String)
  /// Anything else, described in one line.
  case other(String)
}
