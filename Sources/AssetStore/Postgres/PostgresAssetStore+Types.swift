import AssetCore
import Foundation
import PostgresNIO

extension PostgresAssetStore {
  public func assetTypes() async throws -> [AssetType] {
    try await read { c in
      // Managed types first, in platform order, then the admins' own types (as on SQLite).
      try await c.rows("SELECT * FROM asset_types ORDER BY platform IS NULL, id", logger: logger).map(Self.assetType)
    }
  }

  public func assetType(id: Int64) async throws -> AssetType? {
    try await read { c in
      try await c.row("SELECT * FROM asset_types WHERE id = \(id)", logger: logger).map(Self.assetType)
    }
  }

  public func managedType(for platform: Platform) async throws -> AssetType {
    let type = try await read { c in
      try await c.row("SELECT * FROM asset_types WHERE platform = \(platform.rawValue)", logger: logger)
        .map(Self.assetType)
    }
    guard let type else { throw StoreError.notFound("The \(platform.rawValue) asset type") }
    return type
  }

  public func createAssetType(name: String, description: String) async throws -> AssetType {
    let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw StoreError.invalid(field: "name", message: "This field is required.") }
    do {
      return try await write { c in
        if try await c.exists("SELECT 1 FROM asset_types WHERE lower(name) = lower(\(trimmed))", logger: logger) {
          throw StoreError.duplicateName(trimmed)
        }
        let row = try await c.row(
          "INSERT INTO asset_types (name, description, created_at) VALUES (\(trimmed), \(description), \(Date().epoch)) RETURNING id",
          logger: logger)
        return AssetType(id: try row?["id"] ?? 0, name: trimmed, description: description)
      }
    } catch StoreError.duplicateName {
      // Another replica created it between the check and the insert.
      throw StoreError.duplicateName(trimmed)
    }
  }

  public func fields(assetTypeID: Int64) async throws -> [AssetField] {
    try await read { c in
      try await c.rows(
        "SELECT * FROM asset_fields WHERE asset_type_id = \(assetTypeID) ORDER BY group_name IS NULL, position, id",
        logger: logger
      ).map(Self.field)
    }
  }
}
