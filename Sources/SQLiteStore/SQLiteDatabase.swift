import Foundation
import GRDB
import SQLStore

/// SQLite through GRDB: one file in WAL mode, concurrent readers, one writer.
///
/// A write transaction is one GRDB writer access: `write` runs the shared store's async body to
/// its end inside GRDB's synchronous `write` (`InlineExecutor`), so BEGIN IMMEDIATE, every
/// statement and COMMIT or ROLLBACK happen on the writer's thread without it being handed to
/// anyone in between. No transaction stays open across a suspension, and a cancelled task cannot
/// leave the writer inside one (the stuck-writer bug: a refused COMMIT did).
public final class SQLiteDatabase: SQLDatabase {
  public let writer: any DatabaseWriter

  public var dialect: SQLDialect { .sqlite }

  /// Opens (creating if needed) the file at `path` and applies pending migrations.
  public init(path: String) throws {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let manager = FileManager.default
    if !manager.fileExists(atPath: directory) {
      try manager.createDirectory(
        atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
    // Only the owner may read the database (contacts, password hashes, the sealed token);
    // SQLite gives its -wal and -shm files the database file's mode.
    if !manager.fileExists(atPath: path) {
      _ = manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
    }
    writer = try DatabasePool(path: path, configuration: Self.configuration)
    try prepare()
  }

  /// An in-memory database (tests of code that needs a store but not a file).
  public init(inMemory: Void = ()) throws {
    writer = try DatabaseQueue(configuration: Self.configuration)
    try prepare()
  }

  static var configuration: Configuration {
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    configuration.label = "assetsync"
    configuration.prepareDatabase { db in
      // Lists walk indexes of 100,000 entries: map the file rather than copy pages per reader.
      try db.execute(sql: "PRAGMA mmap_size = 268435456")
    }
    return configuration
  }

  /// Migrates, then fills the keys of rows written before v5 (`KeyBackfill`).
  private func prepare() throws {
    try SQLiteMigrations.migrator.migrate(writer)
    try writer.write { db in
      _ = try SQLiteSession.execute(try KeyBackfill.updates(try SQLiteSession.run(KeyBackfill.missing, db)), db)
    }
    // Tickets a batch at a time, until none is missing.
    while try writer.write({ db in
      let updates = try KeyBackfill.ticketUpdates(try SQLiteSession.run(KeyBackfill.missingTickets, db))
      _ = try SQLiteSession.execute(updates, db)
      return !updates.isEmpty
    }) {}
  }

  public func read<T: Sendable>(_ body: (SQLiteSession) async throws -> T) async throws -> T {
    try await body(SQLiteSession(reading: writer))
  }

  public func write<T: Sendable>(_ body: (SQLiteSession) async throws -> T) async throws -> T {
    // The body's own task is not this one: a cancellation of this task reaches it through the
    // flag, which its session checks before each batch (as GRDB refuses a cancelled task's access).
    let cancelled = CancellationFlag()
    return try await withoutActuallyEscaping(body) { body in
      // Runs on GRDB's writer thread only, and ends before `write` returns.
      let operation = UncheckedBody(body: body)
      return try await SQLiteSession.mapped {
        try await withTaskCancellationHandler {
          try await writer.writeWithoutTransaction { db in
            var value: T?
            try db.inTransaction(.immediate) {
              let session = SQLiteSession(transaction: SQLiteTransaction(db: db, cancelled: cancelled))
              value = try InlineExecutor.run { try await operation.body(session) }
              return .commit
            }
            guard let value else { throw CancellationError() }
            return value
          }
        } onCancel: {
          cancelled.set()
        }
      }
    }
  }

  public func writeOne(_ statement: SQLStatement) async throws -> Int {
    try await write { session in try await session.execute(statement) }
  }
}

/// A write's body, handed to GRDB's writer access (a `@Sendable` closure) and run there alone.
private struct UncheckedBody<T>: @unchecked Sendable {
  let body: (SQLiteSession) async throws -> T
}
