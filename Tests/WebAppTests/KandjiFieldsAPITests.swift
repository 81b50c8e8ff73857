import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import KandjiSimulator
import Testing
import WebApp

/// Choosing a connection's Kandji attributes over the API (issue 19): `apps/kandji/tenants/<id>/
/// fields/`, the asset's typed values in `asset/<id>/`, `asset_custom_fields/` as the union of
/// the connections' choices, and the list's attribute filters. Both backends.
@Suite("Kandji fields per connection over the API")
struct KandjiFieldsAPITests {
  static let mapping = #"{"name_source":"device_name","display_id_source":"serial_number"}"#

  func create(_ client: any TestClientProtocol, _ h: AppHarness, name: String, url: String, token: String)
    async throws -> Int
  {
    let created = try await client.call(
      .post, "apps/kandji/tenants", as: h.admin,
      json: #"{"name":"\#(name)","api_url":"\#(url)","api_token":"\#(token)"}"#)
    #expect(created.status == .created, "\(created.text)")
    return try #require((created.json["tenant"] as? [String: Any])?["id"] as? Int)
  }

  func select(_ client: any TestClientProtocol, _ h: AppHarness, tenant: Int, _ keys: [String]) async throws {
    let body = #"{"fields":[\#(keys.map { "\"\($0)\"" }.joined(separator: ","))]}"#
    let saved = try await client.call(.put, "apps/kandji/tenants/\(tenant)/fields", as: h.admin, json: body)
    #expect(saved.status == .ok, "\(saved.text)")
    #expect(saved.json["selected"] as? [String] == keys)
  }

  func typeID(_ h: AppHarness, _ platform: Platform) async throws -> Int64 {
    try #require(try await h.store.assetTypes().first { $0.platform == platform }).id
  }

  /// The asset synced from `device`, as `asset/<id>/` answers it.
  func asset(_ client: any TestClientProtocol, _ h: AppHarness, _ device: SimulatedDevice) async throws
    -> [String: Any]
  {
    let type = try await typeID(h, device.platform)
    let page = try await client.call(.get, "assets?asset_type=\(type)&q=\(device.serialNumber)", as: h.agent)
    let id = try #require(page.items.first { $0["display_id"] as? String == device.serialNumber }?["id"] as? Int)
    let shown = try await client.call(.get, "asset/\(id)", as: h.agent)
    #expect(shown.status == .ok, "\(shown.text)")
    return shown.json
  }

  /// `custom_fields` by name, in order.
  func fields(_ asset: [String: Any]) -> [(name: String, field: [String: Any])] {
    (asset["custom_fields"] as? [[String: Any]] ?? []).map { ($0["name"] as? String ?? "", $0) }
  }

  func typeFieldNames(_ client: any TestClientProtocol, _ h: AppHarness, _ platform: Platform) async throws
    -> [String]
  {
    let listed = try await client.call(
      .get, "asset_custom_fields?asset_type=\(try await typeID(h, platform))&size=50", as: h.agent)
    #expect(listed.status == .ok, "\(listed.text)")
    return listed.items.compactMap { $0["name"] as? String }
  }

  static var defaultLabels: [String] { KandjiAttributeCatalogue.defaults.map(\.label) }

  @Test func catalogueSelectionAndRefusals() async throws {
    try await AppHarness.run(devices: 3) { h in
      try await h.test { client in
        #expect(try await client.call(.post, "apps/kandji/install", as: h.admin).status == .ok)
        let tenant = try await create(client, h, name: "US", url: h.simulatorURL, token: h.simulator.fullAccessToken)
        let path = "apps/kandji/tenants/\(tenant)/fields"

        let catalogue = try await client.call(.get, path, as: h.admin)
        #expect(catalogue.status == .ok, "\(catalogue.text)")
        #expect(catalogue.json["selected"] as? [String] == KandjiAttributeCatalogue.defaultKeys)
        let listed = try #require(catalogue.json["fields"] as? [[String: Any]])
        #expect(listed.count == KandjiAttributeCatalogue.attributes.count)
        let filevault = try #require(listed.first { $0["key"] as? String == "filevault_enabled" })
        #expect(filevault["source"] as? String == "details")
        #expect(filevault["type"] as? String == "boolean")
        #expect(filevault["platforms"] as? [String] == ["Mac"])
        #expect(filevault["selected"] as? Bool == false)
        #expect(filevault["position"] is NSNull)
        let serial = try #require(listed.first { $0["key"] as? String == "serial_number" })
        #expect(serial["selected"] as? Bool == true)
        #expect(serial["position"] as? Int == 1)
        let costs = try #require(catalogue.json["costs"] as? [String: Any])
        #expect(costs["details_backfill_calls"] as? Int == 0)

        // Agents read assets, not connections.
        #expect(try await client.call(.get, path, as: h.agent).status == .forbidden)
        #expect(
          try await client.call(.put, path, as: h.agent, json: #"{"fields":["tags"]}"#).status == .forbidden)
        #expect(try await client.call(.get, "apps/kandji/tenants/999/fields", as: h.admin).status == .notFound)

        // Every refusal is a 400 naming `fields` (or the unknown key), and changes nothing.
        for (body, field) in [
          (#"{"fields":["tags","colour"]}"#, "fields"), (#"{"fields":["tags","tags"]}"#, "fields"),
          (#"{"fields":[]}"#, "fields"), (#"{}"#, "fields"), (#"{"fields":[1]}"#, "fields"),
          (#"{"fields":"tags"}"#, "fields"),
          (#"{"fields":["tags"],"extra":1}"#, "extra"),
        ] {
          let refused = try await client.call(.put, path, as: h.admin, json: body)
          #expect(refused.status == .badRequest, "\(body): \(refused.text)")
          #expect(refused.fieldErrors[field] != nil, "\(body): \(refused.text)")
        }
        let unknown = try await client.call(.put, path, as: h.admin, json: #"{"fields":["colour"]}"#)
        #expect(unknown.fieldErrors["fields"]?.first?.contains("Unknown field key \"colour\"") == true)
        #expect(
          try await client.call(.get, path, as: h.admin).json["selected"] as? [String]
            == KandjiAttributeCatalogue.defaultKeys)

        // Saved in the order given; the costs name the details attribute.
        try await select(client, h, tenant: tenant, ["storage_free", "device_name", "tags"])
        let after = try await client.call(.get, path, as: h.admin)
        #expect(after.json["selected"] as? [String] == ["storage_free", "device_name", "tags"])
        let afterFields = after.json["fields"] as? [[String: Any]] ?? []
        #expect(afterFields.first { $0["key"] as? String == "storage_free" }?["position"] as? Int == 0)
        #expect(afterFields.first { $0["key"] as? String == "serial_number" }?["selected"] as? Bool == false)
        let afterCosts = try #require(after.json["costs"] as? [String: Any])
        #expect(afterCosts["details_selected"] as? [String] == ["storage_free"])
      }
    }
  }

  @Test func assetsShowTheirConnectionsSelectionTyped() async throws {
    try await AppHarness.run(devices: 30) { h in
      let mac = try #require(h.simulator.devices.first { $0.platform == .mac })
      let iPad = try #require(h.simulator.devices.first { $0.platform == .iPad })
      h.simulator.setTags(deviceID: mac.deviceID, to: ["Finance", "Remote"])
      h.simulator.setFileVault(deviceID: mac.deviceID, enabled: true, keyEscrowed: true)
      h.simulator.setStorageFree(deviceID: mac.deviceID, gigabytes: 12.5)
      h.simulator.setLostMode(deviceID: iPad.deviceID, status: "ENABLED")
      try await h.test { client in
        #expect(try await client.call(.post, "apps/kandji/install", as: h.admin).status == .ok)
        let tenant = try await create(client, h, name: "US", url: h.simulatorURL, token: h.simulator.fullAccessToken)
        // An upgraded or untouched connection shows the 13, as earlier releases did.
        #expect(try await typeFieldNames(client, h, .mac) == Self.defaultLabels)
        let chosen = [
          "device_name", "tags", "blueprint", "filevault_enabled", "storage_free", "lost_mode_status",
          "last_check_in",
        ]
        try await select(client, h, tenant: tenant, chosen)
        #expect(
          try await client.call(.put, "apps/kandji/tenants/\(tenant)/mapping", as: h.admin, json: Self.mapping)
            .status == .accepted)
        await h.services.coordinator.waitForAllRuns()

        let shown = fields(try await asset(client, h, mac))
        // The Mac has no lost mode: its type has no such field, so it is skipped.
        #expect(
          shown.map(\.name) == [
            "Device Name", "Tags", "Blueprint", "FileVault", "Storage Free (GB)", "Last Check-in",
          ])
        #expect(shown.map { $0.field["order"] as? Int } == [0, 1, 2, 3, 4, 5])
        let byName = Dictionary(shown, uniquingKeysWith: { a, _ in a })
        #expect(byName["Tags"]?["value"] as? [String] == ["Finance", "Remote"])
        #expect(byName["Tags"]?["type"] as? String == "multiple_choice")
        #expect(byName["FileVault"]?["value"] as? Bool == true)
        #expect(byName["Storage Free (GB)"]?["value"] as? Double == 12.5)
        #expect(byName["Blueprint"]?["value"] as? String == mac.blueprintName)
        let checkIn = try #require(byName["Last Check-in"])
        let moment = try #require(checkIn["value_datetime"] as? String)
        #expect(checkIn["value"] as? String == String(moment.prefix(10)))
        let lost = fields(try await asset(client, h, iPad))
        #expect(lost.first { $0.name == "Lost Mode Status" }?.field["value"] as? String == "ENABLED")
        #expect(!lost.contains { $0.name == "FileVault" })

        // The type lists what the connection selects.
        #expect(try await typeFieldNames(client, h, .mac).contains("FileVault"))
        #expect(try await !typeFieldNames(client, h, .mac).contains("Serial Number"))

        // Deselecting hides; selecting again shows the same stored values, without a sync.
        try await select(client, h, tenant: tenant, ["device_name"])
        #expect(fields(try await asset(client, h, mac)).map(\.name) == ["Device Name"])
        #expect(try await typeFieldNames(client, h, .mac) == ["Device Name"])
        try await select(client, h, tenant: tenant, chosen)
        let again = fields(try await asset(client, h, mac))
        #expect(again.map(\.name) == shown.map(\.name))
        #expect(
          again.map { $0.field["value"].map { "\($0)" } ?? "" } == shown.map { $0.field["value"].map { "\($0)" } ?? "" }
        )
      }
    }
  }

  @Test func typeFieldsAreTheUnionOfTheConnectionsSelections() async throws {
    try await AppHarness.run(devices: 2) { h in
      let second = KandjiSimulator(
        configuration: SimulatorConfiguration(deviceCount: 2, seed: 99, requestsPerSecond: nil, requestsPerHour: nil),
        clock: h.clock)
      try await second.withRunningServer { euURL in
        try await h.test { client in
          // Before any connection: the 13.
          #expect(try await typeFieldNames(client, h, .mac) == Self.defaultLabels)
          _ = try await client.call(.post, "apps/kandji/install", as: h.admin)
          let us = try await create(client, h, name: "US", url: h.simulatorURL, token: h.simulator.fullAccessToken)
          let europe = try await create(client, h, name: "Europe", url: euURL, token: second.fullAccessToken)
          #expect(try await typeFieldNames(client, h, .mac) == Self.defaultLabels)
          try await select(client, h, tenant: us, ["device_name", "tags"])
          try await select(client, h, tenant: europe, ["serial_number", "tags", "filevault_enabled"])
          #expect(
            try await typeFieldNames(client, h, .mac) == ["Device Name", "Tags", "Serial Number", "FileVault"])
          // Android has no FileVault: its type lists the rest.
          #expect(try await typeFieldNames(client, h, .android) == ["Device Name", "Tags", "Serial Number"])
          // A removed connection no longer counts.
          _ = try await client.call(.post, "apps/kandji/tenants/\(europe)/disable", as: h.admin)
          #expect(try await client.call(.delete, "apps/kandji/tenants/\(europe)", as: h.admin).status == .ok)
          #expect(try await typeFieldNames(client, h, .mac) == ["Device Name", "Tags"])
        }
      }
    }
  }

  @Test func theListFiltersByTagsBlueprintAndFlags() async throws {
    try await AppHarness.run(devices: 30) { h in
      let macs = h.simulator.devices.filter { $0.platform == .mac }
      try #require(macs.count >= 3)
      h.simulator.setTags(deviceID: macs[0].deviceID, to: ["Finance", "Remote"])
      h.simulator.setTags(deviceID: macs[1].deviceID, to: ["Finance"])
      for mac in macs { h.simulator.setFileVault(deviceID: mac.deviceID, enabled: mac.deviceID == macs[2].deviceID) }
      h.simulator.setBlueprint(deviceID: macs[1].deviceID, name: "Kiosk Macs")
      try await h.test { client in
        _ = try await client.call(.post, "apps/kandji/install", as: h.admin)
        let tenant = try await create(client, h, name: "US", url: h.simulatorURL, token: h.simulator.fullAccessToken)
        #expect(
          try await client.call(.put, "apps/kandji/tenants/\(tenant)/mapping", as: h.admin, json: Self.mapping)
            .status == .accepted)
        await h.services.coordinator.waitForAllRuns()
        let mac = try await typeID(h, .mac)
        func serials(_ query: String) async throws -> Set<String> {
          let page = try await client.call(.get, "assets?asset_type=\(mac)&size=50&\(query)", as: h.agent)
          #expect(page.status == .ok, "\(query): \(page.text)")
          return Set(page.items.compactMap { $0["display_id"] as? String })
        }
        #expect(try await serials("tags=Finance") == [macs[0].serialNumber, macs[1].serialNumber])
        #expect(try await serials("tags=Finance&tags=Remote") == [macs[0].serialNumber])
        #expect(try await serials("tags=Fin").isEmpty)
        #expect(try await serials("blueprint=Kiosk%20Macs") == [macs[1].serialNumber])
        #expect(try await serials("filevault_enabled=true") == [macs[2].serialNumber])
        #expect(try await serials("filevault_enabled=false").count == macs.count - 1)
        #expect(try await serials("tags=Finance&filevault_enabled=true").isEmpty)
        // Filtering works whatever the connection shows (values are stored regardless).
        try await select(client, h, tenant: tenant, ["device_name"])
        #expect(try await serials("filevault_enabled=true") == [macs[2].serialNumber])

        let unknown = try await client.call(.get, "assets?asset_type=\(mac)&colour=red", as: h.agent)
        #expect(unknown.status == .badRequest)
        #expect(unknown.fieldErrors["colour"] != nil, "\(unknown.text)")
        let badFlag = try await client.call(.get, "assets?asset_type=\(mac)&filevault_enabled=maybe", as: h.agent)
        #expect(badFlag.status == .badRequest)
        #expect(badFlag.fieldErrors["filevault_enabled"] == ["Use true or false."], "\(badFlag.text)")
      }
    }
  }
}
