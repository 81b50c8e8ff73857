import AssetCore
import Foundation
import PostgresNIO

extension PostgresAssetStore {
  /// Writes one decision; returns the rows it wrote (mirrors `SQLiteAssetStore.apply`).
  func apply(_ decision: SyncDecision, _ c: PostgresConnection, typeIDs: [Platform: Int64], at now: Date) async throws
    -> Int
  {
    switch decision {
    case .skip, .fail:
      return 0
    case .retire(let assetID):
      return try await c.exec(
        """
        UPDATE assets SET retired_at = \(now.epoch), updated_at = \(now.epoch)
        WHERE id = \(assetID) AND retired_at IS NULL RETURNING 1
        """, logger: logger)
    case .create(let new):
      guard let typeID = typeIDs[new.platform] else {
        throw StoreError.notFound("The \(new.platform.rawValue) asset type")
      }
      var insert = SQLBuilder()
      let values =
        [insert.bind(typeID), insert.bind(new.name), insert.bind(new.displayID)]
        + Self.bindManaged(new.attributes, into: &insert)
        + ["TRUE", insert.bind(now.epoch), insert.bind(now.epoch)]
      let columns =
        ["asset_type_id", "name", "display_id"] + SQLiteAssetStore.managedColumns + [
          "details_pending", "created_at", "updated_at",
        ]
      insert.append(
        "INSERT INTO assets (\(columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", "))) RETURNING id"
      )
      let assetID: Int64 = try await c.row(insert.query, logger: logger)?["id"] ?? 0
      return 1 + (try await linkAutoContact(c, assetID: assetID, contactID: new.contactID, replacing: false, at: now))
    case .update(let update):
      guard let typeID = typeIDs[update.platform] else {
        throw StoreError.notFound("The \(update.platform.rawValue) asset type")
      }
      var statement = SQLBuilder()
      let values =
        [statement.bind(typeID), statement.bind(update.name), statement.bind(update.displayID)]
        + Self.bindManaged(update.attributes, into: &statement)
      let columns = ["asset_type_id", "name", "display_id"] + SQLiteAssetStore.managedColumns
      let assignments = zip(columns, values).map { "\($0) = \($1)" }.joined(separator: ", ")
      statement.append(
        """
        UPDATE assets SET \(assignments),
          retired_at = CASE WHEN \(statement.bind(update.unretire)) THEN NULL ELSE retired_at END,
          details_pending = CASE WHEN \(statement.bind(update.needsDetails)) THEN TRUE ELSE details_pending END,
          updated_at = \(statement.bind(now.epoch))
        WHERE id = \(statement.bind(update.assetID)) RETURNING 1
        """)
      var writes = try await c.exec(statement.query, logger: logger)
      if update.contactChanged {
        writes += try await linkAutoContact(
          c, assetID: update.assetID, contactID: update.contactID, replacing: true, at: now)
      }
      return writes
    }
  }

  /// Binds the managed columns' values, in `SQLiteAssetStore.managedColumns` order.
  static func bindManaged(_ a: ManagedAttributes, into b: inout SQLBuilder) -> [String] {
    [
      b.bind(a.deviceID), b.bind(a.serialNumber), b.bind(a.deviceName), b.bind(a.platform.rawValue), b.bind(a.model),
      b.bind(a.osVersion), b.bind(a.assetTag), b.bind(a.lastCheckIn?.epoch), b.bind(a.blueprint),
      b.bind(a.enrollmentState.rawValue), b.bind(a.supervised), b.bind(a.udid), b.bind(a.userEmail),
      b.bind(a.userName), b.bind(a.lastEnrollment?.epoch),
    ]
  }

  /// Points the sync's association of an asset at `contactID` (R13), leaving manual links alone.
  func linkAutoContact(_ c: PostgresConnection, assetID: Int64, contactID: Int64?, replacing: Bool, at now: Date)
    async throws -> Int
  {
    var writes = 0
    if replacing {
      writes += try await c.exec(
        "DELETE FROM asset_contacts WHERE asset_id = \(assetID) AND source = 'kandji' RETURNING 1", logger: logger)
    }
    if let contactID {
      writes += try await c.exec(
        """
        INSERT INTO asset_contacts (asset_id, contact_id, source, created_at) VALUES (\(assetID), \(contactID), 'kandji',
          \(now.epoch))
        ON CONFLICT (asset_id, contact_id) DO NOTHING RETURNING 1
        """, logger: logger)
    }
    return writes
  }
}
