import AssetCore
import AssetStore
import Foundation

/// The queries a page of devices needs and the pure assembly of their rows into a `SyncSnapshot`.
enum SyncSnapshotAssembly {
  /// The synced assets the devices could be (by device id, or by serial for re-enrollments).
  static func assetCondition(deviceIDs: [String], serials: [String]) -> SQLStatement {
    var parts: [SQLStatement] = []
    if !deviceIDs.isEmpty { parts.append("assets.kandji_device_id IN (\(list: deviceIDs))") }
    if !serials.isEmpty {
      parts.append("(assets.serial_number IN (\(list: serials)) AND assets.kandji_device_id IS NOT NULL)")
    }
    return parts.isEmpty ? "1 = 0" : SQLStatement.joined(parts, separator: " OR ")
  }

  /// The five statements, in the order `assemble` reads their rows.
  static func queries(for devices: [DeviceSnapshot], displayIDs: [String]) -> [SQLStatement] {
    let condition = assetCondition(
      deviceIDs: devices.map(\.deviceID), serials: Array(Set(devices.compactMap(\.serialNumber))).sorted())
    let wanted = Array(Set(displayIDs)).sorted()
    let emails = Array(Set(devices.compactMap(\.userEmail).map(Contact.emailKey))).sorted()
    return [
      // Whether the list attributes were ever stored (issue 19): the first document is no change.
      "SELECT \(raw: AssetRecord.columns), assets.list_attributes IS NOT NULL FROM assets WHERE \(condition)",
      """
      SELECT asset_id, contact_id, source FROM asset_contacts
      WHERE asset_id IN (SELECT assets.id FROM assets WHERE \(condition))
      """,
      wanted.isEmpty
        ? "SELECT id, name, display_id, kandji_device_id FROM assets WHERE 1 = 0"
        : "SELECT id, name, display_id, kandji_device_id FROM assets WHERE display_id IN (\(list: wanted))",
      emails.isEmpty
        ? "SELECT id, email_key FROM contacts WHERE 1 = 0"
        : "SELECT id, email_key FROM contacts WHERE email_key IN (\(list: emails))",
      "SELECT id, name FROM kandji_connections",
    ]
  }

  /// The snapshot from the rows of `queries`, in their order.
  static func assemble<Row: StoreRow>(_ results: [[Row]]) throws -> SyncSnapshot {
    var assets: [Int64: SyncedAsset] = [:]
    for row in results[0] {
      var r = RowReader(row)
      let asset = try AssetRecord.decode(&r)
      let listAttributesRead = try r.bool()
      guard let attributes = asset.kandji else { continue }
      assets[asset.id] = SyncedAsset(
        id: asset.id, name: asset.name, displayID: asset.displayID, attributes: attributes,
        isRetired: asset.isRetired, connectionID: asset.connectionID, listAttributesRead: listAttributesRead)
    }
    for link in results[1] {
      let assetID = try link.int64(at: 0) ?? 0
      let contactID = try link.int64(at: 1) ?? 0
      if try link.string(at: 2) == AssociationSource.kandji.rawValue {
        assets[assetID]?.autoContactID = contactID
      } else {
        assets[assetID]?.manualContactIDs.insert(contactID)
      }
    }
    var snapshot = SyncSnapshot()
    for asset in assets.values.sorted(by: { $0.id < $1.id }) {
      snapshot.byDeviceID[asset.attributes.deviceID] = asset
      if let serial = asset.attributes.serialNumber { snapshot.bySerial[serial, default: []].append(asset) }
    }
    for row in results[2] {
      var r = RowReader(row)
      let id = try r.int64()
      let name = try r.string()
      let displayID = try r.string()
      snapshot.displayIDOwners[displayID] = DisplayIDOwner(
        assetID: id, name: name, kandjiDeviceID: try r.optionalString())
    }
    for row in results[3] {
      snapshot.contactIDsByEmail[try row.string(at: 1) ?? ""] = try row.int64(at: 0)
    }
    for row in results[4] {
      snapshot.connectionNames[try row.int64(at: 0) ?? 0] = try row.string(at: 1)
    }
    return snapshot
  }
}
