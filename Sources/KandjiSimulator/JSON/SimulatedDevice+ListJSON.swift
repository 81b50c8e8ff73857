import AssetCore
import KandjiAPI

extension SimulatedDevice {
  /// The device as `GET /api/v1/devices` shows it, in Kandji's key order and with its quirks:
  /// `user` is an object or `""`, `asset_tag` is `""` when unset, enrollment dates use a space
  /// and `+00:00`, `last_check_in` uses `T…Z` or is `""`. Tenants with Android or Windows
  /// management add `api_level`, `security_patch_level` and `full_software_version` to every
  /// device, blank where they do not apply.
  func listJSON(polymorphic: Bool) -> JSONValue {
    if isCorrupt {
      // A record a strict client cannot read: wrong-typed id and user, as a broken proxy or a
      // schema change might produce.
      return .object([
        ("device_id", .int(12_345)), ("device_name", .string(deviceName)),
        ("serial_number", .string(serialNumber)), ("platform", .string(platform.rawValue)), ("user", .int(42)),
      ])
    }
    var members: [(String, JSONValue)] = [
      ("device_id", .string(deviceID)),
      ("device_name", .string(deviceName)),
      ("model", .string(model)),
      ("serial_number", .string(serialNumber)),
      ("platform", .string(platform.rawValue)),
      ("os_version", .string(osVersion)),
      ("supplemental_build_version", .string(buildVersion)),
      ("supplemental_os_version_extra", .string("")),
      ("last_check_in", .string(lastCheckIn.map(KandjiDateParser.isoString) ?? "")),
      ("user", userJSON(emptyAs: .string(""))),
      ("asset_tag", .string(assetTag)),
      ("blueprint_id", .string(blueprintID)),
      ("mdm_enabled", .bool(mdmEnabled)),
      ("agent_installed", .bool(agentInstalled)),
      ("is_missing", .bool(isMissing)),
      ("is_removed", .bool(isRemoved)),
      ("agent_version", .string(agentVersion)),
      ("first_enrollment", .string(KandjiDateParser.spacedString(firstEnrollment))),
      ("last_enrollment", .string(KandjiDateParser.spacedString(lastEnrollment))),
      ("blueprint_name", .string(blueprintName)),
      ("lost_mode_status", .string(lostModeStatus)),
      ("tags", .array(tags.map(JSONValue.string))),
    ]
    if polymorphic {
      let android = platform == .android
      members.append(("api_level", .string(android ? (osVersion == "15" ? "35" : "34") : "")))
      members.append(("security_patch_level", .string(android ? "2024-12-05" : "")))
      members.append(("full_software_version", .string(platform == .windows ? buildVersion : "")))
    }
    return .object(members)
  }

  /// The assigned user object, or `emptyAs` (`""` in the list and Apple details, `null` in
  /// Android details) when nobody is assigned.
  func userJSON(emptyAs empty: JSONValue) -> JSONValue {
    guard let user else { return empty }
    return .object([
      ("email", .string(user.email)),
      ("name", .string(user.name)),
      ("id", user.legacyIntegerID.map(JSONValue.int) ?? .string(user.id)),
      ("is_archived", .bool(user.isArchived)),
    ])
  }
}
