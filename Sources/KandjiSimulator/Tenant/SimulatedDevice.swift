import AssetCore
import Foundation

/// A device of the simulated tenant, with every value the list and details endpoints show.
public struct SimulatedDevice: Sendable, Hashable {
  public var deviceID: String
  public var deviceName: String
  public var platform: Platform
  public var model: String
  public var modelIdentifier: String
  public var serialNumber: String
  public var osVersion: String
  public var buildVersion: String
  public var lastCheckIn: Date?
  public var user: SimulatedUser?
  /// `""` when unset, as Kandji sends it.
  public var assetTag: String
  public var blueprintID: String
  public var blueprintName: String
  public var mdmEnabled: Bool
  public var agentInstalled: Bool
  public var agentVersion: String
  public var isMissing: Bool
  public var isRemoved: Bool
  public var firstEnrollment: Date
  public var lastEnrollment: Date
  /// Only Apple devices other than Apple TV report it; `nil` elsewhere.
  public var supervised: Bool?
  /// `hardware_overview.udid` on Macs, `.uuid` on other Apple devices; `nil` on Android/Windows.
  public var udid: String?
  public var autoEnrolled: Bool
  public var tags: [String]
  /// The list's `lost_mode_status`: `"ENABLED"` on an iPad or iPhone in lost mode, else `""`.
  public var lostModeStatus: String = ""
  /// Details' `hardware_overview.processor_name` (Macs; `""` elsewhere).
  public var processorName: String = ""
  /// Details' memory as Kandji writes it: Mac `hardware_overview.memory` ("8 GB LPDDR4"),
  /// Android `hardware.total_ram` in bare gigabytes ("11.28"); `""` elsewhere.
  public var memory: String = ""
  /// The boot volume's size and free space in gigabytes (sent as "228.27 GB" text, "1.99 TB"
  /// on large disks; Android sends bare gigabytes); 0 when the platform reports no volume.
  public var storageCapacityGB: Double = 0
  public var storageFreeGB: Double = 0
  /// `filevault.filevault_enabled`: a flag on Macs, `null` (`nil`) elsewhere.
  public var fileVaultEnabled: Bool?
  public var fileVaultKeyEscrowed: Bool = false
  public var activationLockDevice: Bool = false
  /// `nil` on Apple TV (`null` in its details).
  public var activationLockUser: Bool? = false
  public var recoveryLockEnabled: Bool = false
  /// `network.mac_address` (Apple) or `hardware.wifi_mac_address` (Android).
  public var macAddress: String = ""
  /// Android's `general.security_patch_level` (`YYYY-MM-DD`); `""` elsewhere.
  public var securityPatchLevel: String = ""
  /// When set, the list shows this device with a wrong-typed `device_id`, so clients must fail
  /// this one device and keep the rest of the page.
  public var isCorrupt: Bool = false

  public init(
    deviceID: String, deviceName: String, platform: Platform, model: String, modelIdentifier: String,
    serialNumber: String, osVersion: String, buildVersion: String, lastCheckIn: Date?, user: SimulatedUser?,
    assetTag: String, blueprintID: String, blueprintName: String, mdmEnabled: Bool, agentInstalled: Bool,
    agentVersion: String, isMissing: Bool, isRemoved: Bool, firstEnrollment: Date, lastEnrollment: Date,
    supervised: Bool?, udid: String?, autoEnrolled: Bool, tags: [String]
  ) {
    self.deviceID = deviceID
    self.deviceName = deviceName
    self.platform = platform
    self.model = model
    self.modelIdentifier = modelIdentifier
    self.serialNumber = serialNumber
    self.osVersion = osVersion
    self.buildVersion = buildVersion
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
    self.supervised = supervised
    self.udid = udid
    self.autoEnrolled = autoEnrolled
    self.tags = tags
  }
}

/// A Kandji user assigned to devices.
public struct SimulatedUser: Sendable, Hashable {
  public var id: String
  public var email: String
  public var name: String
  public var isArchived: Bool
  /// 2022–2023 tenants sent `id` as a JSON integer; such users keep doing so.
  public var legacyIntegerID: Int?

  public init(id: String, email: String, name: String, isArchived: Bool = false, legacyIntegerID: Int? = nil) {
    self.id = id
    self.email = email
    self.name = name
    self.isArchived = isArchived
    self.legacyIntegerID = legacyIntegerID
  }
}
