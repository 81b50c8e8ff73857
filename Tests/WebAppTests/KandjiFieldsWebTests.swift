import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import KandjiSimulator
import Testing
import WebApp

/// The Kandji field chooser on a connection's page, the mapping preview's values, the asset page's
/// Kandji group and the list's attribute filters, at the router without JavaScript (issue 19).
@Suite("Web UI: Kandji fields per connection")
struct KandjiFieldsWebTests {
  func post(_ client: any TestClientProtocol, _ path: String, _ cookie: String, _ form: String) async throws
    -> Reply
  {
    try await client.call(
      .post, path, as: nil, headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
      form: form)
  }

  func get(_ client: any TestClientProtocol, _ path: String, _ cookie: String) async throws -> Reply {
    try await client.call(.get, path, as: nil, headers: [("Cookie", cookie)])
  }

  /// The `<dt>` labels of the asset page's Kandji group, in order.
  static func kandjiLabels(_ html: String) -> [String] {
    guard let start = html.range(of: "id=\"kandji-fields\""), let end = html[start.upperBound...].range(of: "</dl>")
    else { return [] }
    return html[start.upperBound..<end.lowerBound].components(separatedBy: "<dt>").dropFirst().map {
      String($0.prefix { $0 != "<" })
    }
  }

  @Test func adminsChooseFieldsAndAgentsSeeThem() async throws {
    try await AppHarness.run(devices: 20) { h in
      let mac = try #require(h.simulator.devices.first { $0.platform == .mac })
      h.simulator.setTags(deviceID: mac.deviceID, to: ["Finance"])
      h.simulator.setFileVault(deviceID: mac.deviceID, enabled: true)
      let connection = try await h.store.readyConnection(
        url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer)
      _ = try await h.services.coordinator.start(connectionID: connection.id, trigger: .initial)
      await h.services.coordinator.waitForAllRuns()
      let asset = try #require(try await h.store.asset(kandjiDeviceID: mac.deviceID))
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "admin@example.com")
        let pagePath = "/admin/apps/kandji/tenants/\(connection.id)"
        let page = try await get(client, pagePath, cookie)
        #expect(page.status == .ok)
        #expect(page.text.contains("id=\"fields-table\""))
        #expect(
          page.text.components(separatedBy: "class=\"field-check\"").count - 1
            == KandjiAttributeCatalogue.attributes.count)
        #expect(page.text.components(separatedBy: " checked>").count - 1 >= 13)
        // Untouched: the asset shows the 13.
        #expect(
          Self.kandjiLabels(try await get(client, "/assets/\(asset.id)", cookie).text)
            == KandjiAttributeCatalogue.defaults.map(\.label))

        // Nothing ticked, or an order that is not a number: 400, the page again as typed.
        let none = try await post(client, pagePath + "/fields", cookie, "_csrf=\(csrf)")
        #expect(none.status == .badRequest)
        #expect(none.text.contains("Tick at least one field."))
        let badOrder = try await post(
          client, pagePath + "/fields", cookie, "_csrf=\(csrf)&field:tags=1&order:tags=first")
        #expect(badOrder.status == .badRequest)
        #expect(badOrder.text.contains("as the order of “Tags”"))
        #expect(badOrder.text.contains("name=\"order:tags\" value=\"first\""))
        #expect(badOrder.text.contains("id=\"field-tags\" name=\"field:tags\" value=\"1\" checked"))
        #expect(try await h.store.kandjiConnection(id: connection.id)?.settings.fieldKeys == nil)

        // Ticked fields by their order boxes; an empty box goes last.
        let saved = try await post(
          client, pagePath + "/fields", cookie,
          "_csrf=\(csrf)&field:filevault_enabled=1&order:filevault_enabled=&field:tags=1&order:tags=1"
            + "&field:device_name=1&order:device_name=2&order:serial_number=3")
        #expect(saved.status == .seeOther, "\(saved.text)")
        #expect(
          try await h.store.kandjiConnection(id: connection.id)?.settings.fieldKeys
            == ["tags", "device_name", "filevault_enabled"])
        let shown = try await get(client, "/assets/\(asset.id)", cookie)
        #expect(Self.kandjiLabels(shown.text) == ["Tags", "Device Name", "FileVault"])
        #expect(shown.text.contains("<dt>Tags</dt><dd>Finance</dd>"))
        #expect(shown.text.contains("<dt>FileVault</dt><dd>Yes</dd>"))

        // The mapping preview shows the chosen fields' values for three devices.
        let preview = try await get(
          client,
          pagePath + "/preview?name_source=device_name&display_id_source=serial_number&fields=tags,filevault_enabled",
          cookie)
        #expect(preview.status == .ok, "\(preview.text)")
        #expect(preview.json["fields"] as? [String] == ["Tags", "FileVault"])
        let devices = preview.json["devices"] as? [[String: Any]] ?? []
        #expect(devices.count == 3)
        #expect(devices.allSatisfy { ($0["values"] as? [String])?.count == 2 })

        // The list filters by tag and flag, and its form keeps them.
        let type = try #require(try await h.store.assetTypes().first { $0.platform == .mac })
        let listed = try await get(client, "/assets?type=\(type.id)&tags=Finance&filevault_enabled=true", cookie)
        #expect(listed.status == .ok)
        #expect(listed.text.contains("href=\"/assets/\(asset.id)\""))
        #expect(listed.text.components(separatedBy: "<tr").count - 2 == 1)
        #expect(listed.text.contains("id=\"filter-tags\" name=\"tags\" placeholder=\"Tag\" value=\"Finance\""))
        #expect(listed.text.contains("<option value=\"true\" selected>Yes</option>"))
      }
    }
  }
}
