import AssetCore
import Foundation
import GRDB

extension SQLiteAssetStore {
  public func syncSnapshot(for devices: [DeviceSnapshot], displayIDs: [String]) async throws -> SyncSnapshot {
    try await read { db in
      var snapshot = SyncSnapshot()
      let ids = devices.map(\.deviceID)
      let serials = Array(Set(devices.compactMap(\.serialNumber)))
      var rows: [Row] = []
      if !ids.isEmpty {
        rows += try Row.fetchAll(
          db,
          sql: "SELECT \(Self.assetColumns) FROM assets WHERE kandji_device_id IN (\(Self.placeholders(ids.count)))",
          arguments: StatementArguments(ids))
      }
      if !serials.isEmpty {
        rows += try Row.fetchAll(
          db,
          sql: """
            SELECT \(Self.assetColumns) FROM assets
            WHERE serial_number IN (\(Self.placeholders(serials.count))) AND kandji_device_id IS NOT NULL
            """,
          arguments: StatementArguments(serials))
      }
      var assets: [Int64: SyncedAsset] = [:]
      for row in rows {
        guard let attributes = Self.attributes(row) else { continue }
        let id: Int64 = row["id"]
        assets[id] = SyncedAsset(
          id: id, name: row["name"], displayID: row["display_id"], attributes: attributes,
          isRetired: (row["retired_at"] as Double?) != nil)
      }
      if !assets.isEmpty {
        let assetIDs = Array(assets.keys)
        for link in try Row.fetchAll(
          db,
          sql:
            "SELECT asset_id, contact_id, source FROM asset_contacts WHERE asset_id IN (\(Self.placeholders(assetIDs.count)))",
          arguments: StatementArguments(assetIDs))
        {
          let assetID: Int64 = link["asset_id"]
          let contactID: Int64 = link["contact_id"]
          if (link["source"] as String) == AssociationSource.kandji.rawValue {
            assets[assetID]?.autoContactID = contactID
          } else {
            assets[assetID]?.manualContactIDs.insert(contactID)
          }
        }
      }
      for asset in assets.values {
        snapshot.byDeviceID[asset.attributes.deviceID] = asset
        if let serial = asset.attributes.serialNumber { snapshot.bySerial[serial, default: []].append(asset) }
      }
      let wanted = Array(Set(displayIDs))
      if !wanted.isEmpty {
        for row in try Row.fetchAll(
          db,
          sql:
            "SELECT id, name, display_id, kandji_device_id FROM assets WHERE display_id IN (\(Self.placeholders(wanted.count)))",
          arguments: StatementArguments(wanted))
        {
          snapshot.displayIDOwners[row["display_id"]] = DisplayIDOwner(
            assetID: row["id"], name: row["name"], kandjiDeviceID: row["kandji_device_id"])
        }
      }
      let emails = Array(Set(devices.compactMap(\.userEmail).map(Contact.emailKey)))
      if !emails.isEmpty {
        for row in try Row.fetchAll(
          db, sql: "SELECT id, email_key FROM contacts WHERE email_key IN (\(Self.placeholders(emails.count)))",
          arguments: StatementArguments(emails))
        {
          snapshot.contactIDsByEmail[row["email_key"]] = row["id"]
        }
      }
      return snapshot
    }
  }

  public func applySyncBatch(_ batch: SyncBatch) async throws -> Int {
    try await write { db in
      let typeIDs = try Self.managedTypeIDs(db)
      var rows = batch.rows
      var writes = 0
      for (index, decision) in batch.decisions.enumerated() {
        do {
          try db.inSavepoint {
            writes += try Self.apply(decision, db: db, typeIDs: typeIDs, at: batch.at)
            return .commit
          }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
          // Another writer took the display ID since the snapshot: never overwrite, report it.
          guard index < rows.count else { throw error }
          rows[index].outcome = .failed
          rows[index].reason =
            "display ID \"\(rows[index].displayID ?? "")\" was taken by another asset during the sync; nothing was overwritten"
        }
      }
      let insert = try db.cachedStatement(
        sql: """
          INSERT INTO sync_report_rows (run_id, position, outcome, kandji_device_id, display_id, name, platform, reason)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """)
      for (offset, row) in rows.enumerated() {
        try insert.execute(arguments: [
          batch.runID, batch.firstPosition + offset, row.outcome.rawValue, row.kandjiDeviceID, row.displayID, row.name,
          row.platform, row.reason,
        ])
      }
      return writes
    }
  }

  static func managedTypeIDs(_ db: Database) throws -> [Platform: Int64] {
    var ids: [Platform: Int64] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT id, platform FROM asset_types WHERE platform IS NOT NULL") {
      if let platform = Platform(rawValue: row["platform"]) { ids[platform] = row["id"] }
    }
    return ids
  }

  /// Writes one decision; returns the rows it wrote.
  static func apply(_ decision: SyncDecision, db: Database, typeIDs: [Platform: Int64], at now: Date) throws -> Int {
    switch decision {
    case .skip, .fail:
      return 0
    case .retire(let assetID):
      try db.execute(
        sql: "UPDATE assets SET retired_at = ?, updated_at = ? WHERE id = ? AND retired_at IS NULL",
        arguments: [now.epoch, now.epoch, assetID])
      return db.changesCount
    case .create(let new):
      guard let typeID = typeIDs[new.platform] else {
        throw StoreError.notFound("The \(new.platform.rawValue) asset type")
      }
      let columns =
        ["asset_type_id", "name", "display_id"] + managedColumns + [
          "details_pending", "created_at", "updated_at",
        ]
      let values: [(any DatabaseValueConvertible)?] =
        [typeID, new.name, new.displayID] + managedValues(new.attributes) + [true, now.epoch, now.epoch]
      try db.execute(
        sql: "INSERT INTO assets (\(columns.joined(separator: ", "))) VALUES (\(placeholders(columns.count)))",
        arguments: StatementArguments(values))
      let assetID = db.lastInsertedRowID
      return 1 + (try linkAutoContact(db, assetID: assetID, contactID: new.contactID, replacing: false, at: now))
    case .update(let update):
      guard let typeID = typeIDs[update.platform] else {
        throw StoreError.notFound("The \(update.platform.rawValue) asset type")
      }
      let assignments = (["asset_type_id", "name", "display_id"] + managedColumns).map { "\($0) = ?" }
        .joined(separator: ", ")
      let values: [(any DatabaseValueConvertible)?] =
        [typeID, update.name, update.displayID] + managedValues(update.attributes) + [
          update.unretire, update.needsDetails, now.epoch, update.assetID,
        ]
      try db.execute(
        sql: """
          UPDATE assets SET \(assignments),
            retired_at = CASE WHEN ? THEN NULL ELSE retired_at END,
            details_pending = CASE WHEN ? THEN 1 ELSE details_pending END,
            updated_at = ?
          WHERE id = ?
          """,
        arguments: StatementArguments(values))
      var writes = db.changesCount
      if update.contactChanged {
        writes += try linkAutoContact(
          db, assetID: update.assetID, contactID: update.contactID, replacing: true, at: now)
      }
      return writes
    }
  }

  /// Points the sync's association of an asset at `contactID` (R13), leaving manual links alone.
  static func linkAutoContact(_ db: Database, assetID: Int64, contactID: Int64?, replacing: Bool, at now: Date) throws
    -> Int
  {
    var writes = 0
    if replacing {
      try db.execute(
        sql: "DELETE FROM asset_contacts WHERE asset_id = ? AND source = 'kandji'", arguments: [assetID])
      writes += db.changesCount
    }
    if let contactID {
      try db.execute(
        sql: """
          INSERT INTO asset_contacts (asset_id, contact_id, source, created_at) VALUES (?, ?, 'kandji', ?)
          ON CONFLICT(asset_id, contact_id) DO NOTHING
          """,
        arguments: [assetID, contactID, now.epoch])
      writes += db.changesCount
    }
    return writes
  }

  public func activeSyncedAssets(afterID: Int64, limit: Int) async throws -> [SyncedAssetRef] {
    try await read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT id, kandji_device_id, display_id, name, platform FROM assets
          WHERE kandji_device_id IS NOT NULL AND retired_at IS NULL AND id > ? ORDER BY id LIMIT ?
          """,
        arguments: [afterID, limit]
      ).compactMap(Self.ref)
    }
  }

  public func assetsNeedingDetails(limit: Int) async throws -> [SyncedAssetRef] {
    try await read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT id, kandji_device_id, display_id, name, platform FROM assets
          WHERE details_pending = 1 AND retired_at IS NULL ORDER BY id LIMIT ?
          """,
        arguments: [limit]
      ).compactMap(Self.ref)
    }
  }

  public func countAssetsNeedingDetails() async throws -> Int {
    try await read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM assets WHERE details_pending = 1 AND retired_at IS NULL") ?? 0
    }
  }

  public func markOldestDetailsForRefresh(limit: Int) async throws -> Int {
    guard limit > 0 else { return 0 }
    return try await write { db in
      try db.execute(
        sql: """
          UPDATE assets SET details_pending = 1 WHERE id IN (
            SELECT id FROM assets WHERE kandji_device_id IS NOT NULL AND retired_at IS NULL AND details_pending = 0
            ORDER BY details_fetched_at, id LIMIT ?)
          """,
        arguments: [limit])
      return db.changesCount
    }
  }

  public func applyDetails(_ updates: [DetailsUpdate], at now: Date) async throws -> Int {
    try await write { db in
      var writes = 0
      for update in updates {
        if update.found {
          try db.execute(
            sql: "UPDATE assets SET supervised = ?, udid = ?, details_pending = 0, details_fetched_at = ? WHERE id = ?",
            arguments: [update.supervised, update.udid, now.epoch, update.assetID])
        } else {
          try db.execute(
            sql: "UPDATE assets SET details_pending = 0, details_fetched_at = ? WHERE id = ?",
            arguments: [now.epoch, update.assetID])
        }
        writes += db.changesCount
      }
      return writes
    }
  }

  static func ref(_ row: Row) -> SyncedAssetRef? {
    guard let deviceID: String = row["kandji_device_id"],
      let platform = (row["platform"] as String?).flatMap(Platform.init(rawValue:))
    else { return nil }
    return SyncedAssetRef(
      assetID: row["id"], kandjiDeviceID: deviceID, displayID: row["display_id"], name: row["name"], platform: platform)
  }
}
