import AssetCore
import Foundation
import Testing

@testable import KandjiAPI

@Suite("Tolerant where Kandji is inconsistent, strict elsewhere")
struct TolerantDecodingTests {
  private func page(_ json: String, offset: Int = 0) throws -> DevicePage {
    try DevicePageDecoder.decode(Array(json.utf8), offset: offset)
  }

  @Test func quirksDecode() throws {
    let result = try page(
      """
      [{"device_id":"a","platform":"mac","user":null,"mdm_enabled":"True","agent_installed":"False",
        "is_missing":0,"is_removed":"","last_check_in":"","asset_tag":null,"brand_new_field":{"x":[1,2]},
        "first_enrollment":"2024-05-13 20:09:23 +0000","tags":null},
       {"device_id":"b","platform":"visionOS","user":{"id":7,"email":"Ann@Example.com"},"last_check_in":null}]
      """)
    #expect(result.failures.isEmpty)
    let a = result.devices[0]
    #expect(a.platform == .mac)
    #expect(a.user == nil)
    #expect(a.mdmEnabled == true)
    #expect(a.agentInstalled == false)
    #expect(a.isMissing == false)
    #expect(a.isRemoved == nil)
    #expect(a.lastCheckIn == nil)
    #expect(a.assetTag == nil)
    #expect(a.tags == [])
    #expect(a.firstEnrollment == KandjiDateParser.parse("2024-05-13T20:09:23Z"))
    let b = result.devices[1]
    #expect(b.platform == nil)
    #expect(b.platformName == "visionOS")
    #expect(b.user?.id == "7")
    #expect(b.user?.email == "Ann@Example.com")
  }

  @Test func oneBadDeviceDoesNotCostThePage() throws {
    let result = try page(
      """
      [{"device_id":"ok-1","platform":"Mac"},
       {"device_id":12345,"serial_number":"C02XYZ","device_name":"Broken","platform":"Mac"},
       {"device_id":"bad-date","platform":"iPad","last_check_in":"last tuesday"},
       {"device_id":"bad-user","platform":"iPhone","user":"someone@example.com"},
       {"platform":"Mac"},
       {"device_id":"ok-2","platform":"Windows"}]
      """, offset: 600)
    #expect(result.recordCount == 6)
    #expect(result.devices.map(\.deviceID) == ["ok-1", "ok-2"])
    #expect(result.failures.map(\.position) == [601, 602, 603, 604])
    let broken = result.failures[0]
    #expect(broken.deviceID == nil)
    #expect(broken.serialNumber == "C02XYZ")
    #expect(broken.reason.contains("device_id"))
    #expect(result.failures[1].deviceID == "bad-date")
    #expect(result.failures[1].reason.contains("last tuesday"))
    #expect(result.failures[2].reason.contains("user"))
    #expect(result.failures[3].reason.contains("device_id is missing"))
  }

  @Test(
    "a body that is not a device list is a page-level error",
    arguments: ["", "not json", "[{\"device_id\": \"oops", "42", "<html><h1>Not Found</h1></html>"])
  func malformedBody(body: String) {
    #expect(throws: KandjiError.self) { try page(body) }
  }

  @Test func detailsToleratesEmptySectionsAndStringBooleans() throws {
    let json = """
      {"general":{"device_id":"x","platform":"iPhone","assigned_user":"","model":"iPhone 15"},
       "mdm":{"mdm_enabled":"True","supervised":"False","last_check_in":"2024-07-23 03:01:21.466190+00:00"},
       "kandji_agent":{"agent_installed":"False","install_date":""},
       "automated_device_enrollment":{},"lost_mode":[],"hardware_overview":{"uuid":"0000-abc","serial_number":"S1"},
       "volumes":[{"encrypted":"Yes"}],"cellular":{"subscriptions":null}}
      """
    let details = try JSONDecoder().decode(KandjiDeviceDetails.self, from: Data(json.utf8))
    #expect(details.supervised == false)
    #expect(details.mdmEnabled == true)
    #expect(details.udid == "0000-abc")
    #expect(details.serialNumber == "S1")
    #expect(details.assignedUser == nil)
    #expect(details.mdmLastCheckIn != nil)
  }

  @Test func platformSpellings() {
    #expect(Platform(kandjiValue: "AppleTV") == .appleTV)
    #expect(Platform(kandjiValue: "Apple TV") == .appleTV)
    #expect(Platform(kandjiValue: "ipados") == .iPad)
    #expect(Platform(kandjiValue: "WINDOWS") == .windows)
    #expect(Platform(kandjiValue: "visionOS") == nil)
    #expect(Platform(kandjiValue: "") == nil)
  }
}
