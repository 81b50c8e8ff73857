import Foundation

/// What the Kandji device list says about one device, as plain values: the input of
/// `SyncPlan`. (The sync service builds it from the API client's decoded device.)
public struct DeviceSnapshot: Sendable, Hashable {
  public var deviceID: String
  public var deviceName: String?
  public var model: String?
  public var serialNumber: String?
  public var platformName: String
  public var osVersion: String?
  public var assetTag: String?
  public var lastCheckIn: Date?
  public var blueprintName: String?
  public var mdmEnabled: Bool?
  public var agentInstalled: Bool?
  public var isMissing: Bool?
  public var isRemoved: Bool?
  public var lastEnrollment: Date?
  public var userEmail: String?
  public var userName: String?
  /// The list's other attributes (tags, lost mode, agent version, …; issue 19).
  public var listAttributes: KandjiAttributeValues

  public init(
    deviceID: String, deviceName: String? = nil, model: String? = nil, serialNumber: String? = nil,
    platformName: String, osVersion: String? = nil, assetTag: String? = nil, lastCheckIn: Date? = nil,
    blueprintName: String? = nil, mdmEnabled: Bool? = nil, agentInstalled: Bool? = nil, isMissing: Bool? = nil,
    isRemoved: Bool? = nil, lastEnrollment: Date? = nil, userEmail: String? = nil, userName: String? = nil,
    listAttributes: KandjiAttributeValues = KandjiAttributeValues()
  ) {
    self.listAttributes = listAttributes
    self.deviceID = deviceID
    self.deviceName = deviceName
    self.model = model
    self.serialNumber = serialNumber
    self.platformName = platformName
    self.osVersion = osVersion
    self.assetTag = assetTag
    self.lastCheckIn = lastCheckIn
    self.blueprintName = blueprintName
    self.mdmEnabled = mdmEnabled
    self.agentInstalled = agentInstalled
    self.isMissing = isMissing
    self.isRemoved = isRemoved
    self.lastEnrollment = lastEnrollment
    self.userEmail = userEmail
    self.userName = userName
  }

  public var platform: Platform? { Platform(kandjiValue: platformName) }

  /// The managed attributes the list alone determines; `supervised` and `udid` come from
  /// details and are carried over by the caller.
  public func attributes(platform: Platform, supervised: Bool?, udid: String?) -> ManagedAttributes {
    ManagedAttributes(
      deviceID: deviceID, serialNumber: serialNumber, deviceName: deviceName, platform: platform, model: model,
      osVersion: osVersion, assetTag: assetTag, lastCheckIn: lastCheckIn, blueprint: blueprintName,
      enrollmentState: EnrollmentState(
        mdmEnabled: mdmEnabled, agentInstalled: agentInstalled, isMissing: isMissing, isRemoved: isRemoved),
      supervised: supervised, udid: udid, userEmail: userEmail, userName: userName, lastEnrollment: lastEnrollment,
      listAttributes: listAttributes)
  }
}
