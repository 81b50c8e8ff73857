import AssetCore
import Foundation
import GRDB

extension SQLiteAssetStore {
  public func assetTypes() async throws -> [AssetType] {
    try await read { db in
      // Managed types first, in platform order, then the admins' own types by name.
      let rows = try Row.fetchAll(db, sql: "SELECT * FROM asset_types ORDER BY platform IS NULL, id")
      return rows.map(Self.assetType)
    }
  }

  public func assetType(id: Int64) async throws -> AssetType? {
    try await read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM asset_types WHERE id = ?", arguments: [id]).map(Self.assetType)
    }
  }

  public func managedType(for platform: Platform) async throws -> AssetType {
    let type = try await read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM asset_types WHERE platform = ?", arguments: [platform.rawValue])
        .map(Self.assetType)
    }
    guard let type else { throw StoreError.notFound("The \(platform.rawValue) asset type") }
    return type
  }

  public func createAssetType(name: String, description: String) async throws -> AssetType {
    let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw StoreError.invalid(field: "name", message: "This field is required.") }
    return try await write { db in
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM asset_types WHERE name = ?", arguments: [trimmed]) == true {
        throw StoreError.duplicateName(trimmed)
      }
      try db.execute(
        sql: "INSERT INTO asset_types (name, description, created_at) VALUES (?, ?, ?)",
        arguments: [trimmed, description, Date().epoch])
      return AssetType(id: db.lastInsertedRowID, name: trimmed, description: description)
    }
  }

  public func fields(assetTypeID: Int64) async throws -> [AssetField] {
    try await read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM asset_fields WHERE asset_type_id = ? ORDER BY group_name IS NULL, position, id",
        arguments: [assetTypeID]
      ).map(Self.field)
    }
  }
}
