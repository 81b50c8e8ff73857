import AssetCore
import Foundation
import Testing

@testable import KandjiAPI

@Suite("Decoding Kandji's real and documented responses")
struct FixtureDecodingTests {
  static let listFixtures = Fixtures.names(prefix: "devices_list") + Fixtures.names(prefix: "device_get")
  static let detailFixtures = Fixtures.names(prefix: "device_details").filter {
    $0 != "device_details_mac.postman_doc.json"
  }

  @Test func everyFixtureIsCovered() {
    #expect(Self.listFixtures.count == 13)
    #expect(Self.detailFixtures.count == 6)
  }

  @Test("every list fixture decodes without a failed device", arguments: listFixtures)
  func listDecodes(name: String) throws {
    let bytes = try Fixtures.bytes(name)
    let page = try DevicePageDecoder.decode(bytes, offset: 0)
    #expect(page.failures.isEmpty, "\(page.failures)")
    let raw = try JSONSerialization.jsonObject(with: Data(bytes))
    let expected = (raw as? [Any])?.count ?? 1
    #expect(page.devices.count == expected)
    for device in page.devices {
      #expect(!device.deviceID.isEmpty)
      #expect(device.platform != nil, "platform \(device.platformName)")
    }
  }

  @Test func emptyPagePastTheEnd() throws {
    let page = try DevicePageDecoder.decode(
      try Fixtures.bytes("devices_list_past_end_empty.recorded_2023-03-10.jupiterone.json"), offset: 600)
    #expect(page.recordCount == 0)
  }

  @Test func userAsEmptyStringMeansUnassigned() throws {
    let page = try DevicePageDecoder.decode(
      try Fixtures.bytes("devices_list_user_empty_string.recorded_2022-07-20.jupiterone.json"), offset: 0)
    let device = try #require(page.devices.first)
    #expect(device.user == nil)
  }

  @Test func legacyIntegerUserID() throws {
    let page = try DevicePageDecoder.decode(
      try Fixtures.bytes("devices_list_user_int_id.recorded_2022-07-28.jupiterone.json"), offset: 0)
    let user = try #require(page.devices.first?.user)
    #expect(user.id == "1")
    #expect(user.email == "adam.williams@jupiterone.dev")
    #expect(user.isArchived == false)
  }

  @Test func documentedListValues() throws {
    let page = try DevicePageDecoder.decode(try Fixtures.bytes("devices_list.postman_doc.json"), offset: 0)
    let mac = try #require(page.devices.first)
    #expect(mac.deviceID == "03f81208-2b6a-4a77-81f5-cf1633bcfb95")
    #expect(mac.serialNumber == "FVHHFKF7Q6L4")
    #expect(mac.platform == .mac)
    #expect(mac.assetTag == "sending_tag_to_now")
    #expect(mac.blueprintName == "main hive")
    #expect(mac.mdmEnabled == true)
    #expect(mac.lastCheckIn == KandjiDateParser.parse("2024-07-23T14:11:37.150080Z"))
    #expect(mac.firstEnrollment == KandjiDateParser.parse("2024-01-26T16:15:36.087016Z"))
    #expect(page.devices[1].assetTag == nil)  // "" is unset
  }

  @Test func bareObjectIsAOneDevicePage() throws {
    let page = try DevicePageDecoder.decode(try Fixtures.bytes("devices_list_serial_query.postman_doc.json"), offset: 0)
    #expect(page.devices.map(\.serialNumber) == ["FVHHFKF7Q6L4"])
  }

  @Test("every details fixture decodes", arguments: detailFixtures)
  func detailsDecode(name: String) throws {
    let details = try JSONDecoder().decode(KandjiDeviceDetails.self, from: Data(try Fixtures.bytes(name)))
    #expect(details.deviceID != nil)
    #expect(details.serialNumber != nil)
    #expect(details.platform != nil)
  }

  @Test func macDetails() throws {
    let mac = try details("device_details_mac.postman_doc.ellipsis-removed.json")
    #expect(mac.udid == "3c976d96-08a0-5014-89e4-66259ab79fe6")
    #expect(mac.supervised == true)
    #expect(mac.mdmEnabled == true)
    #expect(mac.agentInstalled == true)
    #expect(mac.serialNumber == "FVHHFKF7Q6L4")
    #expect(mac.modelIdentifier == "MacBookAir10,1")
    #expect(mac.blueprintID == "ab102b9d-8e9c-420d-a498-f2a1123091c7")
    #expect(mac.deviceName == "testuser’s MacBook Air")
    #expect(mac.mdmLastCheckIn == KandjiDateParser.parse("2024-07-23T12:43:15.675470Z"))
  }

  @Test func recordedMacWithIntegerUser() throws {
    let mac = try details("device_details_mac.recorded_2023-03-10.jupiterone.json")
    #expect(mac.assignedUser?.id == "1")
    #expect(mac.udid == "644d7162-2b41-5a68-9aa7-8db4fc6abff5")
  }

  @Test func iPadUsesUUIDForUDID() throws {
    let iPad = try details("device_details_ipad.postman_doc.json")
    #expect(iPad.udid == "00008020-0015308c11a1402e")
    #expect(iPad.supervised == true)
    #expect(iPad.agentInstalled == false)
    #expect(iPad.autoEnrolled == true)
    #expect(iPad.assignedUser?.email == "accuhive.admin@kandji.io")
  }

  @Test func appleTVHasNoSupervisedKey() throws {
    let tv = try details("device_details_appletv.postman_doc.json")
    #expect(tv.supervised == nil)
    #expect(tv.udid == "6c8f9096198b54a03b17aa930204850091e616f8")
    #expect(tv.assignedUser == nil)
    #expect(tv.assetTag == "KANDJI-TDGQWKQ5WT")
    #expect(tv.autoEnrolled == nil)  // the section is {}
  }

  @Test func androidShape() throws {
    let android = try details("device_details_android.go-sdk-openapi_2025-11.converted.json")
    #expect(android.platform == .android)
    #expect(android.model == "Pixel 9")
    #expect(android.serialNumber == "51190BMRQ003AN")
    #expect(android.assignedUser == nil)
    #expect(android.udid == nil)
    #expect(android.supervised == nil)
    #expect(android.managementMode == "PROFILE_OWNER")
  }

  @Test func vendorMacExampleWithEllipsisIsAClearError() throws {
    let bytes = try Fixtures.bytes("device_details_mac.postman_doc.json")
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(KandjiDeviceDetails.self, from: Data(bytes)) }
  }

  private func details(_ name: String) throws -> KandjiDeviceDetails {
    try JSONDecoder().decode(KandjiDeviceDetails.self, from: Data(try Fixtures.bytes(name)))
  }
}
