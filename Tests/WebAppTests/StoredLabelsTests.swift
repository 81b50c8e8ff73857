import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import Testing

/// Field labels come from the stored rows the migrations wrote, in the API and the web UI alike:
/// a label changed in the database (as a future migration would) shows everywhere at once.
@Suite("Labels from stored fields")
struct StoredLabelsTests {
  @Test func apiAndPagesShowTheStoredLabels() async throws {
    try await AppHarness.run(devices: 5) { h in
      try await h.test { client in
        try await AssetAPITests.syncFleet(h, client)
        try await StoreBackend.execute(
          "UPDATE asset_fields SET name = 'Seriennummer' WHERE managed_key = 'serial_number'", on: h.store)
        let device = h.simulator.devices[0]
        let asset = try #require(try await h.store.asset(kandjiDeviceID: device.deviceID))
        let shown = try await client.call(.get, "asset/\(asset.id)", as: h.agent)
        let fields = shown.json["custom_fields"] as? [[String: Any]] ?? []
        #expect(fields.first { $0["name"] as? String == "Seriennummer" }?["value"] as? String == device.serialNumber)
        #expect(!fields.contains { $0["name"] as? String == "Serial Number" })
        let listed = try await client.call(.get, "asset_custom_fields/?asset_type=\(asset.assetTypeID)", as: h.agent)
        #expect(listed.text.contains("\"Seriennummer\""))
        let (cookie, _) = try await WebUITests.signIn(client, "admin@example.com")
        let page = try await client.call(.get, "/assets/\(asset.id)", as: nil, headers: [("Cookie", cookie)])
        #expect(page.status == .ok)
        #expect(page.text.contains("Seriennummer"))
        #expect(!page.text.contains("Serial Number"))
        #expect(page.text.contains("Device Name"))
      }
    }
  }
}
