import AssetCore
import Foundation
import PostgresNIO

extension PostgresAssetStore {
  /// Applies pending migrations, each in its own transaction, holding a session advisory lock so
  /// that replicas starting at the same moment migrate one after the other.
  func migrate() async throws {
    try await mapErrors {
      try await client.withConnection { connection in
        try await connection.exec("SELECT pg_advisory_lock(\(PostgresSchema.migrationLockKey))", logger: logger)
        do {
          try await applyPending(connection)
          try await connection.exec("SELECT pg_advisory_unlock(\(PostgresSchema.migrationLockKey))", logger: logger)
        } catch {
          // The lock is per session: release it even when a migration failed, so the pooled
          // connection does not keep it.
          _ = try? await connection.exec(
            "SELECT pg_advisory_unlock(\(PostgresSchema.migrationLockKey))", logger: logger)
          throw error
        }
      }
    }
  }

  private func applyPending(_ connection: PostgresConnection) async throws {
    try await connection.exec(PostgresQuery(unsafeSQL: PostgresSchema.bookkeeping), logger: logger)
    var applied = Set<String>()
    for row in try await connection.rows("SELECT version FROM schema_migrations", logger: logger) {
      applied.insert(try row["version"])
    }
    for migration in PostgresSchema.migrations where !applied.contains(migration.version) {
      try await connection.exec("BEGIN", logger: logger)
      do {
        for statement in migration.statements {
          try await connection.exec(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
        if migration.seedsManagedTypes { try await seedManagedTypes(connection) }
        try await connection.exec(
          "INSERT INTO schema_migrations (version, applied_at) VALUES (\(migration.version), \(Date().epoch))",
          logger: logger)
        try await connection.exec("COMMIT", logger: logger)
        logger.info("Applied migration", metadata: ["version": "\(migration.version)"])
      } catch {
        _ = try? await connection.exec("ROLLBACK", logger: logger)
        throw error
      }
    }
  }

  /// The six managed types (R15) with the "Kandji" group of 13 managed fields each (R17).
  private func seedManagedTypes(_ connection: PostgresConnection) async throws {
    let now = Date().epoch
    for platform in Platform.allCases {
      let description = AssetType.managedDescription(for: platform)
      guard
        let row = try await connection.row(
          """
          INSERT INTO asset_types (name, description, platform, created_at)
          VALUES (\(platform.rawValue), \(description), \(platform.rawValue), \(now)) RETURNING id
          """, logger: logger)
      else { throw StoreError.database("seeding the \(platform.rawValue) type returned no id") }
      let typeID: Int64 = try row["id"]
      for (position, field) in ManagedField.allCases.enumerated() {
        try await connection.exec(
          """
          INSERT INTO asset_fields (asset_type_id, name, field_type, group_name, managed_key, position)
          VALUES (\(typeID), \(field.label), \(field.fieldType.rawValue), \(ManagedField.groupName), \(field.rawValue),
            \(position))
          """, logger: logger)
      }
    }
  }
}
