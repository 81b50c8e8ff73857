import AssetCore
import Foundation
import KandjiSimulator
import Testing

@testable import KandjiAPI

/// Issue 19 end to end over loopback HTTP: the live client reads the simulator's attributes,
/// blueprints and blueprint-filtered pages as it would read Kandji's.
@Suite("Kandji attributes over HTTP")
struct AttributeLoopbackTests {
  @Test func detailsAndListAttributesArriveTyped() async throws {
    try await SimulatorHarness.run(devices: 120) { h in
      let client = try h.client()
      let mac = try #require(h.simulator.devices.first { $0.platform == .mac })
      let details = try await client.deviceDetails(id: mac.deviceID)
      #expect(details.attributes["model_identifier"] == .text(mac.modelIdentifier))
      #expect(details.attributes["storage_capacity"] == .number(mac.storageCapacityGB))
      #expect(details.attributes["filevault_enabled"] == mac.fileVaultEnabled.map(KandjiAttributeValue.boolean))
      let listed = try #require(try await client.listedDevice(id: mac.deviceID))
      #expect(listed.listAttributes["os_build"] == .text(mac.buildVersion))
      #expect(listed.listAttributes["tags"] == (mac.tags.isEmpty ? nil : .tags(mac.tags)))

      let android = try #require(h.simulator.devices.first { $0.platform == .android })
      let androidDetails = try await client.deviceDetails(id: android.deviceID)
      #expect(androidDetails.attributes["security_patch_level"] == .date(android.securityPatchLevel))
      #expect(androidDetails.attributes["memory"] == .text(android.memory + " GB"))
    }
  }

  @Test func blueprintsAndTheBlueprintFilter() async throws {
    try await SimulatorHarness.run(devices: 150) { h in
      let client = try h.client()
      let blueprints = try await client.blueprints()
      #expect(blueprints.map(\.id) == h.simulator.generator.blueprints.map(\.id))
      #expect(await client.canListBlueprints() == true)
      let target = h.simulator.devices[0].blueprintID
      var ids: [String] = []
      for try await page in client.devicePages(pageSize: 7, blueprintID: target) {
        ids += page.devices.map(\.deviceID)
      }
      #expect(ids.sorted() == h.simulator.devices.filter { $0.blueprintID == target }.map(\.deviceID).sorted())
      let withoutPermission = try h.client(
        token: h.simulator.issueToken(permissions: [.deviceList, .deviceDetails]))
      #expect(await withoutPermission.canListBlueprints() == false)
    }
  }
}
