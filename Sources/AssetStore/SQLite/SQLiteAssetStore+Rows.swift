import AssetCore
import Foundation
import GRDB

/// Row ↔ value mapping shared by the store's queries.
extension SQLiteAssetStore {
  static let assetColumns = """
    id, asset_type_id, name, display_id, kandji_device_id, serial_number, device_name, platform, model,
    os_version, asset_tag, last_check_in, blueprint, enrollment_state, supervised, udid, user_email, user_name,
    last_enrollment, retired_at, created_by, updated_by, created_at, updated_at
    """

  static func attributes(_ row: Row) -> ManagedAttributes? {
    guard let deviceID: String = row["kandji_device_id"],
      let platform = (row["platform"] as String?).flatMap(Platform.init(rawValue:))
    else { return nil }
    return ManagedAttributes(
      deviceID: deviceID, serialNumber: row["serial_number"], deviceName: row["device_name"], platform: platform,
      model: row["model"], osVersion: row["os_version"], assetTag: row["asset_tag"],
      lastCheckIn: Date(epoch: row["last_check_in"]), blueprint: row["blueprint"],
      enrollmentState: (row["enrollment_state"] as String?).flatMap(EnrollmentState.init(rawValue:)) ?? .enrolled,
      supervised: row["supervised"], udid: row["udid"], userEmail: row["user_email"], userName: row["user_name"],
      lastEnrollment: Date(epoch: row["last_enrollment"]))
  }

  static func asset(_ row: Row, customValues: [Int64: String] = [:]) -> Asset {
    Asset(
      id: row["id"], assetTypeID: row["asset_type_id"], name: row["name"], displayID: row["display_id"],
      kandji: attributes(row), retiredAt: Date(epoch: row["retired_at"]), customValues: customValues,
      createdBy: row["created_by"], updatedBy: row["updated_by"],
      createdAt: Date(timeIntervalSince1970: row["created_at"]),
      updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
  }

  static func contact(_ row: Row) -> Contact {
    let phones = (try? JSONDecoder().decode([String].self, from: Data((row["phones"] as String? ?? "[]").utf8))) ?? []
    return Contact(
      id: row["id"], name: row["name"], email: row["email"], phones: phones,
      createdAt: Date(timeIntervalSince1970: row["created_at"]),
      updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
  }

  static func assetType(_ row: Row) -> AssetType {
    AssetType(
      id: row["id"], name: row["name"], description: row["description"],
      platform: (row["platform"] as String?).flatMap(Platform.init(rawValue:)))
  }

  static func field(_ row: Row) -> AssetField {
    let choices =
      (try? JSONDecoder().decode([FieldChoice].self, from: Data((row["choices"] as String? ?? "[]").utf8))) ?? []
    return AssetField(
      id: row["id"], assetTypeID: row["asset_type_id"], name: row["name"],
      type: AssetFieldType(rawValue: row["field_type"]) ?? .text, group: row["group_name"],
      managedField: (row["managed_key"] as String?).flatMap(ManagedField.init(rawValue:)), position: row["position"],
      choices: choices)
  }

  /// The 18 values of the managed columns, in `managedColumns` order.
  static func managedValues(_ a: ManagedAttributes) -> [(any DatabaseValueConvertible)?] {
    [
      a.deviceID, a.serialNumber, a.deviceName, a.platform.rawValue, a.model, a.osVersion, a.assetTag,
      a.lastCheckIn?.epoch, a.blueprint, a.enrollmentState.rawValue, a.supervised, a.udid, a.userEmail, a.userName,
      a.lastEnrollment?.epoch,
    ]
  }

  static let managedColumns = [
    "kandji_device_id", "serial_number", "device_name", "platform", "model", "os_version", "asset_tag",
    "last_check_in", "blueprint", "enrollment_state", "supervised", "udid", "user_email", "user_name",
    "last_enrollment",
  ]
}
