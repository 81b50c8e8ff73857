import Foundation

/// A Kandji list field that can name an asset or give its display ID (R5).
public enum MappingSource: String, Sendable, Hashable, Codable, CaseIterable {
  case deviceName = "device_name"
  case model
  case serialNumber = "serial_number"
  case assetTag = "asset_tag"
  case deviceID = "device_id"
  case platform
  case osVersion = "os_version"
  case blueprint
  case user

  public var label: String {
    switch self {
    case .deviceName: "Device Name"
    case .model: "Model"
    case .serialNumber: "Serial Number"
    case .assetTag: "Asset Tag"
    case .deviceID: "Device ID"
    case .platform: "Platform"
    case .osVersion: "OS Version"
    case .blueprint: "Blueprint"
    case .user: "User"
    }
  }

  /// Serial number and device ID are unique per device; the others may repeat.
  public var isRecommendedForDisplayID: Bool { self == .serialNumber || self == .deviceID }

  /// The non-blank value of this field for `device`, or `nil`.
  public func value(of device: DeviceSnapshot) -> String? {
    let raw: String? =
      switch self {
      case .deviceName: device.deviceName
      case .model: device.model
      case .serialNumber: device.serialNumber
      case .assetTag: device.assetTag
      case .deviceID: device.deviceID
      case .platform: device.platformName
      case .osVersion: device.osVersion
      case .blueprint: device.blueprintName
      case .user: device.userEmail
      }
    guard let trimmed = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
    return trimmed
  }
}

/// Where a synced asset's name and display ID come from (R5).
public struct FieldMapping: Sendable, Hashable, Codable {
  public var nameSource: MappingSource
  public var displayIDSource: MappingSource

  /// Name from the device name, display ID from the serial number: what the demo saves.
  public static let `default` = FieldMapping(nameSource: .deviceName, displayIDSource: .serialNumber)

  public init(nameSource: MappingSource, displayIDSource: MappingSource) {
    self.nameSource = nameSource
    self.displayIDSource = displayIDSource
  }

  /// The asset name: the chosen field, else the device name, else model and serial; at most
  /// `Asset.maxNameLength` characters.
  public func name(of device: DeviceSnapshot) -> (value: String, fallback: MappingSource?) {
    if let value = nameSource.value(of: device) { return (Asset.clippedName(value), nil) }
    for fallback in [MappingSource.deviceName, .model, .serialNumber, .deviceID] where fallback != nameSource {
      if let value = fallback.value(of: device) { return (Asset.clippedName(value), fallback) }
    }
    return (device.deviceID, .deviceID)
  }

  /// The display ID: the chosen field, else the serial number, else the device ID (always set).
  /// A fallback is reported in the sync report's reason.
  public func displayID(of device: DeviceSnapshot) -> (value: String, fallback: MappingSource?) {
    if let value = displayIDSource.value(of: device) { return (value, nil) }
    for fallback in [MappingSource.serialNumber, .deviceID] where fallback != displayIDSource {
      if let value = fallback.value(of: device) { return (value, fallback) }
    }
    return (device.deviceID, .deviceID)
  }
}
