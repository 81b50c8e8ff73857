import AssetCore
import Foundation
import Testing

@testable import KandjiAPI

/// Issue 19: the catalogue's extra attributes, typed, from Kandji's documented and recorded
/// responses (`Fixtures/`) and from payloads with every quirk Kandji is known for.
@Suite("Kandji attributes decode typed, per platform")
struct AttributeDecodingTests {
  private func details(_ name: String) throws -> KandjiDeviceDetails {
    try JSONDecoder().decode(KandjiDeviceDetails.self, from: Data(try Fixtures.bytes(name)))
  }

  private func details(json: String) throws -> KandjiDeviceDetails {
    try JSONDecoder().decode(KandjiDeviceDetails.self, from: Data(json.utf8))
  }

  private func listed(_ name: String) throws -> [KandjiDevice] {
    let page = try DevicePageDecoder.decode(try Fixtures.bytes(name), offset: 0)
    #expect(page.failures.isEmpty)
    return page.devices
  }

  private func date(_ text: String) -> KandjiAttributeValue? {
    KandjiDateParser.parse(text).map(KandjiAttributeValue.dateTime)
  }

  // MARK: Details

  @Test func macDetails() throws {
    let mac = try details("device_details_mac.postman_doc.ellipsis-removed.json")
    #expect(
      mac.attributes
        == KandjiAttributeValues([
          "model_identifier": .text("MacBookAir10,1"), "processor": .text("Apple M1"), "memory": .text("8 GB LPDDR4"),
          "storage_capacity": .number(228.27), "storage_free": .number(182.66), "filevault_enabled": .boolean(false),
          "filevault_key_escrowed": .boolean(false), "activation_lock_device": .boolean(false),
          "activation_lock_user": .boolean(false), "recovery_lock": .boolean(true),
          "mac_address": .text("fc:e2:6c:27:1b:e4"), "last_user": .text("root"),
        ]))
    // `automated_device_enrollment` is `{}`: no auto-enrolled value rather than a guess.
    #expect(mac.attributes["auto_enrolled"] == nil)
  }

  @Test func recordedMacWithFileVaultOn() throws {
    let mac = try details("device_details_mac.recorded_2023-03-10.jupiterone.json")
    #expect(mac.attributes["filevault_enabled"] == .boolean(true))
    #expect(mac.attributes["filevault_key_escrowed"] == .boolean(false))
    #expect(mac.attributes["processor"] == .text("1 GHz 4-Core Intel Core i5"))
    #expect(mac.attributes["memory"] == .text("8 GB 3733MHz LPDDR4X"))
    #expect(mac.attributes["storage_capacity"] == .number(233.47))
    #expect(mac.attributes["storage_free"] == .number(210.93))
    #expect(mac.attributes["recovery_lock"] == .boolean(false))
    #expect(mac.attributes["last_user"] == .text("rickmorty"))
    #expect(mac.attributes.values.count == 12)
  }

  @Test(
    "iPads give only the attributes iPads have",
    arguments: [
      ("device_details_ipad.postman_doc.json", 113.26), ("device_details_ipad_lost_mode.postman_doc.json", 117.35),
    ])
  func iPadDetails(name: String, free: Double) throws {
    let iPad = try details(name)
    #expect(
      iPad.attributes
        == KandjiAttributeValues([
          "model_identifier": .text("iPad11,6"), "storage_capacity": .number(128), "storage_free": .number(free),
          "activation_lock_device": .boolean(false), "activation_lock_user": .boolean(false),
          "auto_enrolled": .boolean(true),
        ]))
    // FileVault is `null` and the MAC address is not an iPad attribute.
    #expect(iPad.attributes["filevault_enabled"] == nil)
    #expect(iPad.attributes["mac_address"] == nil)
  }

  @Test func appleTVHasOnlyItsModelIdentifier() throws {
    let tv = try details("device_details_appletv.postman_doc.json")
    #expect(tv.attributes == KandjiAttributeValues(["model_identifier": .text("AppleTV11,1")]))
  }

  @Test func androidDetails() throws {
    let android = try details("device_details_android.go-sdk-openapi_2025-11.converted.json")
    #expect(
      android.attributes
        == KandjiAttributeValues([
          "memory": .text("11.28 GB"), "storage_capacity": .number(110.28), "storage_free": .number(105.93),
          "mac_address": .text("98:98:fb:12:44:68"), "security_patch_level": .date("2024-12-05"),
        ]))
    #expect(android.attributes["model_identifier"] == nil)
  }

  @Test func quirkySpellingsAreRead() throws {
    let mac = try details(
      json: """
        {"general":{"platform":"Mac","boot_volume":"Data","last_user":"  ann  "},
         "filevault":{"filevault_enabled":"True","filevault_prk_escrowed":"No"},
         "activation_lock":{"device_activation_lock_enabled":"Yes","user_activation_lock_enabled":0},
         "recovery_information":{"recovery_lock_enabled":"False"},
         "automated_device_enrollment":{"auto_enrolled":"true"},
         "hardware_overview":{"model_identifier":"Mac14,2","memory":16,"processor_name":""},
         "volumes":[{"name":"Macintosh HD","capacity":"500 MB","available":"100 MB"},
                    {"name":"Data","capacity":"1.99 TB","available":"1,024.5 GB"}],
         "network":{"mac_address":null}}
        """)
    let values = mac.attributes
    #expect(values["filevault_enabled"] == .boolean(true))
    #expect(values["filevault_key_escrowed"] == .boolean(false))
    #expect(values["activation_lock_device"] == .boolean(true))
    #expect(values["activation_lock_user"] == .boolean(false))
    #expect(values["recovery_lock"] == .boolean(false))
    #expect(values["auto_enrolled"] == .boolean(true))
    #expect(values["memory"] == .text("16"))
    #expect(values["processor"] == nil)
    #expect(values["mac_address"] == nil)
    #expect(values["last_user"] == .text("ann"))
    // The boot volume named by `general.boot_volume`, not the first one; TB converted.
    #expect(values["storage_capacity"] == .number(1990))
    #expect(values["storage_free"] == .number(1024.5))
  }

  @Test func megabytesConvertAndFirstVolumeIsTheFallback() throws {
    let mac = try details(
      json: """
        {"general":{"platform":"Mac","boot_volume":"Gone"},
         "volumes":[{"name":"Macintosh HD","capacity":"512 MB","available":"256 MB"}]}
        """)
    #expect(mac.attributes["storage_capacity"] == .number(0.51))
    #expect(mac.attributes["storage_free"] == .number(0.26))
  }

  @Test func malformedValuesAreLeftOutNeverFatal() throws {
    let mac = try details(
      json: """
        {"general":{"device_id":"m","platform":"Mac","last_user":{"name":"x"}},
         "filevault":{"filevault_enabled":"maybe","filevault_prk_escrowed":[true]},
         "activation_lock":"", "recovery_information":[],
         "automated_device_enrollment":{"auto_enrolled":null},
         "hardware_overview":{"model_identifier":["Mac14,2"],"memory":{"size":8}},
         "volumes":{"name":"not a list"},
         "network":{"mac_address":""}}
        """)
    #expect(mac.deviceID == "m")
    #expect(mac.attributes.isEmpty)
    let android = try details(
      json: """
        {"general":{"platform":"Android","security_patch_level":"December 2024","os_build":"AP4A"},
         "hardware":{"total_ram":"lots","total_capacity":"-5","available_capacity":"NaN","wifi_mac_address":7}}
        """)
    #expect(android.attributes["security_patch_level"] == nil)
    #expect(android.attributes["memory"] == nil)
    #expect(android.attributes["storage_capacity"] == nil)
    #expect(android.attributes["storage_free"] == nil)
    // A number where text belongs is its text; the OS build is a list attribute of Apple devices.
    #expect(android.attributes["mac_address"] == .text("7"))
    #expect(android.attributes["os_build"] == nil)
  }

  @Test func patchLevelTakesTheDayOfATimestamp() throws {
    let android = try details(
      json: #"{"general":{"platform":"Android","security_patch_level":"2025-03-01T00:00:00Z"}}"#)
    #expect(android.attributes["security_patch_level"] == .date("2025-03-01"))
    let invalid = try details(json: #"{"general":{"platform":"Android","security_patch_level":"2025-13-01"}}"#)
    #expect(invalid.attributes["security_patch_level"] == nil)
  }

  @Test func unknownPlatformKeepsWhatItsShapeHasAndCallersCanFilter() throws {
    let payload = try details(
      json: """
        {"general":{"security_patch_level":"2024-12-05"},"hardware":{"total_ram":"8","wifi_mac_address":"aa:bb"}}
        """)
    #expect(payload.platform == nil)
    #expect(payload.attributes["memory"] == .text("8 GB"))
    #expect(payload.attributes(for: .android)["security_patch_level"] == .date("2024-12-05"))
    #expect(payload.attributes(for: .iPad).isEmpty)
  }

  // MARK: List

  @Test func macListRows() throws {
    let devices = try listed("devices_list.postman_doc.json")
    let first = devices[0].listAttributes
    let expected: [String: KandjiAttributeValue?] = [
      "tags": .tags(["accuhive_02"]), "mdm_enabled": .boolean(true), "agent_installed": .boolean(true),
      "agent_version": .text("4.5.9 (5160)"), "is_missing": .boolean(false),
      "first_enrollment": date("2024-01-26 16:15:36.087016+00:00"),
      "last_enrollment": date("2024-05-13 20:09:27.374451+00:00"), "os_build": .text("23E224"),
    ]
    #expect(first == KandjiAttributeValues(expected.compactMapValues { $0 }))
    #expect(first.values.count == 8)
    let second = devices[1].listAttributes
    #expect(second["tags"] == nil)  // `[]`: no tags
    #expect(second["is_missing"] == .boolean(true))
    #expect(second["os_build"] == .text("23B81"))
    #expect(second["lost_mode_status"] == nil)  // `""`, and not a Mac attribute
  }

  @Test func recordedMacWithoutTagsOrBuild() throws {
    let mac = try #require(try listed("devices_list.recorded_2023-03-10.jupiterone.json").first).listAttributes
    #expect(mac["tags"] == nil)
    #expect(mac["os_build"] == nil)
    #expect(mac["agent_version"] == .text("3.7.2 (2834)"))
    #expect(mac["first_enrollment"] == date("2022-06-24 14:20:19.961496+00:00"))
  }

  @Test(
    "iPad and iPhone rows have no agent attributes",
    arguments: ["devices_list_ipad_only.postman_doc.json", "devices_list_iphone_only.postman_doc.json"])
  func mobileListRows(name: String) throws {
    let device = try #require(try listed(name).first)
    let values = device.listAttributes
    #expect(values["agent_installed"] == nil)
    #expect(values["agent_version"] == nil)
    #expect(values["lost_mode_status"] == nil)  // `""`
    #expect(values["os_build"] == .text("22F66"))
    #expect(values["is_missing"] == .boolean(true))
    #expect(values["mdm_enabled"] == .boolean(device.platform == .iPad))
    #expect(values["first_enrollment"] != nil)
  }

  @Test func androidListRow() throws {
    let android = try #require(try listed("device_get_android.go-sdk-openapi_2025-11.converted.json").first)
    let expected: [String: KandjiAttributeValue?] = [
      "tags": .tags(["accuhive_02"]), "mdm_enabled": .boolean(true), "is_missing": .boolean(false),
      "first_enrollment": date("2025-10-09 23:17:20.037000+00:00"),
      "last_enrollment": date("2025-10-09 23:17:20.037000+00:00"),
    ]
    #expect(android.listAttributes == KandjiAttributeValues(expected.compactMapValues { $0 }))
    #expect(android.listAttributes.values.count == 5)
  }

  @Test func lostModeAndQuirkyListValues() throws {
    let page = try DevicePageDecoder.decode(
      Array(
        """
        [{"device_id":"p","platform":"iPhone","lost_mode_status":"ENABLED","is_missing":"False",
          "mdm_enabled":"True","tags":["vip","remote"],"supplemental_build_version":"22B83"},
         {"device_id":"q","platform":"iPad","tags":"vip","first_enrollment":"yesterday","mdm_enabled":"perhaps",
          "agent_version":{"v":1},"lost_mode_status":7}]
        """.utf8), offset: 0)
    #expect(page.failures.isEmpty)
    let phone = page.devices[0].listAttributes
    #expect(phone["lost_mode_status"] == .text("ENABLED"))
    #expect(phone["is_missing"] == .boolean(false))
    #expect(phone["mdm_enabled"] == .boolean(true))
    #expect(phone["tags"] == .tags(["vip", "remote"]))
    // Malformed optional values cost the attribute, not the device.
    let iPad = page.devices[1]
    #expect(iPad.deviceID == "q")
    #expect(iPad.listAttributes["tags"] == nil)
    #expect(iPad.listAttributes["first_enrollment"] == nil)
    #expect(iPad.listAttributes["mdm_enabled"] == nil)
    #expect(iPad.listAttributes["lost_mode_status"] == .text("7"))
  }

  @Test func everyFixtureKeyIsInTheCatalogue() throws {
    var keys = Set<String>()
    for name in FixtureDecodingTests.listFixtures {
      for device in try listed(name) { keys.formUnion(device.listAttributes.values.keys) }
    }
    for name in FixtureDecodingTests.detailFixtures { keys.formUnion(try details(name).attributes.values.keys) }
    let listKeys = Set(KandjiAttributeCatalogue.listExtras.map(\.key))
    let detailKeys = Set(KandjiAttributeCatalogue.detailsExtras.map(\.key))
    #expect(keys.isSubset(of: listKeys.union(detailKeys)))
    // Every details extra but none is seen in at least one real example.
    #expect(detailKeys.subtracting(keys).isEmpty)
  }
}
