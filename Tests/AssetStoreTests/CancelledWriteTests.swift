import Foundation
import SQLStore
import SQLiteStore
import Testing

/// A sync stopped mid-batch (disable, shutdown, a quick refresh giving way) cancels its task in
/// the middle of a write transaction. GRDB refuses every access from a cancelled task, so the
/// transaction's COMMIT or ROLLBACK must not come from that task, or the writer stays inside the
/// transaction and every later write fails ("cannot start a transaction within a transaction").
@Suite("Writes cut short by a cancelled task")
struct CancelledWriteTests {
  func database() throws -> (SQLiteDatabase, String) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cancelled-\(UUID().uuidString).sqlite")
      .path
    return (try SQLiteDatabase(path: path), path)
  }

  func remove(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
  }

  /// A write that inserts 1 into `scratch`, then suspends until the test yields to the returned
  /// continuation, then inserts 2; returned once the body has inserted 1 and is suspended.
  func suspendedWrite(_ database: SQLiteDatabase) async -> (Task<Int, any Error>, AsyncStream<Void>.Continuation) {
    let (entered, enteredSignal) = AsyncStream<Void>.makeStream()
    let (release, releaseSignal) = AsyncStream<Void>.makeStream()
    let task = Task {
      try await database.write { session in
        _ = try await session.execute("INSERT INTO scratch (x) VALUES (1)")
        enteredSignal.yield()
        // A real suspension: the body waits for the test, on another task.
        for await _ in release { break }
        return try await session.execute("INSERT INTO scratch (x) VALUES (2)")
      }
    }
    for await _ in entered { break }
    return (task, releaseSignal)
  }

  @Test("cancelled before its next statement: rolled back, and the next write works")
  func cancelledMidTransaction() async throws {
    let (database, path) = try database()
    defer { remove(path) }
    _ = try await database.write { try await $0.execute("CREATE TABLE scratch (x INTEGER)") }
    let cut = Task {
      try await database.write { session in
        _ = try await session.execute("INSERT INTO scratch (x) VALUES (1)")
        withUnsafeCurrentTask { $0?.cancel() }
        return try await session.execute("INSERT INTO scratch (x) VALUES (2)")
      }
    }
    await #expect(throws: (any Error).self) { try await cut.value }
    _ = try await database.write { try await $0.execute("INSERT INTO scratch (x) VALUES (3)") }
    let rows = try await database.read { try await $0.fetch("SELECT x FROM scratch ORDER BY x") }
    #expect(rows.count == 1, "only the later write's row: the cut transaction was rolled back")
  }

  @Test("cancelled after its last statement: committed, and the next write works")
  func cancelledBeforeCommit() async throws {
    let (database, path) = try database()
    defer { remove(path) }
    _ = try await database.write { try await $0.execute("CREATE TABLE scratch (x INTEGER)") }
    let cut = Task {
      try await database.write { session in
        let inserted = try await session.execute("INSERT INTO scratch (x) VALUES (1)")
        withUnsafeCurrentTask { $0?.cancel() }
        return inserted
      }
    }
    #expect(try await cut.value == 1)
    _ = try await database.write { try await $0.execute("INSERT INTO scratch (x) VALUES (2)") }
    let rows = try await database.read { try await $0.fetch("SELECT x FROM scratch ORDER BY x") }
    #expect(rows.count == 2)
  }

  @Test("a body that suspends keeps its transaction inside one writer access: another write waits for its end")
  func suspendingBodyIsOneAccess() async throws {
    let (database, path) = try database()
    defer { remove(path) }
    _ = try await database.write { try await $0.execute("CREATE TABLE scratch (x INTEGER)") }
    let (first, releaseSignal) = await suspendedWrite(database)
    let second = Task { try await database.write { try await $0.execute("INSERT INTO scratch (x) VALUES (3)") } }
    // Any other access to GRDB's writer waits for the whole transaction: it never finds one open.
    let probe = Task { try await database.writer.writeWithoutTransaction { db in db.isInsideTransaction } }
    // The first transaction is open and suspended: a read sees none of its rows (no other
    // access ever joins it), and the second write has not run.
    #expect(try await database.read { try await $0.fetch("SELECT x FROM scratch") }.isEmpty)
    releaseSignal.yield()
    _ = try await first.value
    _ = try await second.value
    #expect(try await probe.value == false, "the writer was never handed over inside the transaction")
    let rows = try await database.read { session in
      try await session.fetch("SELECT x FROM scratch ORDER BY rowid").map { try $0.int64(at: 0) }
    }
    #expect(rows == [1, 2, 3], "the second write ran after the first committed")
  }

  @Test("cancelled from outside while its body is suspended: rolled back, and the next write works")
  func cancelledWhileSuspended() async throws {
    let (database, path) = try database()
    defer { remove(path) }
    _ = try await database.write { try await $0.execute("CREATE TABLE scratch (x INTEGER)") }
    let (cut, releaseSignal) = await suspendedWrite(database)
    cut.cancel()
    releaseSignal.yield()
    await #expect(throws: (any Error).self) { try await cut.value }
    _ = try await database.write { try await $0.execute("INSERT INTO scratch (x) VALUES (3)") }
    let rows = try await database.read { session in
      try await session.fetch("SELECT x FROM scratch").map { try $0.int64(at: 0) }
    }
    #expect(rows == [3], "only the later write's row: the cut transaction was rolled back")
  }
}
