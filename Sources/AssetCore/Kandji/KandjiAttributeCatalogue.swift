/// Every Kandji attribute AssetSync can show (issue 19), in catalogue order: the 13 fields of
/// earlier releases first (still the default selection), then list attributes, then details.
/// Where each value lives in Kandji's responses: `KandjiDevice` and `KandjiDeviceDetails`.
public enum KandjiAttributeCatalogue {
  private static let apple: Set<Platform> = [.mac, .iPad, .iPhone, .appleTV]
  private static let all = Set(Platform.allCases)
  private static let mobile: Set<Platform> = [.iPad, .iPhone]

  /// The catalogue, in order.
  public static let attributes: [KandjiAttribute] = defaults + listExtras + detailsExtras

  /// The 13 fields every earlier release showed, in their order (the default selection). Labels
  /// and types are those migration v1 seeded.
  public static let defaults: [KandjiAttribute] = [
    .init(key: "device_id", label: "Device ID", type: .text, source: .list, platforms: all, managedField: .deviceID),
    .init(
      key: "serial_number", label: "Serial Number", type: .text, source: .list, platforms: all,
      managedField: .serialNumber),
    .init(
      key: "device_name", label: "Device Name", type: .text, source: .list, platforms: all, managedField: .deviceName),
    .init(key: "platform", label: "Platform", type: .text, source: .list, platforms: all, managedField: .platform),
    .init(key: "model", label: "Model", type: .text, source: .list, platforms: all, managedField: .model),
    .init(key: "os_version", label: "OS Version", type: .text, source: .list, platforms: all, managedField: .osVersion),
    .init(key: "asset_tag", label: "Asset Tag", type: .text, source: .list, platforms: all, managedField: .assetTag),
    .init(
      key: "last_check_in", label: "Last Check-in", type: .dateTime, source: .list, platforms: all,
      managedField: .lastCheckIn),
    .init(key: "blueprint", label: "Blueprint", type: .text, source: .list, platforms: all, managedField: .blueprint),
    .init(
      key: "enrollment_state", label: "Enrollment State", type: .text, source: .list, platforms: all,
      managedField: .enrollmentState),
    .init(
      key: "supervised", label: "Supervised", type: .boolean, source: .details(section: "mdm"),
      platforms: [.mac, .iPad, .iPhone], managedField: .supervised),
    .init(
      key: "udid", label: "UDID", type: .text, source: .details(section: "hardware_overview"), platforms: apple,
      managedField: .udid),
    .init(key: "user", label: "User", type: .text, source: .list, platforms: all, managedField: .user),
  ]

  /// Attributes of the device list that earlier releases did not show: free to keep fresh.
  public static let listExtras: [KandjiAttribute] = [
    .init(key: "tags", label: "Tags", type: .tags, source: .list, platforms: all),
    .init(key: "mdm_enabled", label: "MDM Enabled", type: .boolean, source: .list, platforms: all),
    .init(key: "agent_installed", label: "Agent Installed", type: .boolean, source: .list, platforms: [.mac]),
    .init(key: "agent_version", label: "Agent Version", type: .text, source: .list, platforms: [.mac]),
    .init(key: "is_missing", label: "Missing", type: .boolean, source: .list, platforms: all),
    .init(key: "lost_mode_status", label: "Lost Mode Status", type: .text, source: .list, platforms: mobile),
    .init(key: "first_enrollment", label: "First Enrollment", type: .dateTime, source: .list, platforms: all),
    .init(key: "last_enrollment", label: "Last Enrollment", type: .dateTime, source: .list, platforms: all),
    .init(key: "os_build", label: "OS Build", type: .text, source: .list, platforms: apple),
  ]

  /// Attributes only the details call has: each costs one call per device to read.
  public static let detailsExtras: [KandjiAttribute] = [
    .init(
      key: "model_identifier", label: "Model Identifier", type: .text,
      source: .details(section: "hardware_overview"), platforms: apple),
    .init(
      key: "processor", label: "Processor", type: .text, source: .details(section: "hardware_overview"),
      platforms: [.mac]),
    .init(
      key: "memory", label: "Memory", type: .text, source: .details(section: "hardware_overview"),
      platforms: [.mac, .android]),
    .init(
      key: "storage_capacity", label: "Storage Capacity (GB)", type: .number, source: .details(section: "volumes"),
      platforms: [.mac, .iPad, .iPhone, .android]),
    .init(
      key: "storage_free", label: "Storage Free (GB)", type: .number, source: .details(section: "volumes"),
      platforms: [.mac, .iPad, .iPhone, .android]),
    .init(
      key: "filevault_enabled", label: "FileVault", type: .boolean, source: .details(section: "filevault"),
      platforms: [.mac]),
    .init(
      key: "filevault_key_escrowed", label: "FileVault Recovery Key Escrowed", type: .boolean,
      source: .details(section: "filevault"), platforms: [.mac]),
    .init(
      key: "activation_lock_device", label: "Activation Lock (Device)", type: .boolean,
      source: .details(section: "activation_lock"), platforms: [.mac, .iPad, .iPhone]),
    .init(
      key: "activation_lock_user", label: "Activation Lock (User)", type: .boolean,
      source: .details(section: "activation_lock"), platforms: [.mac, .iPad, .iPhone]),
    .init(
      key: "recovery_lock", label: "Recovery Lock", type: .boolean,
      source: .details(section: "recovery_information"), platforms: [.mac]),
    .init(
      key: "auto_enrolled", label: "Automated Device Enrollment", type: .boolean,
      source: .details(section: "automated_device_enrollment"), platforms: apple),
    .init(
      key: "mac_address", label: "MAC Address", type: .text, source: .details(section: "network"),
      platforms: [.mac, .android]),
    .init(key: "last_user", label: "Last User", type: .text, source: .details(section: "general"), platforms: [.mac]),
    .init(
      key: "security_patch_level", label: "Security Patch Level", type: .date, source: .details(section: "general"),
      platforms: [.android]),
  ]

  private static let byKey = Dictionary(uniqueKeysWithValues: attributes.map { ($0.key, $0) })

  /// The attribute with `key`, or `nil` for an unknown key.
  public static func attribute(_ key: String) -> KandjiAttribute? { byKey[key] }

  /// The keys earlier releases showed, in order: a connection's selection until it chooses.
  public static let defaultKeys: [String] = defaults.map(\.key)
}
