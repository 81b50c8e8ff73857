/// The 13 read-only fields of the "Kandji" field group (R17), by the key stored with each field.
/// Their labels, types and order are rows the migrations wrote (`asset_fields`); the UI and the
/// API show those rows, so nothing here names a label.
public enum ManagedField: String, Sendable, Hashable, Codable, CaseIterable {
  case deviceID = "device_id"
  case serialNumber = "serial_number"
  case deviceName = "device_name"
  case platform
  case model
  case osVersion = "os_version"
  case assetTag = "asset_tag"
  case lastCheckIn = "last_check_in"
  case blueprint
  case enrollmentState = "enrollment_state"
  case supervised
  case udid
  case user

  /// The value of this field in `attributes`, as text for display and the API
  /// (`last_check_in` in ISO 8601, `supervised` as `true`/`false`, absent as `nil`).
  public func value(in attributes: ManagedAttributes) -> String? {
    switch self {
    case .deviceID: attributes.deviceID
    case .serialNumber: attributes.serialNumber
    case .deviceName: attributes.deviceName
    case .platform: attributes.platform.rawValue
    case .model: attributes.model
    case .osVersion: attributes.osVersion
    case .assetTag: attributes.assetTag
    case .lastCheckIn: attributes.lastCheckIn.map(ISO8601.string)
    case .blueprint: attributes.blueprint
    case .enrollmentState: attributes.enrollmentState.label
    case .supervised: attributes.supervised.map { $0 ? "true" : "false" }
    case .udid: attributes.udid
    case .user: attributes.userEmail
    }
  }

  /// The value typed as its catalogue attribute is (`KandjiAttributeCatalogue.defaults`).
  public func typedValue(in attributes: ManagedAttributes) -> KandjiAttributeValue? {
    switch self {
    case .lastCheckIn: attributes.lastCheckIn.map(KandjiAttributeValue.dateTime)
    case .supervised: attributes.supervised.map(KandjiAttributeValue.boolean)
    default: value(in: attributes).map(KandjiAttributeValue.text)
    }
  }
}
