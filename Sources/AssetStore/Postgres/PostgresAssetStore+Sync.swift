import AssetCore
import Foundation
import PostgresNIO

extension PostgresAssetStore {
  public func syncSnapshot(for devices: [DeviceSnapshot], displayIDs: [String]) async throws -> SyncSnapshot {
    let ids = devices.map(\.deviceID)
    let serials = Array(Set(devices.compactMap(\.serialNumber)))
    let wanted = Array(Set(displayIDs))
    let emails = Array(Set(devices.compactMap(\.userEmail).map(Contact.emailKey)))
    return try await read { c in
      var snapshot = SyncSnapshot()
      var rows: [PGRow] = []
      if !ids.isEmpty {
        rows += try await c.rows(
          PostgresQuery(
            unsafeSQL: "SELECT \(Self.assetColumns) FROM assets WHERE kandji_device_id = ANY($1)",
            binds: Self.binds(array: ids)), logger: logger)
      }
      if !serials.isEmpty {
        rows += try await c.rows(
          PostgresQuery(
            unsafeSQL:
              "SELECT \(Self.assetColumns) FROM assets WHERE serial_number = ANY($1) AND kandji_device_id IS NOT NULL",
            binds: Self.binds(array: serials)), logger: logger)
      }
      var assets: [Int64: SyncedAsset] = [:]
      for row in rows {
        guard let attributes = try Self.attributes(row) else { continue }
        let id: Int64 = try row["id"]
        assets[id] = SyncedAsset(
          id: id, name: try row["name"], displayID: try row["display_id"], attributes: attributes,
          isRetired: (try row["retired_at"] as Double?) != nil)
      }
      if !assets.isEmpty {
        let assetIDs = Array(assets.keys)
        for link in try await c.rows(
          "SELECT asset_id, contact_id, source FROM asset_contacts WHERE asset_id = ANY(\(assetIDs))", logger: logger)
        {
          let assetID: Int64 = try link["asset_id"]
          let contactID: Int64 = try link["contact_id"]
          if (try link["source"] as String) == AssociationSource.kandji.rawValue {
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
      if !wanted.isEmpty {
        for row in try await c.rows(
          "SELECT id, name, display_id, kandji_device_id FROM assets WHERE display_id = ANY(\(wanted))", logger: logger)
        {
          snapshot.displayIDOwners[try row["display_id"]] = DisplayIDOwner(
            assetID: try row["id"], name: try row["name"], kandjiDeviceID: try row["kandji_device_id"])
        }
      }
      if !emails.isEmpty {
        for row in try await c.rows(
          "SELECT id, email_key FROM contacts WHERE email_key = ANY(\(emails))", logger: logger)
        {
          snapshot.contactIDsByEmail[try row["email_key"]] = try row["id"]
        }
      }
      return snapshot
    }
  }

  /// One transaction per page. Each writing decision must fail alone when another writer took
  /// its display ID since the snapshot (as on SQLite). That is rare, so the page is first written
  /// without savepoints (a third of the round trips); only when a unique violation aborts it is
  /// it rolled back and written again with a savepoint per decision.
  public func applySyncBatch(_ batch: SyncBatch) async throws -> Int {
    do {
      return try await write { c in try await applyDecisions(batch, c, savepoints: false) }
    } catch is RetryWithSavepoints {
      return try await write { c in try await applyDecisions(batch, c, savepoints: true) }
    }
  }

  private func applyDecisions(_ batch: SyncBatch, _ c: PostgresConnection, savepoints: Bool) async throws -> Int {
    let typeIDs = try await managedTypeIDs(c)
    var rows = batch.rows
    var writes = 0
    for (index, decision) in batch.decisions.enumerated() {
      switch decision {
      case .skip, .fail: continue
      case .create, .update, .retire: break
      }
      guard savepoints else {
        do {
          writes += try await apply(decision, c, typeIDs: typeIDs, at: batch.at)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.uniqueViolation {
          throw RetryWithSavepoints()
        }
        continue
      }
      try await c.exec("SAVEPOINT decision", logger: logger)
      do {
        writes += try await apply(decision, c, typeIDs: typeIDs, at: batch.at)
        try await c.exec("RELEASE SAVEPOINT decision", logger: logger)
      } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.uniqueViolation {
        // Another writer took the display ID since the snapshot: never overwrite, report it.
        guard index < rows.count else { throw error }
        try await c.exec("ROLLBACK TO SAVEPOINT decision", logger: logger)
        rows[index].outcome = .failed
        rows[index].reason =
          "display ID \"\(rows[index].displayID ?? "")\" was taken by another asset during the sync; nothing was overwritten"
      }
    }
    try await insertReportRows(c, runID: batch.runID, firstPosition: batch.firstPosition, rows: rows)
    return writes
  }

  /// Report rows, 500 to a statement (8 parameters each, far below PostgreSQL's 65,535).
  func insertReportRows(_ c: PostgresConnection, runID: Int64, firstPosition: Int, rows: [SyncReportRow]) async throws {
    var start = 0
    while start < rows.count {
      let end = min(start + 500, rows.count)
      var insert = SQLBuilder()
      var tuples: [String] = []
      for offset in start..<end {
        let row = rows[offset]
        let values = [
          insert.bind(runID), insert.bind(Int64(firstPosition + offset)), insert.bind(row.outcome.rawValue),
          insert.bind(row.kandjiDeviceID), insert.bind(row.displayID), insert.bind(row.name),
          insert.bind(row.platform), insert.bind(row.reason),
        ]
        tuples.append("(" + values.joined(separator: ", ") + ")")
      }
      insert.append(
        "INSERT INTO sync_report_rows (run_id, position, outcome, kandji_device_id, display_id, name, platform, reason) VALUES "
          + tuples.joined(separator: ", "))
      try await c.exec(insert.query, logger: logger)
      start = end
    }
  }

  func managedTypeIDs(_ c: PostgresConnection) async throws -> [Platform: Int64] {
    var ids: [Platform: Int64] = [:]
    for row in try await c.rows("SELECT id, platform FROM asset_types WHERE platform IS NOT NULL", logger: logger) {
      if let platform = Platform(rawValue: try row["platform"]) { ids[platform] = try row["id"] }
    }
    return ids
  }

  /// Thrown by a page written without savepoints that hit a unique violation: write it again
  /// with them.
  struct RetryWithSavepoints: Error {}

  static func binds(array: [String]) -> PostgresBindings {
    var binds = PostgresBindings()
    binds.append(array)
    return binds
  }
}
