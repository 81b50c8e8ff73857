import AssetCore
import AssetStore
import Foundation

/// How an asset is stored: its columns, in the order `decode` reads them, and the managed
/// (Kandji) columns the sync writes.
enum AssetRecord {
  /// Every column an `Asset` is made of, qualified by `assets.` so joins can use it.
  static let columns = """
    assets.id, assets.asset_type_id, assets.name, assets.display_id, assets.kandji_device_id,
    assets.serial_number, assets.device_name, assets.platform, assets.model, assets.os_version, assets.asset_tag,
    assets.last_check_in, assets.blueprint, assets.enrollment_state, assets.supervised, assets.udid,
    assets.user_email, assets.user_name, assets.last_enrollment, assets.retired_at, assets.created_by,
    assets.updated_by, assets.created_at, assets.updated_at, assets.retired_reason, assets.connection_id,
    assets.list_attributes, assets.details_attributes
    """

  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>, customValues: [Int64: String] = [:]) throws -> Asset {
    let id = try r.int64()
    let typeID = try r.int64()
    let name = try r.string()
    let displayID = try r.string()
    var kandji = try attributes(&r)
    var asset = Asset(
      id: id, assetTypeID: typeID, name: name, displayID: displayID, kandji: nil, retiredAt: try r.optionalDate(),
      customValues: customValues, createdBy: try r.optionalInt64(), updatedBy: try r.optionalInt64(),
      createdAt: try r.date(), updatedAt: try r.date(), retiredReason: try r.optionalString(),
      connectionID: try r.optionalInt64())
    // Issue 19's documents (NULL: none stored; a manual asset has neither).
    kandji?.listAttributes = KandjiAttributeValues(json: try r.optionalString())
    asset.kandji = kandji
    let details = try r.optionalString()
    if kandji != nil { asset.detailsAttributes = KandjiAttributeValues(json: details) }
    return asset
  }

  /// The 15 managed columns from `kandji_device_id` on; `nil` for a manual asset. (Its list
  /// attributes are read after the asset's other columns, at the end of `columns`.)
  static func attributes<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> ManagedAttributes? {
    let deviceID = try r.optionalString()
    let serial = try r.optionalString()
    let deviceName = try r.optionalString()
    let platform = try r.optionalString().flatMap(Platform.init(rawValue:))
    let model = try r.optionalString()
    let osVersion = try r.optionalString()
    let assetTag = try r.optionalString()
    let lastCheckIn = try r.optionalDate()
    let blueprint = try r.optionalString()
    let state = try r.optionalString().flatMap(EnrollmentState.init(rawValue:)) ?? .enrolled
    let supervised = try r.optionalBool()
    let udid = try r.optionalString()
    let userEmail = try r.optionalString()
    let userName = try r.optionalString()
    let lastEnrollment = try r.optionalDate()
    guard let deviceID, let platform else { return nil }
    return ManagedAttributes(
      deviceID: deviceID, serialNumber: serial, deviceName: deviceName, platform: platform, model: model,
      osVersion: osVersion, assetTag: assetTag, lastCheckIn: lastCheckIn, blueprint: blueprint,
      enrollmentState: state, supervised: supervised, udid: udid, userEmail: userEmail, userName: userName,
      lastEnrollment: lastEnrollment)
  }

  /// The managed columns the sync writes, in `managedValues` order.
  static let managedColumns = [
    "kandji_device_id", "serial_number", "device_name", "platform", "model", "os_version", "asset_tag",
    "last_check_in", "blueprint", "enrollment_state", "supervised", "udid", "user_email", "user_name",
    "last_enrollment", "list_attributes",
  ]

  static func managedValues(_ a: ManagedAttributes) -> [SQLValue] {
    [
      a.deviceID.sqlValue, a.serialNumber?.sqlValue ?? .null, a.deviceName?.sqlValue ?? .null,
      a.platform.rawValue.sqlValue, a.model?.sqlValue ?? .null, a.osVersion?.sqlValue ?? .null,
      a.assetTag?.sqlValue ?? .null, a.lastCheckIn?.sqlValue ?? .null, a.blueprint?.sqlValue ?? .null,
      a.enrollmentState.rawValue.sqlValue, a.supervised?.sqlValue ?? .null, a.udid?.sqlValue ?? .null,
      a.userEmail?.sqlValue ?? .null, a.userName?.sqlValue ?? .null, a.lastEnrollment?.sqlValue ?? .null,
      a.listAttributes.json.sqlValue,
    ]
  }
}
