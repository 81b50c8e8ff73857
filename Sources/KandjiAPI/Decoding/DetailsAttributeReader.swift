import AssetCore
import Foundation

/// Reads the details-only catalogue attributes (issue 19) from a details payload's sections.
///
/// Apple devices answer in Apple's sections (`hardware_overview`, `volumes`, `filevault`, …),
/// Android in its own (`general`, `hardware`, `security`); the reader takes the shape the
/// payload has. Every value is optional: `null`, `""` and values of an unexpected shape are left
/// out, never an error.
struct DetailsAttributeReader {
  var sections: [String: LooseJSON]

  /// The sections of the payload; one that is not valid JSON of any shape is skipped.
  init(_ root: KeyedDecodingContainer<AnyKey>) {
    var sections: [String: LooseJSON] = [:]
    for key in root.allKeys {
      if let value = try? root.decode(LooseJSON.self, forKey: key) { sections[key.stringValue] = value }
    }
    self.sections = sections
  }

  /// The values found, keyed by catalogue key, for a payload of `platform` (`nil`: guessed
  /// from the sections present, and not filtered).
  func values(platform: Platform?) -> KandjiAttributeValues {
    let isAndroidShape: Bool
    if let platform {
      isAndroidShape = !platform.isApple
    } else {
      isAndroidShape = sections["hardware_overview"] == nil && sections["hardware"] != nil
    }
    var values = isAndroidShape ? android() : apple()
    if let platform {
      values.values = values.values.filter { key, _ in
        KandjiAttributeCatalogue.attribute(key)?.applies(to: platform) ?? false
      }
    }
    return values
  }

  private func section(_ name: String) -> LooseJSON { sections[name] ?? .null }

  private func apple() -> KandjiAttributeValues {
    var values = KandjiAttributeValues()
    let general = section("general")
    let hardware = section("hardware_overview")
    values["model_identifier"] = hardware["model_identifier"]?.text.map(KandjiAttributeValue.text)
    values["processor"] = hardware["processor_name"]?.text.map(KandjiAttributeValue.text)
    values["memory"] = hardware["memory"]?.text.map(KandjiAttributeValue.text)
    if let volume = bootVolume(named: general["boot_volume"]?.text) {
      values["storage_capacity"] = volume["capacity"]?.gigabytes.map(KandjiAttributeValue.number)
      values["storage_free"] = volume["available"]?.gigabytes.map(KandjiAttributeValue.number)
    }
    let filevault = section("filevault")
    values["filevault_enabled"] = filevault["filevault_enabled"]?.flag.map(KandjiAttributeValue.boolean)
    values["filevault_key_escrowed"] = filevault["filevault_prk_escrowed"]?.flag.map(KandjiAttributeValue.boolean)
    let activationLock = section("activation_lock")
    values["activation_lock_device"] =
      activationLock["device_activation_lock_enabled"]?.flag.map(KandjiAttributeValue.boolean)
    values["activation_lock_user"] =
      activationLock["user_activation_lock_enabled"]?.flag.map(KandjiAttributeValue.boolean)
    values["recovery_lock"] =
      section("recovery_information")["recovery_lock_enabled"]?.flag.map(KandjiAttributeValue.boolean)
    values["auto_enrolled"] =
      section("automated_device_enrollment")["auto_enrolled"]?.flag.map(KandjiAttributeValue.boolean)
    values["mac_address"] = section("network")["mac_address"]?.text.map(KandjiAttributeValue.text)
    values["last_user"] = general["last_user"]?.text.map(KandjiAttributeValue.text)
    return values
  }

  /// The volume named by `general.boot_volume` (a Mac lists "Macintosh HD" and its "- Data"
  /// sibling); otherwise the first volume, the only one iPads and iPhones report.
  private func bootVolume(named name: String?) -> LooseJSON? {
    let volumes = section("volumes").elements.filter { if case .object = $0 { true } else { false } }
    if let name, let named = volumes.first(where: { $0["name"]?.text == name }) { return named }
    return volumes.first
  }

  private func android() -> KandjiAttributeValues {
    var values = KandjiAttributeValues()
    let general = section("general")
    let hardware = section("hardware")
    values["memory"] = Self.memoryText(hardware["total_ram"]).map(KandjiAttributeValue.text)
    values["storage_capacity"] = hardware["total_capacity"]?.gigabytes.map(KandjiAttributeValue.number)
    values["storage_free"] = hardware["available_capacity"]?.gigabytes.map(KandjiAttributeValue.number)
    values["mac_address"] = hardware["wifi_mac_address"]?.text.map(KandjiAttributeValue.text)
    values["security_patch_level"] = general["security_patch_level"]?.text.flatMap(Self.day).map(
      KandjiAttributeValue.date)
    // Kept only if the catalogue gives Android an OS build (it reads it from the list today).
    values["os_build"] = general["os_build"]?.text.map(KandjiAttributeValue.text)
    return values
  }

  /// Android's `total_ram` as memory text: bare gigabytes ("11.28") get Apple's unit
  /// ("11.28 GB"), a size with a unit stays as sent; anything that is not a size is left out.
  static func memoryText(_ value: LooseJSON?) -> String? {
    guard let value, let text = value.text, value.gigabytes != nil else { return nil }
    return Double(text) != nil ? text + " GB" : text
  }

  /// A calendar day `YYYY-MM-DD`, also taken from the front of a timestamp; else `nil`.
  static func day(_ text: String) -> String? {
    let prefix = String(text.prefix(10))
    let parts = prefix.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      year > 1900, (1...12).contains(month), (1...31).contains(day),
      text.count == 10 || text.dropFirst(10).first.map({ $0 == "T" || $0 == " " }) == true
    else { return nil }
    return prefix
  }
}
