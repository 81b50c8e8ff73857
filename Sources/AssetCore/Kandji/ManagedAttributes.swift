import Foundation

/// The values of a synced asset's Kandji fields (R17), plus the enrollment date AssetSync tracks
/// to know when details must be fetched again.
public struct ManagedAttributes: Sendable, Hashable, Codable {
  public var deviceID: String
  public var serialNumber: String?
  public var deviceName: String?
  public var platform: Platform
  public var model: String?
  public var osVersion: String?
  public var assetTag: String?
  public var lastCheckIn: Date?
  public var blueprint: String?
  public var enrollmentState: EnrollmentState
  /// From details only (`mdm.supervised`); `nil` until fetched, and on tvOS and Android.
  public var supervised: Bool?
  /// From details only (`udid` or `uuid`); `nil` until fetched, and on Android and Windows.
  public var udid: String?
  public var userEmail: String?
  public var userName: String?
  /// Not shown: a change means the device was re-enrolled, so its details are fetched again.
  public var lastEnrollment: Date?
  /// The list's other attributes (tags, lost mode, agent version, …; issue 19), stored whatever
  /// a connection shows, so selecting one later needs no call.
  public var listAttributes = KandjiAttributeValues()

  public init(
    deviceID: String, serialNumber: String? = nil, deviceName: String? = nil, platform: Platform,
    model: String? = nil, osVersion: String? = nil, assetTag: String? = nil, lastCheckIn: Date? = nil,
    blueprint: String? = nil, enrollmentState: EnrollmentState = .enrolled, supervised: Bool? = nil,
    udid: String? = nil, userEmail: String? = nil, userName: String? = nil, lastEnrollment: Date? = nil,
    listAttributes: KandjiAttributeValues = KandjiAttributeValues()
  ) {
    self.listAttributes = listAttributes
    self.deviceID = deviceID
    self.serialNumber = serialNumber
    self.deviceName = deviceName
    self.platform = platform
    self.model = model
    self.osVersion = osVersion
    self.assetTag = assetTag
    self.lastCheckIn = lastCheckIn
    self.blueprint = blueprint
    self.enrollmentState = enrollmentState
    self.supervised = supervised
    self.udid = udid
    self.userEmail = userEmail
    self.userName = userName
    self.lastEnrollment = lastEnrollment
  }

  /// The managed fields whose values differ between `self` and `other`, in display order.
  public func changedFields(comparedTo other: ManagedAttributes) -> [ManagedField] {
    var changed = ManagedField.allCases.filter { $0.value(in: self) != $0.value(in: other) }
    // `user` displays the email; a renamed user with the same email is still a change to store.
    if userName != other.userName, !changed.contains(.user) { changed.append(.user) }
    // Sub-microsecond differences are noise from float round trips, not changes.
    if let index = changed.firstIndex(of: .lastCheckIn), Self.sameInstant(lastCheckIn, other.lastCheckIn) {
      changed.remove(at: index)
    }
    return changed
  }

  /// Whether the enrollment date changed (a re-enrollment: supervision and UDID may differ).
  public func enrollmentChanged(from other: ManagedAttributes) -> Bool {
    !Self.sameInstant(lastEnrollment, other.lastEnrollment)
  }

  static func sameInstant(_ a: Date?, _ b: Date?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let a?, let b?): abs(a.timeIntervalSince1970 - b.timeIntervalSince1970) < 0.000_5
    default: false
    }
  }
}
