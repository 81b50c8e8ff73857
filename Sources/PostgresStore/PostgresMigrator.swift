import Foundation
import Logging
import PostgresNIO
import SQLStore

/// Applies pending migrations, each in its own transaction, holding a session advisory lock so
/// that replicas starting at the same moment migrate one after the other.
struct PostgresMigrator {
  let database: PostgresDatabase
  /// Taken with `pg_advisory_lock` while migrating.
  static let lockKey: Int64 = 0x4173_7365_7453_0001

  func migrate() async throws {
    try await database.read { session in
      try await session.fetch("SELECT pg_advisory_lock(\(Self.lockKey))")
      do {
        try await applyPending(session)
        try await session.fetch("SELECT pg_advisory_unlock(\(Self.lockKey))")
      } catch {
        // The lock is per session: release it even when a migration failed, so the pooled
        // connection does not keep it.
        _ = try? await session.fetch("SELECT pg_advisory_unlock(\(Self.lockKey))")
        throw error
      }
    }
  }

  private func applyPending(_ session: PostgresSession) async throws {
    try await session.execute(SQLStatement(stringLiteral: PostgresMigrations.bookkeeping))
    let applied = Set(
      try await session.fetch("SELECT version FROM schema_migrations").map { try $0.string(at: 0) ?? "" })
    for migration in PostgresMigrations.migrations where !applied.contains(migration.version) {
      try await session.execute("BEGIN")
      do {
        try await session.execute(migration.statements.map(SQLStatement.init(stringLiteral:)))
        for statement in migration.optional { try await applyOptional(statement, session) }
        try await session.execute(
          "INSERT INTO schema_migrations (version, applied_at) VALUES (\(migration.version), \(Date()))")
        try await session.execute("COMMIT")
        database.logger.info("Applied migration", metadata: ["version": "\(migration.version)"])
      } catch {
        _ = try? await session.execute("ROLLBACK")
        throw error
      }
    }
  }

  private func applyOptional(_ statement: String, _ session: PostgresSession) async throws {
    try await session.execute("SAVEPOINT optional")
    do {
      try await session.execute(SQLStatement(stringLiteral: statement))
      try await session.execute("RELEASE SAVEPOINT optional")
    } catch {
      try await session.execute(["ROLLBACK TO SAVEPOINT optional", "RELEASE SAVEPOINT optional"])
      database.logger.warning(
        "Skipped an optional migration step; search works without it, more slowly",
        metadata: ["statement": "\(statement)", "error": "\(error)"])
    }
  }
}
