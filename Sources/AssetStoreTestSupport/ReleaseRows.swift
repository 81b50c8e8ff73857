import AssetCore
import Foundation
import GRDB

/// A release fixture's Kandji fields and synced values as that release stored them, read from
/// a copy of its SQLite file without running any migration (the PostgreSQL dump holds the same).
public struct ReleaseRows: Sendable {
  /// Per managed type id: its fields as "id name type position", in position order.
  public var fields: [Int64: [String]] = [:]
  /// Per synced asset id: the 13 managed values as `ManagedField.value(in:)` shows them.
  public var assets: [Int64: [String?]] = [:]

  public static func read(_ fixture: ReleaseFixture) throws -> ReleaseRows {
    // The fixture is frozen: read a copy (SQLite may write its WAL even when reading).
    let path = try fixture.copySQLite(to: StoreBackend.scratchFile())
    let database = try DatabaseQueue(path: path)
    defer { try? database.close() }
    return try database.read { db in
      var rows = ReleaseRows()
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT f.asset_type_id, f.id, f.name, f.field_type, f.position FROM asset_fields f
          JOIN asset_types t ON t.id = f.asset_type_id WHERE t.platform IS NOT NULL ORDER BY f.position, f.id
          """)
      {
        let line = "\(row[1] as Int64) \(row[2] as String) \(row[3] as String) \(row[4] as Int)"
        rows.fields[row[0] as Int64, default: []].append(line)
      }
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT id, kandji_device_id, serial_number, device_name, platform, model, os_version, asset_tag,
            last_check_in, blueprint, enrollment_state, supervised, udid, user_email, user_name, last_enrollment
          FROM assets WHERE kandji_device_id IS NOT NULL
          """)
      {
        let attributes = ManagedAttributes(
          deviceID: row[1], serialNumber: row[2], deviceName: row[3], platform: Platform(rawValue: row[4]) ?? .mac,
          model: row[5], osVersion: row[6], assetTag: row[7],
          lastCheckIn: (row[8] as Double?).map(Date.init(timeIntervalSince1970:)), blueprint: row[9],
          enrollmentState: EnrollmentState(rawValue: row[10]) ?? .enrolled, supervised: row[11], udid: row[12],
          userEmail: row[13], userName: row[14])
        rows.assets[row[0] as Int64] = ManagedField.allCases.map { $0.value(in: attributes) }
      }
      return rows
    }
  }
}
