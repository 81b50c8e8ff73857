/// One page of `GET /api/v1/devices`: the devices that decoded, and a failure for each one
/// that did not. One bad device never costs the page (R11).
public struct DevicePage: Sendable {
  /// The `offset` this page was requested with.
  public var offset: Int
  /// How many records Kandji sent, decodable or not: what paging advances by.
  public var recordCount: Int
  public var devices: [KandjiDevice]
  public var failures: [DeviceDecodeFailure]
  /// `X-Total-Count` when Kandji sends it (2022–2023 tenants did); a hint, never relied on.
  public var totalCountHint: Int?

  public init(
    offset: Int, recordCount: Int, devices: [KandjiDevice], failures: [DeviceDecodeFailure] = [],
    totalCountHint: Int? = nil
  ) {
    self.offset = offset
    self.recordCount = recordCount
    self.devices = devices
    self.failures = failures
    self.totalCountHint = totalCountHint
  }
}

/// A device record in a list page that could not be decoded, with what could be salvaged.
public struct DeviceDecodeFailure: Sendable, Hashable, Error, CustomStringConvertible {
  /// The record's position in the whole listing (`offset` + index in the page).
  public var position: Int
  /// `device_id`, when it was a readable string.
  public var deviceID: String?
  public var serialNumber: String?
  public var deviceName: String?
  public var platformName: String?
  /// Which field was wrong and how, in words an admin can act on.
  public var reason: String

  public init(
    position: Int, deviceID: String? = nil, serialNumber: String? = nil, deviceName: String? = nil,
    platformName: String? = nil, reason: String
  ) {
    self.position = position
    self.deviceID = deviceID
    self.serialNumber = serialNumber
    self.deviceName = deviceName
    self.platformName = platformName
    self.reason = reason
  }

  public var description: String {
    "device \(deviceID ?? "#\(position)") could not be read: \(reason)"
  }
}
