import Foundation
import GRDB
import SQLStore

/// SQLite through GRDB: one file in WAL mode, concurrent readers, one writer.
///
/// The shared store runs a transaction's statements from async code, batch by batch, so a write
/// transaction spans several GRDB accesses (`allowsUnsafeTransactions`); `gate` makes sure no
/// other write of this process runs in between, and `BEGIN IMMEDIATE` keeps other processes out.
public final class SQLiteDatabase: SQLDatabase {
  public let writer: any DatabaseWriter
  let gate = AsyncGate()

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
    configuration.allowsUnsafeTransactions = true
    configuration.prepareDatabase { db in
      // Lists walk indexes of 100,000 entries: map the file rather than copy pages per reader.
      try db.execute(sql: "PRAGMA mmap_size = 268435456")
    }
    return configuration
  }

  /// Migrates, then fills the keys of rows written before v5 (`KeyBackfill`).
  private func prepare() throws {
    try SQLiteMigrations.migrator.migrate(writer)
    // Rounds until nothing is missing: tickets come a batch at a time.
    while try writer.write({ db in
      let updates = try KeyBackfill.updates(try SQLiteSession.run(KeyBackfill.missing, db))
      _ = try SQLiteSession.execute(updates, db)
      return !updates.isEmpty
    }) {}
  }

  public func read<T: Sendable>(_ body: (SQLiteSession) async throws -> T) async throws -> T {
    try await body(SQLiteSession(writer: writer, writing: false))
  }

  public func write<T: Sendable>(_ body: (SQLiteSession) async throws -> T) async throws -> T {
    await gate.enter()
    do {
      try await SQLiteSession.mapped {
        try await self.writer.writeWithoutTransaction { db in try db.beginTransaction(.immediate) }
      }
      // The transaction's end runs in a task of its own: GRDB refuses any access from a
      // cancelled task (a sync stopped mid-batch), and a COMMIT or ROLLBACK refused that way
      // would leave the writer inside the transaction for every later write.
      let writer = self.writer
      do {
        let value = try await body(SQLiteSession(writer: writer, writing: true))
        try await Task {
          try await SQLiteSession.mapped { try await writer.writeWithoutTransaction { db in try db.commit() } }
        }.value
        await gate.leave()
        return value
      } catch {
        await Task { try? await writer.writeWithoutTransaction { db in try db.rollback() } }.value
        throw error
      }
    } catch {
      await gate.leave()
      throw error
    }
  }

  public func writeOne(_ statement: SQLStatement) async throws -> Int {
    try await write { session in try await session.execute(statement) }
  }
}

/// A FIFO lock for async code: one write transaction of this process at a time.
actor AsyncGate {
  private var busy = false
  private var waiting: [CheckedContinuation<Void, Never>] = []

  func enter() async {
    guard busy else {
      busy = true
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  func leave() {
    if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
  }
}
