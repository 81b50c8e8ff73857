import AssetCore
import AssetStore
import Foundation

/// The statements each sync decision writes: a pure function of the decision, so a page's
/// writes are decided before any of them runs, and each backend runs the same list.
enum SyncStatements {
  /// What `decision` writes; empty for skips and failures.
  /// `runID`: a created asset belongs to the run's connection unless the decision names one.
  static func statements(for decision: SyncDecision, typeIDs: [Platform: Int64], runID: Int64, at now: Date) throws
    -> [SQLStatement]
  {
    switch decision {
    case .skip, .fail:
      return []
    case .retire(let assetID, let reason):
      return [
        """
        UPDATE assets SET retired_at = \(now), retired_reason = \(reason), updated_at = \(now)
        WHERE id = \(assetID) AND retired_at IS NULL
        """
      ]
    case .create(let new):
      guard let typeID = typeIDs[new.platform] else {
        throw StoreError.notFound("The \(new.platform.rawValue) asset type")
      }
      let columns =
        ["asset_type_id", "name", "display_id"] + AssetRecord.managedColumns + keyColumns + [
          "details_pending", "connection_id", "created_at", "updated_at",
        ]
      let values: [SQLValue] =
        [typeID.sqlValue, new.name.sqlValue, new.displayID.sqlValue] + AssetRecord.managedValues(new.attributes)
        + keys(name: new.name, displayID: new.displayID, attributes: new.attributes) + [true.sqlValue]
      let connection: SQLStatement =
        new.connectionID.map { "\($0)" } ?? "(SELECT connection_id FROM sync_runs WHERE id = \(runID))"
      var statements: [SQLStatement] = [
        """
        INSERT INTO assets (\(raw: columns.joined(separator: ", ")))
        VALUES (\(list: values), \(connection), \(now), \(now))
        """
      ]
      if let contactID = new.contactID {
        // The new row's id is not known yet: link by the device id the row was just given.
        statements.append(
          """
          INSERT INTO asset_contacts (asset_id, contact_id, source, created_at)
          SELECT id, \(contactID), 'kandji', \(now) FROM assets WHERE kandji_device_id = \(new.attributes.deviceID)
          ON CONFLICT (asset_id, contact_id) DO NOTHING
          """)
      }
      return statements
    case .update(let update):
      guard let typeID = typeIDs[update.platform] else {
        throw StoreError.notFound("The \(update.platform.rawValue) asset type")
      }
      let columns = ["asset_type_id", "name", "display_id"] + AssetRecord.managedColumns + keyColumns
      let values: [SQLValue] =
        [typeID.sqlValue, update.name.sqlValue, update.displayID.sqlValue]
        + AssetRecord.managedValues(update.attributes)
        + keys(name: update.name, displayID: update.displayID, attributes: update.attributes)
      let assignments = SQLStatement.joined(
        zip(columns, values).map { column, value -> SQLStatement in "\(raw: column) = \(value)" }, separator: ", ")
      var statements: [SQLStatement] = [
        """
        UPDATE assets SET \(assignments),
          retired_at = CASE WHEN \(update.unretire) THEN NULL ELSE retired_at END,
          retired_reason = CASE WHEN \(update.unretire) THEN NULL ELSE retired_reason END,
          connection_id = COALESCE(\(update.connectionID), connection_id),
          details_pending = CASE WHEN \(update.needsDetails) THEN TRUE ELSE details_pending END,
          updated_at = \(now)
        WHERE id = \(update.assetID)
        """
      ]
      if update.contactChanged {
        statements.append("DELETE FROM asset_contacts WHERE asset_id = \(update.assetID) AND source = 'kandji'")
        if let contactID = update.contactID {
          statements.append(
            """
            INSERT INTO asset_contacts (asset_id, contact_id, source, created_at)
            VALUES (\(update.assetID), \(contactID), 'kandji', \(now)) ON CONFLICT (asset_id, contact_id) DO NOTHING
            """)
        }
      }
      return statements
    }
  }

  static let keyColumns = ["sort_key", "search_key"]

  static func keys(name: String, displayID: String, attributes: ManagedAttributes) -> [SQLValue] {
    [
      SearchKey.fold(name).sqlValue,
      SearchKey.asset(
        name: name, displayID: displayID, serialNumber: attributes.serialNumber, assetTag: attributes.assetTag,
        userEmail: attributes.userEmail, userName: attributes.userName
      ).sqlValue,
    ]
  }

  /// Report rows, 500 to a statement (8 values each: far below both backends' limits).
  static func reportRows(_ rows: [SyncReportRow], runID: Int64, firstPosition: Int) -> [SQLStatement] {
    stride(from: 0, to: rows.count, by: 500).map { start in
      let tuples = (start..<min(start + 500, rows.count)).map { offset -> SQLStatement in
        let row = rows[offset]
        return """
          (\(runID), \(firstPosition + offset), \(row.outcome.rawValue), \(row.kandjiDeviceID), \(row.displayID),
          \(row.name), \(row.platform), \(row.reason))
          """
      }
      return
        "INSERT INTO sync_report_rows (run_id, position, outcome, kandji_device_id, display_id, name, platform, reason) VALUES "
        + SQLStatement.joined(tuples, separator: ", ")
    }
  }

  /// What a batch of details results replaces, read before writing them: per asset its type,
  /// supervised and UDID, whether its details were read before, and its details document.
  static func detailsBefore(_ assetIDs: [Int64]) -> [SQLStatement] {
    stride(from: 0, to: assetIDs.count, by: 500).map { start in
      """
      SELECT id, asset_type_id, supervised, udid, details_fetched_at IS NOT NULL, details_attributes FROM assets
      WHERE id IN (\(list: Array(assetIDs[start..<min(start + 500, assetIDs.count)])))
      """
    }
  }

  /// One asset's values as `detailsBefore` read them.
  struct DetailsBefore {
    var typeID: Int64
    var supervised: Bool?
    var udid: String?
    var fetched: Bool
    /// NULL: no release that keeps them read this asset's details attributes.
    var attributes: String?

    static func read<Row: StoreRow>(_ rows: [Row]) throws -> [Int64: DetailsBefore] {
      var byID: [Int64: DetailsBefore] = [:]
      for row in rows {
        var r = RowReader(row)
        let id = try r.int64()
        byID[id] = DetailsBefore(
          typeID: try r.int64(), supervised: try r.optionalBool(), udid: try r.optionalString(), fetched: try r.bool(),
          attributes: try r.optionalString())
      }
      return byID
    }
  }

  /// History of what a batch of details calls changed, set-based: one INSERT per 500 entries.
  /// Supervised and UDID for assets whose details were read before; each details attribute
  /// (catalogue label, old → new text) for assets whose details document was stored before, so
  /// neither a new device's first details nor an upgraded asset's first document is a change.
  static func detailsHistory(_ updates: [DetailsUpdate], before: [Int64: DetailsBefore], at now: Date)
    -> [SQLStatement]
  {
    var tuples: [SQLStatement] = []
    for update in updates where update.found {
      guard let old = before[update.assetID] else { continue }
      var changes: [(label: SQLStatement, old: String?, new: String?)] = []
      if old.fetched {
        if old.supervised != update.supervised {
          let label = AssetHistoryRows.managedLabel(.supervised, typeID: old.typeID)
          let flag = { (value: Bool?) in value.map { $0 ? "true" : "false" } }
          changes.append((label, flag(old.supervised), flag(update.supervised)))
        }
        if old.udid != update.udid {
          changes.append((AssetHistoryRows.managedLabel(.udid, typeID: old.typeID), old.udid, update.udid))
        }
      }
      if let stored = old.attributes {
        for change in update.attributes.changes(from: KandjiAttributeValues(json: stored)) {
          changes.append(("\(change.label)", change.old, change.new))
        }
      }
      guard !changes.isEmpty else { continue }
      let actor = AssetHistoryRows.Actor.batch(
        runID: update.runID, agentID: update.agentID, assetID: update.assetID, connectionID: nil)
      for change in changes {
        tuples.append(
          """
          (\(update.assetID), \(now), \(AssetHistoryEntry.Kind.fieldChanged.rawValue), \(actor.source), \(change.label),
            \(change.old), \(change.new), NULL, \(actor.agentID), \(actor.runID), \(actor.connection))
          """)
      }
    }
    return stride(from: 0, to: tuples.count, by: 500).map { start in
      "INSERT INTO asset_history (\(raw: AssetHistoryRows.columns)) VALUES "
        + SQLStatement.joined(Array(tuples[start..<min(start + 500, tuples.count)]), separator: ", ")
    }
  }

  /// One UPDATE for a batch of details results (a `VALUES` list joined to the assets; the casts
  /// type its NULLs on PostgreSQL and are no-ops on SQLite), with each asset's details document
  /// (issue 19; an unanswered call keeps the stored one).
  static func details(_ updates: [DetailsUpdate], at now: Date) -> [SQLStatement] {
    stride(from: 0, to: updates.count, by: 500).map { start in
      let tuples = updates[start..<min(start + 500, updates.count)].map { u -> SQLStatement in
        """
        (CAST(\(u.assetID) AS BIGINT), CAST(\(u.found) AS BOOLEAN), CAST(\(u.supervised) AS BOOLEAN),
          CAST(\(u.udid) AS TEXT), CAST(\(u.attributes.json) AS TEXT))
        """
      }
      return """
        WITH u (id, found, supervised, udid, attributes) AS (VALUES \(SQLStatement.joined(tuples, separator: ", ")))
        UPDATE assets SET
          supervised = CASE WHEN u.found THEN u.supervised ELSE assets.supervised END,
          udid = CASE WHEN u.found THEN u.udid ELSE assets.udid END,
          details_attributes = CASE WHEN u.found THEN u.attributes ELSE assets.details_attributes END,
          details_pending = FALSE, details_fetched_at = \(now)
        FROM u WHERE assets.id = u.id
        """
    }
  }
}
