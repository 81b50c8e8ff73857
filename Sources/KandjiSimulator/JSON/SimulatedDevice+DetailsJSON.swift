import AssetCore
import Foundation
import KandjiAPI

extension SimulatedDevice {
  /// The device as `GET /api/v1/devices/{id}/details` shows it: the Apple shape (sections
  /// `general`, `mdm`, `kandji_agent`, `hardware_overview`, …, with string booleans, `udid` on
  /// Macs and `uuid` elsewhere, no `supervised`, `lost_mode` or `cellular` on Apple TV) or the
  /// Android shape (`general`, `cellular`, `hardware`, `management`, `security`, `tags`).
  /// Windows has no published example; it is answered in the Android-like shape.
  func detailsJSON() -> JSONValue {
    platform.isApple ? appleDetails() : otherDetails()
  }

  private func appleDetails() -> JSONValue {
    let isMac = platform == .mac
    let isTV = platform == .appleTV
    var mdm: [(String, JSONValue)] = [("mdm_enabled", .pythonBool(mdmEnabled))]
    if let supervised { mdm.append(("supervised", .pythonBool(supervised))) }
    mdm += [
      ("install_date", .string(KandjiDateParser.spacedString(lastEnrollment.addingTimeInterval(-0.2)))),
      ("last_check_in", .string(lastCheckIn.map(KandjiDateParser.spacedString) ?? "")),
      ("mdm_enabled_user", .array([])),
    ]
    var hardware: [(String, JSONValue)] = []
    if isMac {
      hardware = [
        ("model_name", .string(model.components(separatedBy: " (").first ?? model)),
        ("model_identifier", .string(modelIdentifier)), ("processor_name", .string(processorName)),
        ("processor_speed", .string("")), ("number_of_processors", .string("8")),
        ("total_number_of_cores", .string("8")), ("memory", .string(memory)),
        ("udid", udid.map(JSONValue.string) ?? .string("")), ("serial_number", .string(serialNumber)),
      ]
    } else {
      hardware = [
        ("uuid", udid.map(JSONValue.string) ?? .string("")), ("serial_number", .string(serialNumber)),
        ("model_identifier", .string(modelIdentifier)),
      ]
    }
    let checkIn = lastCheckIn.map(KandjiDateParser.isoString) ?? ""
    var sections: [(String, JSONValue)] = [
      ("general", .object(appleGeneral(isMac: isMac))),
      ("mdm", .object(mdm)),
      (
        "activation_lock",
        .object([
          ("bypass_code_failed", .bool(false)),
          ("user_activation_lock_enabled", activationLockUser.map(JSONValue.bool) ?? .null),
          ("device_activation_lock_enabled", .bool(activationLockDevice)),
          ("activation_lock_allowed_while_supervised", isTV ? .null : .bool(false)),
          ("activation_lock_supported", .bool(!isTV)),
        ])
      ),
      (
        "filevault",
        .object([
          ("filevault_enabled", fileVaultEnabled.map(JSONValue.bool) ?? .null),
          ("filevault_recoverykey_type", .string(fileVaultEnabled == true ? "personal" : "")),
          ("filevault_prk_escrowed", .bool(fileVaultKeyEscrowed)), ("filevault_next_rotation", .string("")),
          ("filevault_regen_required", .bool(false)),
        ])
      ),
    ]
    if !isTV { sections.append(("lost_mode", lostModeJSON())) }
    sections += [
      (
        "automated_device_enrollment",
        autoEnrolled ? .object([("auto_enroll_eligible", .bool(true)), ("auto_enrolled", .bool(true))]) : .object([])
      ),
      (
        "kandji_agent",
        .object([
          ("agent_installed", .pythonBool(agentInstalled)),
          ("install_date", .string(agentInstalled ? Self.secondsOnly(lastEnrollment) : "")),
          ("last_check_in", .string(checkIn)), ("agent_version", .string(agentVersion)),
        ])
      ),
      ("hardware_overview", .object(hardware)),
      ("volumes", .array(volumesJSON(isMac: isMac))),
      (
        "network",
        .object([
          ("local_hostname", .string(isMac ? deviceName.filter { $0.isLetter || $0.isNumber } : "")),
          ("mac_address", .string(macAddress)), ("ip_address", .string("")), ("public_ip", .string("")),
        ])
      ),
      (
        "recovery_information",
        .object([
          ("recovery_lock_enabled", .bool(recoveryLockEnabled)), ("firmware_password_exist", .bool(false)),
          ("firmware_password_pending", .bool(false)), ("password_rotation_scheduled", .null),
          ("password_has_been_set", .bool(false)),
        ])
      ),
      ("users", .object([("regular_users", .array([])), ("system_users", .array([]))])),
      ("installed_profiles", .array([])),
      (
        "apple_business_manager",
        autoEnrolled
          ? .object([
            ("model", .string(model)), ("serial_number", .string(serialNumber)),
            ("device_family", .string(platform.rawValue)),
            ("device_assigned_date", .string(Self.secondsOnly(firstEnrollment.addingTimeInterval(-86_400)))),
          ]) : .object([])
      ),
      ("security_information", .object([("remote_desktop_enabled", isMac ? .bool(false) : .null)])),
    ]
    if !isTV {
      sections.append(
        (
          "cellular",
          .object([
            ("voice_roaming", .bool(false)), ("data_roaming", .bool(false)), ("cellular_technology", .int(0)),
            ("subscriptions", .null),
          ])
        ))
    }
    sections.append(("tags", .array(tags.map(JSONValue.string))))
    return .object(sections)
  }

  private func appleGeneral(isMac: Bool) -> [(String, JSONValue)] {
    [
      ("device_id", .string(deviceID)), ("device_name", .string(deviceName)),
      ("last_enrollment", .string(KandjiDateParser.spacedString(lastEnrollment))),
      ("first_enrollment", .string(KandjiDateParser.spacedString(firstEnrollment))),
      ("model", .string(model)), ("platform", .string(platform.rawValue)), ("os_version", .string(osVersion)),
      ("supplemental_build_version", .string(buildVersion)), ("supplemental_os_version_extra", .string("")),
      ("system_version", .string(isMac ? "\(osVersion) (\(buildVersion))" : "")),
      ("boot_volume", .string(isMac ? "Macintosh HD" : "")), ("time_since_boot", .string(isMac ? "3 days ago" : "")),
      ("last_user", .string(isMac ? (user?.email.split(separator: "@").first.map(String.init) ?? "") : "")),
      ("asset_tag", .string(assetTag)), ("assigned_user", userJSON(emptyAs: .string(""))),
      ("blueprint_name", .string(blueprintName)), ("blueprint_uuid", .string(blueprintID)),
    ]
  }

  private func otherDetails() -> JSONValue {
    let android = platform == .android
    var general: [(String, JSONValue)] = [
      ("api_level", .string(android ? (osVersion == "15" ? "35" : "34") : "")), ("asset_tag", .string(assetTag)),
      ("assigned_user", userJSON(emptyAs: .null)), ("blueprint_name", .string(blueprintName)),
      ("blueprint_uuid", .string(blueprintID)), ("device_id", .string(deviceID)),
      ("device_name", .string(deviceName)),
      ("first_enrollment", .string(KandjiDateParser.spacedString(firstEnrollment))),
      ("last_enrollment", .string(KandjiDateParser.spacedString(lastEnrollment))),
      ("manufacturer", .string(android ? (model.hasPrefix("Pixel") ? "Google" : "Samsung") : "Microsoft")),
      ("model_name", .string(model)), ("os_build", .string(buildVersion)), ("os_version", .string(osVersion)),
      ("platform", .string(platform.rawValue)),
    ]
    if android { general.append(("security_patch_level", .string(securityPatchLevel))) }
    general.append(("serial_number", .string(serialNumber)))
    return .object([
      (
        "cellular",
        .object([("imei", .string(android ? "3556241929\(serialNumber.suffix(5))" : "")), ("meid", .string(""))])
      ),
      ("general", .object(general)),
      (
        "hardware",
        .object([
          ("available_capacity", .string(Self.decimalText(storageFreeGB))),
          ("total_capacity", .string(Self.decimalText(storageCapacityGB))), ("total_ram", .string(memory)),
          ("wifi_mac_address", .string(macAddress)),
        ])
      ),
      (
        "management",
        .object([
          ("management_mode", .string(android ? "PROFILE_OWNER" : "MDM")), ("ownership", .string("COMPANY_OWNED")),
        ])
      ),
      (
        "security",
        .object([
          ("android_debug_bridge_enabled", .null), ("device_posture", .string("SECURE")),
          ("has_passcode", .bool(true)), ("is_encrypted", .bool(true)),
        ])
      ),
      ("tags", .array(tags.map(JSONValue.string))),
    ])
  }

  /// The boot volume as Kandji reports it: a Mac lists "Macintosh HD" and its "- Data" sibling
  /// (same sizes; `general.boot_volume` names the first), iPads and iPhones one unnamed volume,
  /// Apple TV none. Sizes are text: "228.27 GB", or "1.99 TB" from 1,000 GB on.
  private func volumesJSON(isMac: Bool) -> [JSONValue] {
    guard storageCapacityGB > 0 else { return [] }
    let used = Int(((storageCapacityGB - storageFreeGB) / storageCapacityGB * 100).rounded())
    func volume(_ name: String, _ identifier: String, encrypted: String) -> JSONValue {
      .object([
        ("name", .string(name)), ("format", .string(isMac ? "APFS" : "")), ("percent_used", .string("\(used)%")),
        ("identifier", .string(identifier)), ("capacity", .string(Self.sizeText(storageCapacityGB))),
        ("available", .string(Self.sizeText(storageFreeGB))), ("encrypted", .string(encrypted)),
      ])
    }
    guard isMac else { return [volume("", "", encrypted: "")] }
    return [
      volume("Macintosh HD", "disk3s3s1", encrypted: "No"),
      volume("Macintosh HD - Data", "disk3s1", encrypted: fileVaultEnabled == true ? "Yes" : "No"),
    ]
  }

  /// `lost_mode`: `{}` unless the device is in lost mode, then the documented iPad example's shape.
  private func lostModeJSON() -> JSONValue {
    guard !lostModeStatus.isEmpty else { return .object([]) }
    let since = KandjiDateParser.isoString(lastCheckIn ?? lastEnrollment)
    return .object([
      ("lost_mode_status", .string(lostModeStatus)), ("enabled_by", .string("IT admin")),
      ("enable_status_at", .string(since)), ("lock_screen_message", .string("This device is lost. Please call IT.")),
      ("lock_screen_phone_number", .string("1234567890")), ("lock_screen_footnote", .string("")),
      ("disable_status", .string("")), ("disabled_by", .string("")), ("disable_status_at", .string("")),
      ("last_location_status", .string("SUCCESS")), ("last_location_status_at", .string(since)),
      (
        "last_location",
        .object([("latitude", .string("37.33467638")), ("longitude", .string("-122.00898009"))])
      ),
      ("last_location_at", .string(since)),
    ])
  }

  /// "228.27 GB", "1.99 TB": how macOS and iOS sizes appear in details.
  static func sizeText(_ gigabytes: Double) -> String {
    gigabytes >= 1_000 ? "\(decimalText(gigabytes / 1_000)) TB" : "\(decimalText(gigabytes)) GB"
  }

  /// Two decimals at most, at least one ("128.0", "228.27"), as Kandji writes sizes.
  static func decimalText(_ number: Double) -> String {
    let hundredths = Int64((number * 100).rounded())
    let whole = hundredths / 100
    let fraction = hundredths % 100
    if fraction == 0 { return "\(whole).0" }
    return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(String(format: "%02d", fraction))"
  }

  /// `2024-06-17 11:32:35+00:00`: the no-fraction form of some details dates.
  static func secondsOnly(_ date: Date) -> String {
    let spaced = KandjiDateParser.spacedString(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    return spaced.replacingOccurrences(of: ".000000", with: "")
  }
}
