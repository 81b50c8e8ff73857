import AssetCore
import AssetStore
import Foundation

/// Admins' manual asset types and fields. The Kandji types and fields refuse every change here,
/// whatever route asked (`AssetWriteRules`).
extension SQLStore {
  static func type(_ s: Database.Session, id: Int64) async throws -> AssetType {
    guard
      let type = try await s.fetch("SELECT \(raw: AssetTypeRecord.columns) FROM asset_types WHERE id = \(id)")
        .decoded(AssetTypeRecord.decode).first
    else { throw StoreError.notFound("Asset type \(id)") }
    return type
  }

  public func createAssetType(_ draft: AssetTypeDraft) async throws -> AssetType {
    let name = try StoreInput.name(draft.name)
    let now = Date()
    return try await write { s in
      // The case-insensitive unique index on the name refuses a second spelling.
      let settings = draft.settings
      let row = try await Duplicate.mapping(Duplicate.name(name)) {
        try await s.fetchOne(
          """
          INSERT INTO asset_types (name, description, created_at, enable_ticket_association,
            enable_contact_association, enable_asset_quantity)
          VALUES (\(name), \(draft.description), \(now), \(settings.ticketAssociation), \(settings.contactAssociation),
            \(settings.assetQuantityForTicket))
          RETURNING id
          """)
      }
      return AssetType(id: try row?.int64(at: 0) ?? 0, name: name, description: draft.description, settings: settings)
    }
  }

  public func updateAssetType(id: Int64, _ change: AssetTypeChange) async throws -> AssetType {
    let name = try change.name.map { try StoreInput.name($0) }
    return try await write { s in
      var type = try await Self.type(s, id: id)
      if let violation = AssetWriteRules.checkRename(type) { throw StoreError.readOnly(violation) }
      type.name = name ?? type.name
      type.description = change.description ?? type.description
      type.settings = change.settings ?? type.settings
      let settings = type.settings
      try await Duplicate.mapping(Duplicate.name(type.name)) {
        try await s.execute(
          """
          UPDATE asset_types SET name = \(type.name), description = \(type.description),
            enable_ticket_association = \(settings.ticketAssociation),
            enable_contact_association = \(settings.contactAssociation),
            enable_asset_quantity = \(settings.assetQuantityForTicket)
          WHERE id = \(id)
          """)
      }
      return type
    }
  }

  public func deleteAssetType(id: Int64) async throws {
    try await write { s in
      let type = try await Self.type(s, id: id)
      if let violation = AssetWriteRules.checkDelete(type) { throw StoreError.readOnly(violation) }
      let count = try await s.fetchOne("SELECT COUNT(*) FROM assets WHERE asset_type_id = \(id)")?.int64(at: 0) ?? 0
      guard count == 0 else {
        throw StoreError.invalid(
          field: "asset_type",
          message: "\(type.name) still has \(count) asset\(count == 1 ? "" : "s"); delete them before the type.")
      }
      try await s.execute(["DELETE FROM asset_types WHERE id = \(id)", ListTotals.bump])
    }
  }
}
