import AssetCore
import Foundation
import GRDB

extension SQLiteAssetStore {
  public func asset(id: Int64) async throws -> Asset? {
    try await read { db in try Self.fetchAsset(db, id: id) }
  }

  public func asset(kandjiDeviceID: String) async throws -> Asset? {
    try await read { db in
      guard
        let id = try Int64.fetchOne(
          db, sql: "SELECT id FROM assets WHERE kandji_device_id = ?", arguments: [kandjiDeviceID])
      else { return nil }
      return try Self.fetchAsset(db, id: id)
    }
  }

  static func fetchAsset(_ db: Database, id: Int64) throws -> Asset? {
    guard let row = try Row.fetchOne(db, sql: "SELECT \(assetColumns) FROM assets WHERE id = ?", arguments: [id])
    else { return nil }
    var values: [Int64: String] = [:]
    for value in try Row.fetchAll(
      db, sql: "SELECT field_id, value FROM asset_field_values WHERE asset_id = ?", arguments: [id])
    {
      values[value["field_id"]] = value["value"]
    }
    return asset(row, customValues: values)
  }

  public func assets(_ query: AssetQuery) async throws -> Page<Asset> {
    try await read { db in
      var conditions: [String] = []
      var arguments: [(any DatabaseValueConvertible)?] = []
      if let type = query.assetTypeID {
        conditions.append("asset_type_id = ?")
        arguments.append(type)
      }
      if let search = query.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
        let pattern =
          "%"
          + search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
          .replacingOccurrences(of: "_", with: "\\_") + "%"
        conditions.append(
          "(name LIKE ? ESCAPE '\\' OR display_id LIKE ? ESCAPE '\\' OR serial_number LIKE ? ESCAPE '\\')")
        arguments += [pattern, pattern, pattern]
      }
      if let retired = query.retired { conditions.append(retired ? "retired_at IS NOT NULL" : "retired_at IS NULL") }
      if let managed = query.managed {
        conditions.append(managed ? "kandji_device_id IS NOT NULL" : "kandji_device_id IS NULL")
      }
      if let contact = query.contactID {
        conditions.append("id IN (SELECT asset_id FROM asset_contacts WHERE contact_id = ?)")
        arguments.append(contact)
      }
      let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
      let total =
        try Int.fetchOne(
          db, sql: "SELECT COUNT(*) FROM assets \(filter)", arguments: StatementArguments(arguments)) ?? 0
      let rows = try Row.fetchAll(
        db, sql: "SELECT \(Self.assetColumns) FROM assets \(filter) ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?",
        arguments: StatementArguments(arguments + [query.size, query.offset]))
      return Page(items: rows.map { Self.asset($0) }, total: total, page: query.page, size: query.size)
    }
  }

  public func createManualAsset(_ draft: ManualAssetDraft, at now: Date) async throws -> Asset {
    let name = draft.name.trimmingCharacters(in: .whitespacesAndNewlines)
    let displayID = draft.displayID.trimmingCharacters(in: .whitespacesAndNewlines)
    try StoreInput.checkAsset(name: name, displayID: displayID)
    return try await write { db in
      guard try Bool.fetchOne(db, sql: "SELECT 1 FROM asset_types WHERE id = ?", arguments: [draft.assetTypeID]) == true
      else { throw StoreError.invalid(field: "asset_type", message: "Asset type \(draft.assetTypeID) does not exist.") }
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM assets WHERE display_id = ?", arguments: [displayID]) == true {
        throw StoreError.duplicateDisplayID(displayID)
      }
      try db.execute(
        sql: """
          INSERT INTO assets (asset_type_id, name, display_id, created_by, updated_by, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [draft.assetTypeID, name, displayID, draft.createdBy, draft.createdBy, now.epoch, now.epoch])
      let id = db.lastInsertedRowID
      try Self.writeCustomValues(db, assetID: id, typeID: draft.assetTypeID, values: draft.customValues)
      try Self.replaceManualContacts(db, assetID: id, contactIDs: draft.contactIDs, at: now)
      return try Self.fetchAsset(db, id: id)!
    }
  }

  public func updateManualAsset(id: Int64, _ change: ManualAssetChange, at now: Date) async throws -> Asset {
    let name = change.name?.trimmingCharacters(in: .whitespacesAndNewlines)
    let displayID = change.displayID?.trimmingCharacters(in: .whitespacesAndNewlines)
    try StoreInput.checkAsset(name: name, displayID: displayID)
    return try await write { db in
      guard let current = try Self.fetchAsset(db, id: id) else { throw StoreError.notFound("Asset \(id)") }
      if let violation = AssetWriteRules.checkEdit(current) { throw StoreError.readOnly(violation) }
      if let displayID, displayID != current.displayID,
        try Bool.fetchOne(db, sql: "SELECT 1 FROM assets WHERE display_id = ? AND id <> ?", arguments: [displayID, id])
          == true
      {
        throw StoreError.duplicateDisplayID(displayID)
      }
      try db.execute(
        sql: "UPDATE assets SET name = ?, display_id = ?, updated_by = ?, updated_at = ? WHERE id = ?",
        arguments: [name ?? current.name, displayID ?? current.displayID, change.updatedBy, now.epoch, id])
      if let values = change.customValues {
        try Self.writeCustomValues(db, assetID: id, typeID: current.assetTypeID, values: values)
      }
      if let contacts = change.contactIDs {
        try Self.replaceManualContacts(db, assetID: id, contactIDs: contacts, at: now)
      }
      return try Self.fetchAsset(db, id: id)!
    }
  }

  public func deleteManualAsset(id: Int64) async throws {
    try await write { db in
      guard let current = try Self.fetchAsset(db, id: id) else { throw StoreError.notFound("Asset \(id)") }
      if let violation = AssetWriteRules.checkDelete(current) { throw StoreError.readOnly(violation) }
      try db.execute(sql: "DELETE FROM assets WHERE id = ?", arguments: [id])
    }
  }

  /// Sets custom field values; managed fields and fields of other types are refused.
  static func writeCustomValues(_ db: Database, assetID: Int64, typeID: Int64, values: [Int64: String]) throws {
    for (fieldID, value) in values.sorted(by: { $0.key < $1.key }) {
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM asset_fields WHERE id = ?", arguments: [fieldID]),
        (row["asset_type_id"] as Int64) == typeID
      else {
        throw StoreError.invalid(
          field: "custom_fields.\(fieldID)", message: "Unknown field \(fieldID) for this asset type.")
      }
      if let violation = AssetWriteRules.checkValue(of: field(row)) { throw StoreError.readOnly(violation) }
      try db.execute(
        sql:
          "INSERT INTO asset_field_values (asset_id, field_id, value) VALUES (?, ?, ?) ON CONFLICT(asset_id, field_id) DO UPDATE SET value = excluded.value",
        arguments: [assetID, fieldID, value])
    }
  }

  static func replaceManualContacts(_ db: Database, assetID: Int64, contactIDs: [Int64], at now: Date) throws {
    try db.execute(sql: "DELETE FROM asset_contacts WHERE asset_id = ? AND source = 'manual'", arguments: [assetID])
    for contactID in Set(contactIDs) {
      guard try Bool.fetchOne(db, sql: "SELECT 1 FROM contacts WHERE id = ?", arguments: [contactID]) == true else {
        throw StoreError.invalid(field: "contact_ids", message: "Contact \(contactID) does not exist.")
      }
      try db.execute(
        sql: """
          INSERT INTO asset_contacts (asset_id, contact_id, source, created_at) VALUES (?, ?, 'manual', ?)
          ON CONFLICT(asset_id, contact_id) DO UPDATE SET source = 'manual'
          """,
        arguments: [assetID, contactID, now.epoch])
    }
  }
}
