import AssetCore
import Foundation

/// One device as `GET /api/v1/devices` (and `GET /api/v1/devices/{id}`) returns it.
///
/// Decoding is tolerant of Kandji's inconsistencies (`user` as object, `""` or `null`; string
/// booleans; every date format; unknown platforms; unknown extra fields) and strict about the one
/// thing a sync cannot live without: a non-empty string `device_id`.
public struct KandjiDevice: Sendable, Hashable, Decodable {
  public var deviceID: String
  public var deviceName: String?
  public var model: String?
  public var serialNumber: String?
  /// Kandji's platform text exactly as sent (`Mac`, `iPad`, …, or something newer).
  public var platformName: String
  public var osVersion: String?
  public var supplementalBuildVersion: String?
  public var lastCheckIn: Date?
  public var user: KandjiUser?
  /// `nil` when Kandji sends `""` or `null` (it never distinguishes the two on reads).
  public var assetTag: String?
  public var blueprintID: String?
  public var blueprintName: String?
  public var mdmEnabled: Bool?
  public var agentInstalled: Bool?
  public var agentVersion: String?
  public var isMissing: Bool?
  public var isRemoved: Bool?
  public var firstEnrollment: Date?
  public var lastEnrollment: Date?
  public var lostModeStatus: String?
  public var tags: [String]

  /// The platform, or `nil` for one AssetSync has no asset type for.
  public var platform: Platform? { Platform(kandjiValue: platformName) }

  /// The catalogue's list attributes beyond the 13 fields (issue 19), typed and keyed by
  /// catalogue key: only those that apply to the device's platform (all, for an unknown
  /// platform), absent values left out (no tags = no `tags` value).
  public var listAttributes: KandjiAttributeValues {
    var values = KandjiAttributeValues()
    values["tags"] = tags.isEmpty ? nil : .tags(tags)
    values["mdm_enabled"] = mdmEnabled.map(KandjiAttributeValue.boolean)
    values["agent_installed"] = agentInstalled.map(KandjiAttributeValue.boolean)
    values["agent_version"] = agentVersion.map(KandjiAttributeValue.text)
    values["is_missing"] = isMissing.map(KandjiAttributeValue.boolean)
    values["lost_mode_status"] = lostModeStatus.map(KandjiAttributeValue.text)
    values["first_enrollment"] = firstEnrollment.map(KandjiAttributeValue.dateTime)
    values["last_enrollment"] = lastEnrollment.map(KandjiAttributeValue.dateTime)
    values["os_build"] = supplementalBuildVersion.map(KandjiAttributeValue.text)
    guard let platform else { return values }
    return KandjiAttributeValues(
      values.values.filter { key, _ in KandjiAttributeCatalogue.attribute(key)?.applies(to: platform) ?? false })
  }

  public init(
    deviceID: String, deviceName: String? = nil, model: String? = nil, serialNumber: String? = nil,
    platformName: String, osVersion: String? = nil, supplementalBuildVersion: String? = nil,
    lastCheckIn: Date? = nil, user: KandjiUser? = nil, assetTag: String? = nil,
    blueprintID: String? = nil, blueprintName: String? = nil, mdmEnabled: Bool? = nil,
    agentInstalled: Bool? = nil, agentVersion: String? = nil, isMissing: Bool? = nil,
    isRemoved: Bool? = nil, firstEnrollment: Date? = nil, lastEnrollment: Date? = nil,
    lostModeStatus: String? = nil, tags: [String] = []
  ) {
    self.deviceID = deviceID
    self.deviceName = deviceName
    self.model = model
    self.serialNumber = serialNumber
    self.platformName = platformName
    self.osVersion = osVersion
    self.supplementalBuildVersion = supplementalBuildVersion
    self.lastCheckIn = lastCheckIn
    self.user = user
    self.assetTag = assetTag
    self.blueprintID = blueprintID
    self.blueprintName = blueprintName
    self.mdmEnabled = mdmEnabled
    self.agentInstalled = agentInstalled
    self.agentVersion = agentVersion
    self.isMissing = isMissing
    self.isRemoved = isRemoved
    self.firstEnrollment = firstEnrollment
    self.lastEnrollment = lastEnrollment
    self.lostModeStatus = lostModeStatus
    self.tags = tags
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: AnyKey.self)
    deviceID = try c.requiredIdentifier(AnyKey("device_id"))
    deviceName = try c.lenientString(AnyKey("device_name"))
    model = try c.nonEmptyString(AnyKey("model"))
    serialNumber = try c.nonEmptyString(AnyKey("serial_number"))
    platformName = try c.lenientString(AnyKey("platform")) ?? ""
    osVersion = try c.nonEmptyString(AnyKey("os_version"))
    // Issue 19's list attributes (`try?`): a malformed one is left out rather than costing the
    // device its sync.
    supplementalBuildVersion = (try? c.nonEmptyString(AnyKey("supplemental_build_version"))) ?? nil
    lastCheckIn = try c.lenientDate(AnyKey("last_check_in"))
    user = try c.objectOrEmpty(KandjiUser.self, AnyKey("user"))
    assetTag = try c.nonEmptyString(AnyKey("asset_tag"))
    blueprintID = try c.nonEmptyString(AnyKey("blueprint_id"))
    blueprintName = try c.nonEmptyString(AnyKey("blueprint_name"))
    mdmEnabled = (try? c.lenientBool(AnyKey("mdm_enabled"))) ?? nil
    agentInstalled = (try? c.lenientBool(AnyKey("agent_installed"))) ?? nil
    agentVersion = (try? c.nonEmptyString(AnyKey("agent_version"))) ?? nil
    isMissing = (try? c.lenientBool(AnyKey("is_missing"))) ?? nil
    isRemoved = try c.lenientBool(AnyKey("is_removed"))
    firstEnrollment = (try? c.lenientDate(AnyKey("first_enrollment"))) ?? nil
    lastEnrollment = (try? c.lenientDate(AnyKey("last_enrollment"))) ?? nil
    lostModeStatus = (try? c.nonEmptyString(AnyKey("lost_mode_status"))) ?? nil
    tags = (try? c.stringList(AnyKey("tags"))) ?? []
  }
}

extension KeyedDecodingContainer where Key == AnyKey {
  /// A key every device must have as a non-empty string; its absence makes the device unusable.
  func requiredIdentifier(_ key: AnyKey) throws -> String {
    guard contains(key) else {
      throw DecodingError.keyNotFound(
        key, .init(codingPath: codingPath, debugDescription: "\(key.stringValue) is missing"))
    }
    guard let text = try? decode(String.self, forKey: key) else {
      throw DecodingError.typeMismatch(
        String.self, .init(codingPath: codingPath + [key], debugDescription: "\(key.stringValue) is not a string"))
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: codingPath + [key], debugDescription: "\(key.stringValue) is empty"))
    }
    return trimmed
  }
}
