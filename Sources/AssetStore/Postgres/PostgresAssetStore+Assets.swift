import AssetCore
import Foundation
import PostgresNIO

extension PostgresAssetStore {
  public func asset(id: Int64) async throws -> Asset? {
    try await read { c in try await fetchAsset(c, id: id) }
  }

  public func asset(kandjiDeviceID: String) async throws -> Asset? {
    try await read { c in
      guard
        let row = try await c.row("SELECT id FROM assets WHERE kandji_device_id = \(kandjiDeviceID)", logger: logger)
      else { return nil }
      return try await fetchAsset(c, id: try row["id"])
    }
  }

  func fetchAsset(_ c: PostgresConnection, id: Int64) async throws -> Asset? {
    guard
      let row = try await c.row(
        PostgresQuery(unsafeSQL: "SELECT \(Self.assetColumns) FROM assets WHERE id = $1", binds: binds(id)),
        logger: logger)
    else { return nil }
    var values: [Int64: String] = [:]
    for value in try await c.rows(
      "SELECT field_id, value FROM asset_field_values WHERE asset_id = \(id)", logger: logger)
    {
      values[try value["field_id"]] = try value["value"]
    }
    return try Self.asset(row, customValues: values)
  }

  public func assets(_ query: AssetQuery) async throws -> Page<Asset> {
    var filter = SQLBuilder()
    var conditions: [String] = []
    if let type = query.assetTypeID { conditions.append("asset_type_id = \(filter.bind(type))") }
    if let search = query.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
      let pattern =
        "%"
        + search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
        .replacingOccurrences(of: "_", with: "\\_") + "%"
      let p = filter.bind(pattern)
      // ILIKE: SQLite's LIKE is case-insensitive too.
      conditions.append(
        "(name ILIKE \(p) ESCAPE '\\' OR display_id ILIKE \(p) ESCAPE '\\' OR serial_number ILIKE \(p) ESCAPE '\\')")
    }
    if let retired = query.retired { conditions.append(retired ? "retired_at IS NOT NULL" : "retired_at IS NULL") }
    if let managed = query.managed {
      conditions.append(managed ? "kandji_device_id IS NOT NULL" : "kandji_device_id IS NULL")
    }
    if let contact = query.contactID {
      conditions.append("id IN (SELECT asset_id FROM asset_contacts WHERE contact_id = \(filter.bind(contact)))")
    }
    let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    // lower(name) COLLATE "C": SQLite's NOCASE order, independent of the database's locale.
    let (count, list) = filter.pageQueries(
      columns: Self.assetColumns, table: "assets", where: whereClause, orderBy: "lower(name) COLLATE \"C\", id",
      page: query.page, size: query.size)
    return try await read { c in
      let total: Int64 = try await c.row(count, logger: logger)?["n"] ?? 0
      let rows = try await c.rows(list, logger: logger)
      return Page(items: try rows.map { try Self.asset($0) }, total: Int(total), page: query.page, size: query.size)
    }
  }

  public func createManualAsset(_ draft: ManualAssetDraft, at now: Date) async throws -> Asset {
    let name = draft.name.trimmingCharacters(in: .whitespacesAndNewlines)
    let displayID = draft.displayID.trimmingCharacters(in: .whitespacesAndNewlines)
    try StoreInput.checkAsset(name: name, displayID: displayID)
    return try await withDisplayID(displayID) {
      try await write { c in
        guard try await c.exists("SELECT 1 FROM asset_types WHERE id = \(draft.assetTypeID)", logger: logger) else {
          throw StoreError.invalid(field: "asset_type", message: "Asset type \(draft.assetTypeID) does not exist.")
        }
        if try await c.exists("SELECT 1 FROM assets WHERE display_id = \(displayID)", logger: logger) {
          throw StoreError.duplicateDisplayID(displayID)
        }
        let row = try await c.row(
          """
          INSERT INTO assets (asset_type_id, name, display_id, created_by, updated_by, created_at, updated_at)
          VALUES (\(draft.assetTypeID), \(name), \(displayID), \(draft.createdBy), \(draft.createdBy), \(now.epoch),
            \(now.epoch)) RETURNING id
          """, logger: logger)
        let id: Int64 = try row?["id"] ?? 0
        try await writeCustomValues(c, assetID: id, typeID: draft.assetTypeID, values: draft.customValues)
        try await replaceManualContacts(c, assetID: id, contactIDs: draft.contactIDs, at: now)
        return try await fetchAsset(c, id: id)!
      }
    }
  }

  public func updateManualAsset(id: Int64, _ change: ManualAssetChange, at now: Date) async throws -> Asset {
    let name = change.name?.trimmingCharacters(in: .whitespacesAndNewlines)
    let displayID = change.displayID?.trimmingCharacters(in: .whitespacesAndNewlines)
    try StoreInput.checkAsset(name: name, displayID: displayID)
    return try await withDisplayID(displayID ?? "") {
      try await write { c in
        guard let current = try await fetchAsset(c, id: id) else { throw StoreError.notFound("Asset \(id)") }
        if let violation = AssetWriteRules.checkEdit(current) { throw StoreError.readOnly(violation) }
        if let displayID, displayID != current.displayID,
          try await c.exists("SELECT 1 FROM assets WHERE display_id = \(displayID) AND id <> \(id)", logger: logger)
        {
          throw StoreError.duplicateDisplayID(displayID)
        }
        try await c.exec(
          """
          UPDATE assets SET name = \(name ?? current.name), display_id = \(displayID ?? current.displayID),
            updated_by = \(change.updatedBy), updated_at = \(now.epoch) WHERE id = \(id)
          """, logger: logger)
        if let values = change.customValues {
          try await writeCustomValues(c, assetID: id, typeID: current.assetTypeID, values: values)
        }
        if let contacts = change.contactIDs {
          try await replaceManualContacts(c, assetID: id, contactIDs: contacts, at: now)
        }
        return try await fetchAsset(c, id: id)!
      }
    }
  }

  public func deleteManualAsset(id: Int64) async throws {
    try await write { c in
      guard let current = try await fetchAsset(c, id: id) else { throw StoreError.notFound("Asset \(id)") }
      if let violation = AssetWriteRules.checkDelete(current) { throw StoreError.readOnly(violation) }
      try await c.exec("DELETE FROM assets WHERE id = \(id)", logger: logger)
    }
  }

  /// Names the display ID in a unique violation raised by a concurrent writer (past the check).
  func withDisplayID<T>(_ displayID: String, _ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch StoreError.duplicateDisplayID("") {
      throw StoreError.duplicateDisplayID(displayID)
    }
  }

  /// Sets custom field values; managed fields and fields of other types are refused.
  func writeCustomValues(_ c: PostgresConnection, assetID: Int64, typeID: Int64, values: [Int64: String]) async throws {
    for (fieldID, value) in values.sorted(by: { $0.key < $1.key }) {
      guard let row = try await c.row("SELECT * FROM asset_fields WHERE id = \(fieldID)", logger: logger),
        (try row["asset_type_id"] as Int64) == typeID
      else {
        throw StoreError.invalid(
          field: "custom_fields.\(fieldID)", message: "Unknown field \(fieldID) for this asset type.")
      }
      if let violation = AssetWriteRules.checkValue(of: try Self.field(row)) { throw StoreError.readOnly(violation) }
      try await c.exec(
        """
        INSERT INTO asset_field_values (asset_id, field_id, value) VALUES (\(assetID), \(fieldID), \(value))
        ON CONFLICT (asset_id, field_id) DO UPDATE SET value = EXCLUDED.value
        """, logger: logger)
    }
  }

  func replaceManualContacts(_ c: PostgresConnection, assetID: Int64, contactIDs: [Int64], at now: Date) async throws {
    try await c.exec("DELETE FROM asset_contacts WHERE asset_id = \(assetID) AND source = 'manual'", logger: logger)
    for contactID in Set(contactIDs) {
      guard try await c.exists("SELECT 1 FROM contacts WHERE id = \(contactID)", logger: logger) else {
        throw StoreError.invalid(field: "contact_ids", message: "Contact \(contactID) does not exist.")
      }
      try await c.exec(
        """
        INSERT INTO asset_contacts (asset_id, contact_id, source, created_at) VALUES (\(assetID), \(contactID), 'manual',
          \(now.epoch))
        ON CONFLICT (asset_id, contact_id) DO UPDATE SET source = 'manual'
        """, logger: logger)
    }
  }

  func binds(_ values: Int64...) -> PostgresBindings {
    var binds = PostgresBindings()
    for value in values { binds.append(value) }
    return binds
  }
}
