import AssetCore
import Foundation
import KandjiAPI
import Testing

@testable import KandjiSimulator

/// Issue 19: the simulator serves every catalogue attribute per platform, in Kandji's shapes and
/// quirks, and the blueprints endpoint and `blueprint_id` filter.
@Suite("The simulator serves every Kandji attribute")
struct SimulatorAttributeTests {
  let clock = ManualClock()

  private func simulator(devices: Int = 400) -> KandjiSimulator {
    KandjiSimulator(
      configuration: SimulatorConfiguration(deviceCount: devices, requestsPerSecond: nil, requestsPerHour: nil),
      clock: clock)
  }

  private func get(_ sim: KandjiSimulator, _ path: String, _ query: [String: String] = [:], token: String? = nil)
    -> SimulatorResponse
  {
    sim.respond(
      to: SimulatorRequest(
        path: path, query: query, authorization: "Bearer \(token ?? sim.fullAccessToken)", host: "sim.test:8080"))
  }

  private func listed(_ sim: KandjiSimulator, _ query: [String: String]) throws -> [KandjiDevice] {
    let page = try DevicePageDecoder.decode(Array(get(sim, "/api/v1/devices", query).body.utf8), offset: 0)
    #expect(page.failures.isEmpty)
    return page.devices
  }

  private func details(_ sim: KandjiSimulator, _ id: String) throws -> (KandjiDeviceDetails, String) {
    let body = get(sim, "/api/v1/devices/\(id)/details").body
    return (try JSONDecoder().decode(KandjiDeviceDetails.self, from: Data(body.utf8)), body)
  }

  private func object(_ body: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
  }

  /// What the list row of `device` must decode to, from the simulator's own record.
  private func expectedList(_ device: SimulatedDevice) -> KandjiAttributeValues {
    func moment(_ date: Date) -> KandjiAttributeValue? {
      KandjiDateParser.parse(KandjiDateParser.spacedString(date)).map(KandjiAttributeValue.dateTime)
    }
    var values = KandjiAttributeValues()
    values["tags"] = device.tags.isEmpty ? nil : .tags(device.tags)
    values["mdm_enabled"] = .boolean(device.mdmEnabled)
    values["agent_installed"] = .boolean(device.agentInstalled)
    values["agent_version"] = device.agentVersion.isEmpty ? nil : .text(device.agentVersion)
    values["is_missing"] = .boolean(device.isMissing)
    values["lost_mode_status"] = device.lostModeStatus.isEmpty ? nil : .text(device.lostModeStatus)
    values["first_enrollment"] = moment(device.firstEnrollment)
    values["last_enrollment"] = moment(device.lastEnrollment)
    values["os_build"] = device.buildVersion.isEmpty ? nil : .text(device.buildVersion)
    return only(values, for: device.platform)
  }

  /// What the details of `device` must decode to.
  private func expectedDetails(_ device: SimulatedDevice) -> KandjiAttributeValues {
    var values = KandjiAttributeValues()
    values["storage_capacity"] = device.storageCapacityGB > 0 ? .number(device.storageCapacityGB) : nil
    values["storage_free"] = device.storageCapacityGB > 0 ? .number(device.storageFreeGB) : nil
    if device.platform.isApple {
      values["model_identifier"] = .text(device.modelIdentifier)
      values["processor"] = device.processorName.isEmpty ? nil : .text(device.processorName)
      values["memory"] = device.memory.isEmpty ? nil : .text(device.memory)
      values["filevault_enabled"] = device.fileVaultEnabled.map(KandjiAttributeValue.boolean)
      values["filevault_key_escrowed"] = .boolean(device.fileVaultKeyEscrowed)
      values["activation_lock_device"] = .boolean(device.activationLockDevice)
      values["activation_lock_user"] = device.activationLockUser.map(KandjiAttributeValue.boolean)
      values["recovery_lock"] = .boolean(device.recoveryLockEnabled)
      values["auto_enrolled"] = device.autoEnrolled ? .boolean(true) : nil
      values["mac_address"] = .text(device.macAddress)
      values["last_user"] = device.user.map { .text(String($0.email.split(separator: "@")[0])) }
    } else if device.platform == .android {
      values["memory"] = .text(device.memory + " GB")
      values["mac_address"] = .text(device.macAddress)
      values["security_patch_level"] = .date(device.securityPatchLevel)
    }
    return only(values, for: device.platform)
  }

  private func only(_ values: KandjiAttributeValues, for platform: Platform) -> KandjiAttributeValues {
    KandjiAttributeValues(
      values.values.filter { KandjiAttributeCatalogue.attribute($0.key)?.applies(to: platform) ?? false })
  }

  @Test func everyDeviceDecodesToItsAttributes() throws {
    let sim = simulator(devices: 300)
    let page = try listed(sim, ["limit": "300"])
    #expect(page.count == 300)
    let byID = Dictionary(uniqueKeysWithValues: sim.devices.map { ($0.deviceID, $0) })
    for decoded in page {
      let device = try #require(byID[decoded.deviceID])
      #expect(decoded.listAttributes == expectedList(device), "list of \(device.platform) \(device.deviceID)")
      let (details, _) = try details(sim, device.deviceID)
      #expect(details.attributes == expectedDetails(device), "details of \(device.platform) \(device.deviceID)")
    }
  }

  @Test func everyCatalogueAttributeIsServedOnEachOfItsPlatforms() throws {
    let sim = simulator(devices: 600)
    var seen: [Platform: Set<String>] = [:]
    for device in sim.devices {
      let (details, _) = try details(sim, device.deviceID)
      seen[device.platform, default: []].formUnion(details.attributes.values.keys)
    }
    for decoded in try listed(sim, ["limit": "300"]) + listed(sim, ["limit": "300", "offset": "300"]) {
      seen[decoded.platform!, default: []].formUnion(decoded.listAttributes.values.keys)
    }
    for attribute in KandjiAttributeCatalogue.listExtras + KandjiAttributeCatalogue.detailsExtras {
      for platform in attribute.platforms {
        #expect(seen[platform, default: []].contains(attribute.key), "\(attribute.key) on \(platform)")
      }
    }
  }

  @Test func detailsKeepKandjiQuirks() throws {
    let sim = simulator()
    let mac = try #require(sim.devices.first { $0.platform == .mac && $0.storageCapacityGB < 1_000 })
    let macBody = try details(sim, mac.deviceID).1
    #expect(macBody.contains(#""mdm_enabled":"True""#))
    #expect(macBody.contains(#""agent_installed":"True""#) || macBody.contains(#""agent_installed":"False""#))
    #expect(macBody.contains(#""udid":""#))
    #expect(macBody.contains(#""boot_volume":"Macintosh HD""#))
    #expect(macBody.contains(#""capacity":"\#(SimulatedDevice.decimalText(mac.storageCapacityGB)) GB""#))
    #expect(macBody.contains(#""name":"Macintosh HD - Data""#))
    let big = try #require(sim.devices.first { $0.storageCapacityGB >= 1_000 })
    #expect(try details(sim, big.deviceID).1.contains(#""capacity":"1.99 TB""#))
    let iPad = try #require(sim.devices.first { $0.platform == .iPad })
    let iPadBody = try details(sim, iPad.deviceID).1
    #expect(iPadBody.contains(#""uuid":""#) && !iPadBody.contains(#""udid""#))
    #expect(iPadBody.contains(#""filevault_enabled":null"#))
    let tv = try #require(sim.devices.first { $0.platform == .appleTV })
    let tvJSON = try object(try details(sim, tv.deviceID).1)
    #expect(tvJSON["lost_mode"] == nil && tvJSON["cellular"] == nil && tvJSON["uuid"] == nil)
    #expect((tvJSON["volumes"] as? [Any])?.isEmpty == true)
    #expect((tvJSON["mdm"] as? [String: Any])?["supervised"] == nil)
    let android = try #require(sim.devices.first { $0.platform == .android })
    let androidJSON = try object(try details(sim, android.deviceID).1)
    #expect(Set(androidJSON.keys) == ["general", "cellular", "hardware", "management", "security", "tags"])
    let hardware = try #require(androidJSON["hardware"] as? [String: Any])
    #expect(hardware["total_ram"] as? String == android.memory)
    #expect((hardware["total_capacity"] as? String).flatMap(Double.init) == android.storageCapacityGB)
  }

  @Test func lostModeOnlyOnIPadsAndIPhones() throws {
    let sim = simulator(devices: 2_000)
    let lost = sim.devices.filter { !$0.lostModeStatus.isEmpty }
    #expect(!lost.isEmpty)
    #expect(lost.allSatisfy { $0.platform == .iPad || $0.platform == .iPhone })
    let device = try #require(lost.first)
    let row = try #require(try listed(sim, ["device_id": device.deviceID]).first)
    #expect(row.lostModeStatus == "ENABLED")
    let json = try object(try details(sim, device.deviceID).1)
    #expect((json["lost_mode"] as? [String: Any])?["lost_mode_status"] as? String == "ENABLED")
    let found = try #require(sim.devices.first { $0.platform == .mac })
    #expect(get(sim, "/api/v1/devices", ["device_id": found.deviceID]).body.contains(#""lost_mode_status":"""#))
  }

  @Test func aRealisticDeterministicMix() {
    let fleet = TenantGenerator(seed: 7).devices(count: 2_000)
    let macs = fleet.filter { $0.platform == .mac }
    let fileVaultOff = macs.filter { $0.fileVaultEnabled == false }.count
    #expect((macs.count / 20...macs.count / 4).contains(fileVaultOff))
    #expect(macs.contains { $0.fileVaultEnabled == true && !$0.fileVaultKeyEscrowed })
    #expect(fleet.filter { $0.platform != .mac }.allSatisfy { $0.fileVaultEnabled == nil })
    #expect(Set(fleet.map(\.tags)).count >= 8)
    #expect((700...1_100).contains(fleet.filter { $0.tags.isEmpty }.count))
    #expect(Set(fleet.map(\.blueprintID)).count == Set(fleet.map(\.blueprintName)).count)
    #expect(Set(fleet.map(\.blueprintName)).count >= 6)
    #expect(Set(macs.map(\.storageCapacityGB)).count >= 4)
    #expect(macs.contains { $0.recoveryLockEnabled } && macs.contains { !$0.recoveryLockEnabled })
    // Private MAC addresses: six octets, the first locally administered and unicast.
    #expect(
      fleet.allSatisfy { device in
        let octets = device.macAddress.split(separator: ":")
        return octets.count == 6 && octets.allSatisfy { $0.count == 2 && UInt8($0, radix: 16) != nil }
          && UInt8(octets[0], radix: 16)! & 0x03 == 0x02
      })
    #expect(Set(fleet.map(\.macAddress)).count == fleet.count)
    #expect(TenantGenerator(seed: 7).devices(count: 50) == Array(fleet.prefix(50)))
    #expect(TenantGenerator(seed: 7).blueprints.map(\.id) == TenantGenerator(seed: 7).blueprints.map(\.id))
    #expect(TenantGenerator(seed: 7).blueprints.map(\.id) != TenantGenerator(seed: 8).blueprints.map(\.id))
  }

  @Test func blueprintsArePagedTheDjangoWay() throws {
    let sim = simulator()
    let json = try object(get(sim, "/api/v1/blueprints").body)
    let results = try #require(json["results"] as? [[String: Any]])
    #expect(json["count"] as? Int == results.count)
    #expect(json["next"] is NSNull && json["previous"] is NSNull)
    #expect(results.map { $0["id"] as? String } == sim.generator.blueprints.map(\.id))
    #expect(results.map { $0["name"] as? String } == sim.generator.blueprints.map(\.name))
    #expect(results.compactMap { $0["computers_count"] as? Int }.reduce(0, +) == sim.devices.count)
    let first = try object(get(sim, "/api/v1/blueprints", ["limit": "3"]).body)
    #expect((first["results"] as? [Any])?.count == 3)
    #expect(first["next"] as? String == "http://sim.test:8080/api/v1/blueprints?limit=3&offset=3")
    let second = try object(get(sim, "/api/v1/blueprints", ["limit": "3", "offset": "3"]).body)
    #expect(second["previous"] as? String == "http://sim.test:8080/api/v1/blueprints?limit=3")
    let past = try object(get(sim, "/api/v1/blueprints", ["offset": "100"]).body)
    #expect((past["results"] as? [Any])?.isEmpty == true && past["next"] is NSNull)
    #expect(sim.stats.blueprintRequests == 4)
    #expect(sim.stats.listRequests == 0)
  }

  @Test func listBlueprintsIsAnOptionalPermission() {
    let sim = simulator(devices: 3)
    let devicesOnly = sim.issueToken(permissions: [.deviceList, .deviceDetails])
    #expect(get(sim, "/api/v1/blueprints", token: devicesOnly).status == 403)
    #expect(get(sim, "/api/v1/devices", token: devicesOnly).status == 200)
    let withBlueprints = sim.issueToken(permissions: [.deviceList], canListBlueprints: true)
    #expect(get(sim, "/api/v1/blueprints", token: withBlueprints).status == 200)
    let auth = "Bearer \(sim.fullAccessToken)"
    let issued = sim.control(
      method: "POST", path: "/_simulator/tokens", query: ["permissions": "list,blueprints", "missing_status": "401"],
      authorization: auth)
    let secret = String(issued.body.split(separator: "\"")[3])
    #expect(get(sim, "/api/v1/blueprints", token: secret).status == 200)
    #expect(get(sim, "/api/v1/devices/\(sim.devices[0].deviceID)/details", token: secret).status == 401)
  }

  @Test func blueprintFilterListsThatBlueprintsDevices() throws {
    let sim = simulator()
    let blueprint = sim.devices[5].blueprintID
    let expected = sim.devices.filter { $0.blueprintID == blueprint }.map(\.deviceID)
    let devices = try listed(sim, ["blueprint_id": blueprint, "limit": "300"])
    #expect(devices.map(\.deviceID) == expected)
    #expect(devices.allSatisfy { $0.blueprintID == blueprint })
    #expect(expected.count < sim.devices.count)
    #expect(try listed(sim, ["blueprint_id": "0e4b1c2f-0000-4000-a000-000000000000"]).isEmpty)
    // Paging within a blueprint.
    let second = try listed(sim, ["blueprint_id": blueprint, "limit": "5", "offset": "5"])
    #expect(second.map(\.deviceID) == Array(expected.dropFirst(5).prefix(5)))
  }

  @Test func controlChangesTagsFileVaultLostModeBlueprintAndStorage() throws {
    let sim = simulator(devices: 200)
    let auth = "Bearer \(sim.fullAccessToken)"
    let mac = try #require(sim.devices.first { $0.platform == .mac })
    func post(_ action: String, _ query: [String: String]) -> Int {
      sim.control(
        method: "POST", path: "/_simulator/devices/\(mac.deviceID)/\(action)", query: query, authorization: auth
      ).status
    }
    #expect(post("tags", ["tags": "vip, loaner"]) == 200)
    #expect(post("filevault", ["enabled": "false"]) == 200)
    #expect(post("blueprint", ["name": "Executives"]) == 200)
    #expect(post("storage-free", ["gb": "12.5"]) == 200)
    #expect(post("filevault", ["enabled": "sometimes"]) == 400)
    #expect(post("storage-free", ["gb": "lots"]) == 400)
    #expect(post("blueprint", [:]) == 400)
    let row = try #require(try listed(sim, ["device_id": mac.deviceID]).first)
    #expect(row.listAttributes["tags"] == .tags(["vip", "loaner"]))
    #expect(row.blueprintName == "Executives")
    #expect(row.blueprintID == sim.generator.blueprintID("Executives"))
    let (details, _) = try details(sim, mac.deviceID)
    #expect(details.attributes["filevault_enabled"] == .boolean(false))
    #expect(details.attributes["filevault_key_escrowed"] == .boolean(false))
    #expect(details.attributes["storage_free"] == .number(12.5))
    #expect(post("tags", [:]) == 200)
    #expect(try listed(sim, ["device_id": mac.deviceID]).first?.listAttributes["tags"] == nil)

    let phone = try #require(sim.devices.first { $0.platform == .iPhone && $0.lostModeStatus.isEmpty })
    #expect(sim.setLostMode(deviceID: phone.deviceID, status: "ENABLED"))
    #expect(
      try listed(sim, ["device_id": phone.deviceID]).first?.listAttributes["lost_mode_status"] == .text("ENABLED"))
    #expect(sim.setBlueprint(deviceID: phone.deviceID, name: "Brand New", id: "bbbbbbbb-0000-4000-a000-000000000001"))
    let names = try #require(try object(get(sim, "/api/v1/blueprints").body)["results"] as? [[String: Any]])
    #expect(names.contains { $0["name"] as? String == "Brand New" && $0["computers_count"] as? Int == 1 })
    #expect(!sim.setTags(deviceID: "missing", to: ["x"]))
  }
}
