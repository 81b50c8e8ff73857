import AssetCore
import Foundation

/// What AssetSync reads from `GET /api/v1/devices/{id}/details`.
///
/// Apple devices answer in sections (`general`, `mdm`, `kandji_agent`, `hardware_overview`,
/// `automated_device_enrollment`, …); Android answers in another shape (`general`, `hardware`,
/// `management`, …). Both are flattened into the fields a sync needs. Details are the only
/// source of `supervised` and `udid`: the list has neither.
public struct KandjiDeviceDetails: Sendable, Hashable, Decodable {
  public var deviceID: String?
  public var deviceName: String?
  public var platformName: String?
  public var model: String?
  public var modelIdentifier: String?
  public var osVersion: String?
  public var serialNumber: String?
  public var assetTag: String?
  public var assignedUser: KandjiUser?
  public var blueprintID: String?
  public var blueprintName: String?
  public var firstEnrollment: Date?
  public var lastEnrollment: Date?
  public var mdmEnabled: Bool?
  /// `mdm.supervised`; absent on tvOS and Android, so `nil` there.
  public var supervised: Bool?
  public var mdmLastCheckIn: Date?
  public var agentInstalled: Bool?
  public var agentLastCheckIn: Date?
  public var autoEnrolled: Bool?
  /// `hardware_overview.udid` on Macs, `hardware_overview.uuid` on iPad, iPhone and Apple TV.
  public var udid: String?
  /// Android's `management.management_mode` (e.g. `PROFILE_OWNER`).
  public var managementMode: String?
  /// The catalogue's details attributes (issue 19) the payload has, typed, keyed by catalogue
  /// key; only those that apply to the device's platform (all found when `general.platform` is
  /// missing or unknown). A malformed value is left out, never an error.
  public var attributes: KandjiAttributeValues

  public var platform: Platform? { platformName.flatMap(Platform.init(kandjiValue:)) }

  public init(
    deviceID: String? = nil, deviceName: String? = nil, platformName: String? = nil, model: String? = nil,
    modelIdentifier: String? = nil, osVersion: String? = nil, serialNumber: String? = nil,
    assetTag: String? = nil, assignedUser: KandjiUser? = nil, blueprintID: String? = nil,
    blueprintName: String? = nil, firstEnrollment: Date? = nil, lastEnrollment: Date? = nil,
    mdmEnabled: Bool? = nil, supervised: Bool? = nil, mdmLastCheckIn: Date? = nil,
    agentInstalled: Bool? = nil, agentLastCheckIn: Date? = nil, autoEnrolled: Bool? = nil,
    udid: String? = nil, managementMode: String? = nil, attributes: KandjiAttributeValues = KandjiAttributeValues()
  ) {
    self.deviceID = deviceID
    self.deviceName = deviceName
    self.platformName = platformName
    self.model = model
    self.modelIdentifier = modelIdentifier
    self.osVersion = osVersion
    self.serialNumber = serialNumber
    self.assetTag = assetTag
    self.assignedUser = assignedUser
    self.blueprintID = blueprintID
    self.blueprintName = blueprintName
    self.firstEnrollment = firstEnrollment
    self.lastEnrollment = lastEnrollment
    self.mdmEnabled = mdmEnabled
    self.supervised = supervised
    self.mdmLastCheckIn = mdmLastCheckIn
    self.agentInstalled = agentInstalled
    self.agentLastCheckIn = agentLastCheckIn
    self.autoEnrolled = autoEnrolled
    self.udid = udid
    self.managementMode = managementMode
    self.attributes = attributes
  }

  /// `attributes` limited to those `platform` has: for a caller that knows the platform from
  /// the list when the payload does not say.
  public func attributes(for platform: Platform) -> KandjiAttributeValues {
    KandjiAttributeValues(
      attributes.values.filter { key, _ in KandjiAttributeCatalogue.attribute(key)?.applies(to: platform) ?? false })
  }

  public init(from decoder: any Decoder) throws {
    let root = try decoder.container(keyedBy: AnyKey.self)
    let general = try root.section(Section.self, AnyKey("general")) ?? Section()
    let mdm = try root.section(Section.self, AnyKey("mdm")) ?? Section()
    let agent = try root.section(Section.self, AnyKey("kandji_agent")) ?? Section()
    let hardware = try root.section(Section.self, AnyKey("hardware_overview")) ?? Section()
    let enrollment = try root.section(Section.self, AnyKey("automated_device_enrollment")) ?? Section()
    let abm = try root.section(Section.self, AnyKey("apple_business_manager")) ?? Section()
    let management = try root.section(Section.self, AnyKey("management")) ?? Section()

    deviceID = general.strings["device_id"]
    deviceName = general.strings["device_name"]
    platformName = general.strings["platform"]
    model = general.strings["model"] ?? general.strings["model_name"]
    modelIdentifier = hardware.strings["model_identifier"]
    osVersion = general.strings["os_version"]
    serialNumber =
      hardware.strings["serial_number"] ?? general.strings["serial_number"] ?? abm.strings["serial_number"]
    assetTag = general.strings["asset_tag"]
    assignedUser = general.user
    blueprintID = general.strings["blueprint_uuid"] ?? general.strings["blueprint_id"]
    blueprintName = general.strings["blueprint_name"]
    firstEnrollment = try general.date("first_enrollment")
    lastEnrollment = try general.date("last_enrollment")
    mdmEnabled = mdm.bools["mdm_enabled"]
    supervised = mdm.bools["supervised"]
    mdmLastCheckIn = try mdm.date("last_check_in")
    agentInstalled = agent.bools["agent_installed"]
    agentLastCheckIn = try agent.date("last_check_in")
    autoEnrolled = enrollment.bools["auto_enrolled"]
    udid = hardware.strings["udid"] ?? hardware.strings["uuid"]
    managementMode = management.strings["management_mode"]
    attributes = DetailsAttributeReader(root).values(platform: platformName.flatMap(Platform.init(kandjiValue:)))
  }

  /// One section of the details payload, read loosely: its non-empty strings, its booleans in
  /// any of Kandji's spellings, and the assigned user. Sections hold dozens of keys AssetSync
  /// does not use, of every JSON type, so nothing else in them can fail the device.
  private struct Section: Decodable {
    var strings: [String: String] = [:]
    var bools: [String: Bool] = [:]
    var user: KandjiUser?

    init() {}

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: AnyKey.self)
      for key in c.allKeys {
        if key.stringValue == "assigned_user" {
          user = try c.objectOrEmpty(KandjiUser.self, key)
        } else if let flag = try? c.decode(Bool.self, forKey: key) {
          bools[key.stringValue] = flag
        } else if let text = try? c.decode(String.self, forKey: key) {
          let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
          guard !trimmed.isEmpty else { continue }
          strings[key.stringValue] = text
          if let flag = try? c.lenientBool(key) { bools[key.stringValue] = flag }
        } else if let number = try? c.decode(Int64.self, forKey: key) {
          strings[key.stringValue] = String(number)
        }
      }
    }

    func date(_ key: String) throws -> Date? {
      guard let text = strings[key] else { return nil }
      guard let date = KandjiDateParser.parse(text) else {
        throw DecodingError.dataCorrupted(
          .init(codingPath: [AnyKey(key)], debugDescription: "unrecognised date \"\(text)\""))
      }
      return date
    }
  }
}
