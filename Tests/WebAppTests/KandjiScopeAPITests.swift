import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import KandjiSimulator
import Testing
import WebApp

/// Issue 19 through `apps/kandji/tenants/<id>/`: the console URL every link follows, and the
/// blueprint scope, each checked (400 naming the field) and shown with the known blueprints.
@Suite("Kandji console URL and blueprint scope over the API")
struct KandjiScopeAPITests {
  static let mapping = #"{"name_source":"device_name","display_id_source":"serial_number"}"#

  /// A connection to the harness's simulator with `token`, mapped and synced once; its id.
  func syncedTenant(_ client: any TestClientProtocol, _ h: AppHarness, token: String) async throws -> Int {
    #expect(try await client.call(.post, "apps/kandji/install", as: h.admin).status == .ok)
    let created = try await client.call(
      .post, "apps/kandji/tenants", as: h.admin,
      json: #"{"name":"US","api_url":"\#(h.simulatorURL)","api_token":"\#(token)"}"#)
    #expect(created.status == .created, "\(created.text)")
    let id = try #require((created.json["tenant"] as? [String: Any])?["id"] as? Int)
    let mapped = try await client.call(.put, "apps/kandji/tenants/\(id)/mapping", as: h.admin, json: Self.mapping)
    #expect(mapped.status == .accepted, "\(mapped.text)")
    await h.services.coordinator.waitForAllRuns()
    return id
  }

  /// Every synced asset's `source_url`, by Kandji device id.
  func sourceURLs(_ client: any TestClientProtocol, _ h: AppHarness) async throws -> [String: String] {
    var urls: [String: String] = [:]
    for type in try await h.store.assetTypes() where type.isManaged {
      let page = try await client.call(.get, "assets?asset_type=\(type.id)&size=50", as: h.agent)
      for asset in page.json["data"] as? [[String: Any]] ?? [] {
        let id = try #require(asset["id"] as? Int)
        let deviceID = try #require(try await h.store.asset(id: Int64(id))?.kandji?.deviceID)
        urls[deviceID] = asset["source_url"] as? String
      }
    }
    return urls
  }

  @Test func consoleLinksFollowTheConnectionsConsoleURL() async throws {
    try await AppHarness.run(devices: 6) { h in
      try await h.test { client in
        let id = try await syncedTenant(client, h, token: h.simulator.fullAccessToken)
        var urls = try await sourceURLs(client, h)
        #expect(urls.count == 6)
        #expect(urls.allSatisfy { $0.value == "\(h.simulatorURL)/devices/\($0.key)" }, "\(urls)")

        let set = try await client.call(
          .put, "apps/kandji/tenants/\(id)", as: h.admin, json: #"{"console_url":" ACME.iru.com/ "}"#)
        #expect(set.status == .ok, "\(set.text)")
        #expect(set.json["console_url"] as? String == "https://acme.iru.com")
        #expect(set.json["console_url_set"] as? Bool == true)
        urls = try await sourceURLs(client, h)
        #expect(urls.allSatisfy { $0.value == "https://acme.iru.com/devices/\($0.key)" }, "\(urls)")

        for (body, message) in [
          (#"{"console_url":"http://acme.iru.com"}"#, "https"),
          (#"{"console_url":"https://acme.api.iru.com"}"#, "API host"),
          (#"{"console_url":"https://acme.iru.com/?x=1"}"#, "query"),
          (#"{"console_url":42}"#, "Expected a URL"),
        ] {
          let refused = try await client.call(.put, "apps/kandji/tenants/\(id)", as: h.admin, json: body)
          #expect(refused.status == .badRequest, "\(body): \(refused.text)")
          #expect(refused.fieldErrors["console_url"]?.first?.contains(message) == true, "\(refused.text)")
        }
        // Unchanged by the refusals.
        let current = try await client.call(.get, "apps/kandji/tenants/\(id)", as: h.admin)
        #expect(current.json["console_url"] as? String == "https://acme.iru.com")

        let cleared = try await client.call(
          .put, "apps/kandji/tenants/\(id)", as: h.admin, json: #"{"console_url":null}"#)
        #expect(cleared.json["console_url"] as? String == h.simulatorURL)
        #expect(cleared.json["console_url_set"] as? Bool == false)
        urls = try await sourceURLs(client, h)
        #expect(urls.allSatisfy { $0.value.hasPrefix(h.simulatorURL + "/devices/") })
      }
    }
  }

  @Test func aBlueprintScopeRetiresAndRestoresThroughTheAPI() async throws {
    try await AppHarness.run(devices: 30) { h in
      try await h.test { client in
        let token = h.simulator.issueToken(permissions: [.deviceList, .deviceDetails], canListBlueprints: true)
        let id = try await syncedTenant(client, h, token: token)
        var tenant = try await client.call(.get, "apps/kandji/tenants/\(id)", as: h.admin).json
        #expect((tenant["last_authorization"] as? [String: Any])?["list_blueprints"] as? Bool == true)
        #expect(tenant["blueprints"] as? [String] == [])
        // "List Blueprints" names every blueprint, those without devices too.
        let known = tenant["known_blueprints"] as? [[String: Any]] ?? []
        #expect(Set(known.compactMap { $0["id"] as? String }) == Set(h.simulator.generator.blueprints.map(\.id)))
        #expect(known.allSatisfy { $0["selected"] as? Bool == false })

        let groups = Dictionary(grouping: h.simulator.devices, by: \.blueprintID)
        let chosen = try #require(groups.max { $0.value.count < $1.value.count }?.key)
        let outside = h.simulator.devices.filter { $0.blueprintID != chosen }
        for (body, message) in [
          (#"{"blueprints":["not an id!"]}"#, "is not a Kandji blueprint id"),
          (#"{"blueprints":7}"#, "Expected a list of blueprint ids"),
          (#"{"blueprints":["a","a"]}"#, "twice"),
        ] {
          let refused = try await client.call(.put, "apps/kandji/tenants/\(id)", as: h.admin, json: body)
          #expect(refused.status == .badRequest, "\(body): \(refused.text)")
          #expect(refused.fieldErrors["blueprints"]?.first?.contains(message) == true, "\(refused.text)")
        }
        let scoped = try await client.call(
          .put, "apps/kandji/tenants/\(id)", as: h.admin, json: #"{"blueprints":["\#(chosen)"]}"#)
        #expect(scoped.status == .ok, "\(scoped.text)")
        #expect(scoped.json["blueprints"] as? [String] == [chosen])
        let selected = (scoped.json["known_blueprints"] as? [[String: Any]] ?? []).filter {
          $0["selected"] as? Bool == true
        }
        #expect(selected.compactMap { $0["id"] as? String } == [chosen])

        #expect(try await client.call(.post, "apps/kandji/tenants/\(id)/sync", as: h.admin).status == .accepted)
        await h.services.coordinator.waitForAllRuns()
        for device in outside {
          let asset = try #require(try await h.store.asset(kandjiDeviceID: device.deviceID))
          #expect(asset.retiredReason == "outside this connection's blueprints")
        }
        #expect(try await h.store.assets(AssetQuery(retired: false)).total == 30 - outside.count)
        // "Refresh from Kandji" does not bring back a device outside the scope.
        let leftOutDevice = try #require(outside.first)
        let leftOut = try #require(try await h.store.asset(kandjiDeviceID: leftOutDevice.deviceID))
        let refresh = try await client.call(.post, "asset/\(leftOut.id)/refresh/", as: h.agent)
        #expect(refresh.json["result"] as? String == "refused", "\(refresh.text)")
        #expect(try await h.store.asset(id: leftOut.id)?.isRetired == true)

        let widened = try await client.call(
          .put, "apps/kandji/tenants/\(id)", as: h.admin, json: #"{"blueprints":[]}"#)
        #expect(widened.json["blueprints"] as? [String] == [])
        #expect(try await client.call(.post, "apps/kandji/tenants/\(id)/sync", as: h.admin).status == .accepted)
        await h.services.coordinator.waitForAllRuns()
        #expect(try await h.store.assets(AssetQuery(retired: false)).total == 30)

        // A token without "List Blueprints" is still accepted; the check says so.
        let plain = h.simulator.issueToken(permissions: [.deviceList, .deviceDetails])
        let again = try await client.call(
          .post, "apps/kandji/tenants/\(id)/authorize", as: h.admin, json: #"{"api_token":"\#(plain)"}"#)
        #expect(again.json["authorized"] as? Bool == true, "\(again.text)")
        #expect(again.json["list_blueprints"] as? Bool == false)
        tenant = try await client.call(.get, "apps/kandji/tenants/\(id)", as: h.admin).json
        #expect((tenant["last_authorization"] as? [String: Any])?["list_blueprints"] as? Bool == false)
      }
    }
  }
  @Test func theConnectionPageSetsTheConsoleURLAndTheBlueprints() async throws {
    try await AppHarness.run(devices: 12) { h in
      let tenant = try await h.store.readyConnection(
        url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer)
      try await h.services.coordinator.start(connectionID: tenant.id, trigger: .initial)
      await h.services.coordinator.waitForAllRuns()
      let groups = Dictionary(grouping: h.simulator.devices, by: \.blueprintID)
      let (chosen, members) = try #require(groups.max { $0.value.count < $1.value.count })
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "admin@example.com")
        func post(_ form: String) async throws -> Reply {
          try await client.call(
            .post, "/admin/apps/kandji/tenants/\(tenant.id)/scope", as: nil,
            headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
            form: "_csrf=\(csrf)&" + form)
        }
        let path = "/admin/apps/kandji/tenants/\(tenant.id)"
        var page = try await client.call(.get, path, as: nil, headers: [("Cookie", cookie)])
        #expect(page.status == .ok)
        // The run named the blueprints of the devices it listed: one checkbox each, none ticked.
        for id in groups.keys { #expect(page.text.contains(#"name="blueprint:\#(id)" value="1">"#), "\(id)") }
        #expect(page.text.contains(#"id="console-effective">\#(h.simulatorURL)<"#))

        let refused = try await post("console_url=http%3A%2F%2Facme.iru.com")
        #expect(refused.status == .badRequest)
        #expect(refused.text.contains(#"id="console-url-error""#))
        #expect(refused.text.contains("not an https:// URL"))
        #expect(refused.text.contains(#"value="http://acme.iru.com""#))
        #expect(try await h.store.kandjiConnection(id: tenant.id)?.settings.consoleURL == nil)

        let saved = try await post("console_url=acme.iru.com&blueprint%3A\(chosen)=1")
        #expect(saved.status == .seeOther, "\(saved.text)")
        let settings = try #require(try await h.store.kandjiConnection(id: tenant.id)?.settings)
        #expect(settings.consoleURL == "https://acme.iru.com")
        #expect(settings.blueprintIDs == [chosen])
        page = try await client.call(.get, path, as: nil, headers: [("Cookie", cookie)])
        #expect(page.text.contains(#"name="blueprint:\#(chosen)" value="1" checked>"#))

        // The asset page's "Open in Kandji" follows the console URL.
        let device = try #require(members.first)
        let asset = try #require(try await h.store.asset(kandjiDeviceID: device.deviceID))
        let assetPage = try await client.call(.get, "/assets/\(asset.id)", as: nil, headers: [("Cookie", cookie)])
        #expect(assetPage.text.contains(#"href="https://acme.iru.com/devices/\#(device.deviceID)""#))
      }
    }
  }
}
