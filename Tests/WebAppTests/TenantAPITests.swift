import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import KandjiSimulator
import Testing
import WebApp

/// Two Kandji tenants through the REST API (issue 11, R22): `apps/kandji/tenants/`, assets
/// labelled and filtered by tenant with console links to their own host, scoped retirement, a
/// device that moves between tenants, removal, and the single-tenant endpoints beside them.
@Suite("Kandji tenants over the API")
struct TenantAPITests {
  static let mapping = #"{"name_source":"device_name","display_id_source":"serial_number"}"#

  /// A second tenant beside the harness's simulator, on the same virtual request clock.
  static func withSecondTenant<T: Sendable>(
    _ h: AppHarness, devices: Int = 15, _ body: @Sendable (KandjiSimulator, String) async throws -> T
  ) async throws -> T {
    let second = KandjiSimulator(
      configuration: SimulatorConfiguration(
        deviceCount: devices, seed: 99, requestsPerSecond: nil, requestsPerHour: nil),
      clock: h.clock)
    return try await second.withRunningServer { url in try await body(second, url) }
  }

  func create(
    _ client: any TestClientProtocol, _ h: AppHarness, name: String, url: String, token: String
  ) async throws -> Int {
    let created = try await client.call(
      .post, "apps/kandji/tenants", as: h.admin,
      json: #"{"name":"\#(name)","api_url":"\#(url)","api_token":"\#(token)"}"#)
    #expect(created.status == .created, "\(created.text)")
    return try #require((created.json["tenant"] as? [String: Any])?["id"] as? Int)
  }

  /// Every synced asset of a type's listing, by serial number.
  func assets(_ client: any TestClientProtocol, _ h: AppHarness, query: String = "") async throws -> [[String: Any]] {
    var all: [[String: Any]] = []
    for type in try await h.store.assetTypes() where type.isManaged {
      let page = try await client.call(.get, "assets?asset_type=\(type.id)&size=50\(query)", as: h.agent)
      #expect(page.status == .ok, "\(page.text)")
      all += page.json["data"] as? [[String: Any]] ?? []
    }
    return all
  }

  @Test func twoTenantsSyncSideBySide() async throws {
    try await AppHarness.run(devices: 20) { h in
      try await Self.withSecondTenant(h) { eu, euURL in
        try await h.test { client in
          #expect(try await client.call(.post, "apps/kandji/install", as: h.admin).status == .ok)
          let us = try await create(client, h, name: "US", url: h.simulatorURL, token: h.simulator.fullAccessToken)
          let europe = try await create(client, h, name: "Europe", url: euURL, token: eu.fullAccessToken)
          // Names are unique, case-insensitively.
          let taken = try await client.call(
            .post, "apps/kandji/tenants", as: h.admin,
            json: #"{"name":"europe","api_url":"\#(euURL)","api_token":"\#(eu.fullAccessToken)"}"#)
          #expect(taken.fieldErrors["name"] != nil, "\(taken.text)")
          let listed = try await client.call(.get, "apps/kandji/tenants", as: h.admin)
          #expect(listed.list.compactMap { $0["name"] as? String } == ["US", "Europe"])
          // Agents see assets, not connections.
          #expect(try await client.call(.get, "apps/kandji/tenants", as: h.agent).status == .forbidden)

          for id in [us, europe] {
            let saved = try await client.call(
              .put, "apps/kandji/tenants/\(id)/mapping", as: h.admin, json: Self.mapping)
            #expect(saved.status == .accepted, "\(saved.text)")
          }
          await h.services.coordinator.waitForAllRuns()

          // Each asset names its tenant and links to its own tenant's console.
          var all = try await assets(client, h)
          #expect(all.count == 35)
          for asset in all {
            let source = try #require(asset["source_tenant"] as? [String: Any])
            let url = try #require(asset["source_url"] as? String)
            let host = source["id"] as? Int == us ? h.simulatorURL : euURL
            #expect(url.hasPrefix(host + "/devices/"), "\(url)")
          }
          let onlyEurope = try await assets(client, h, query: "&tenant_id=\(europe)")
          #expect(onlyEurope.count == 15)
          #expect(onlyEurope.allSatisfy { ($0["source_tenant"] as? [String: Any])?["name"] as? String == "Europe" })
          let unknown = try await client.call(.get, "assets?asset_type=1&tenant_id=999", as: h.agent)
          #expect(unknown.status == .notFound)

          // Each connection has its own runs, report and budget.
          let runs = try await client.call(.get, "apps/kandji/tenants/\(europe)/sync_runs", as: h.admin)
          #expect(runs.list.count == 1)
          #expect(runs.list.first?["tenant_id"] as? Int == europe)
          let runID = try #require(runs.list.first?["id"] as? Int)
          let report = try await client.call(
            .get, "apps/kandji/tenants/\(europe)/sync_runs/\(runID)/report.csv", as: h.admin)
          #expect(report.text.split(separator: "\r\n").count == 16)
          let foreign = try await client.call(
            .get, "apps/kandji/tenants/\(us)/sync_runs/\(runID)/report.csv", as: h.admin)
          #expect(foreign.status == .notFound)
          let detail = try await client.call(.get, "apps/kandji/tenants/\(europe)", as: h.admin)
          let budget = try #require(detail.json["budget"] as? [String: Any])
          #expect((budget["calls_last_hour"] as? Int ?? 0) >= 16)
          #expect(budget["requests_per_hour"] as? Int == 9_000)

          // Devices deleted in the US tenant retire only US assets.
          let usDevices = h.simulator.devices.prefix(3)
          for device in usDevices { h.simulator.remove(deviceID: device.deviceID) }
          #expect(try await client.call(.post, "apps/kandji/tenants/\(us)/sync", as: h.admin).status == .accepted)
          await h.services.coordinator.waitForAllRuns()
          all = try await assets(client, h)
          let retired = all.filter { $0["retired_at"] is String }
          #expect(retired.count == 3)
          #expect(retired.allSatisfy { ($0["source_tenant"] as? [String: Any])?["id"] as? Int == us })
          #expect(retired.allSatisfy { $0["retired_reason"] as? String == "no longer in Kandji" })

          // A deleted US device re-enrolled in Europe keeps its asset and moves.
          let mover = try #require(usDevices.first)
          let moverAsset = try #require(all.first { ($0["display_id"] as? String) == mover.serialNumber })
          var copy = try #require(eu.devices.first)
          copy.deviceID = UUID().uuidString.lowercased()
          copy.serialNumber = mover.serialNumber
          copy.platform = mover.platform
          eu.add(copy)
          #expect(try await client.call(.post, "apps/kandji/tenants/\(europe)/sync", as: h.admin).status == .accepted)
          let moveRun = await h.services.coordinator.waitForRun(connectionID: Int64(europe))
          #expect(moveRun?.totals.updated == 1)
          let moverID = try #require(moverAsset["id"] as? Int)
          let moved = try await client.call(.get, "asset/\(moverID)", as: h.agent)
          #expect((moved.json["source_tenant"] as? [String: Any])?["name"] as? String == "Europe")
          #expect(moved.json["retired_at"] is NSNull)
          #expect((moved.json["source_url"] as? String)?.hasPrefix(euURL) == true)
          let rows = try await h.store.allReportRows(runID: try #require(moveRun?.id))
          #expect(rows.contains { $0.outcome == .updated && $0.reason.contains("moved from tenant \"US\"") })

          // Removing needs a disabled connection; it retires what is left, with a reason.
          let refused = try await client.call(.delete, "apps/kandji/tenants/\(us)", as: h.admin)
          #expect(refused.status == .conflict)
          #expect(try await client.call(.post, "apps/kandji/tenants/\(us)/disable", as: h.admin).status == .ok)
          let removed = try await client.call(.delete, "apps/kandji/tenants/\(us)", as: h.admin)
          #expect(removed.json["assets_retired"] as? Int == 17)
          all = try await assets(client, h)
          let usAssets = all.filter { ($0["source_tenant"] as? [String: Any])?["id"] as? Int == us }
          #expect(usAssets.count == 19)
          #expect(usAssets.allSatisfy { $0["retired_at"] is String })
          #expect(
            usAssets.filter {
              ($0["retired_reason"] as? String)?.contains("Kandji connection \"US\" was removed") == true
            }
            .count == 17)
          #expect(all.filter { $0["retired_at"] is NSNull }.count == 16)
          let remaining = try await client.call(.get, "apps/kandji/tenants", as: h.admin)
          #expect(remaining.list.compactMap { $0["name"] as? String } == ["Europe"])
          #expect(try await client.call(.post, "apps/kandji/tenants/\(us)/sync", as: h.admin).status == .notFound)
        }
      }
    }
  }

  @Test func singleTenantEndpointsActOnTheFirstConnection() async throws {
    try await AppHarness.run(devices: 5, backends: [.sqlite]) { h in
      try await Self.withSecondTenant(h, devices: 4) { eu, euURL in
        try await h.test { client in
          _ = try await client.call(.post, "apps/kandji/install", as: h.admin)
          let authorized = try await client.call(
            .post, "apps/kandji/authorize", as: h.admin,
            json: #"{"api_url":"\#(h.simulatorURL)","api_token":"\#(h.simulator.fullAccessToken)"}"#)
          #expect(authorized.json["authorized"] as? Bool == true)
          _ = try await create(client, h, name: "Europe", url: euURL, token: eu.fullAccessToken)
          let status = try await client.call(.get, "apps/kandji", as: h.admin)
          let tenants = try #require(status.json["tenants"] as? [[String: Any]])
          #expect(tenants.count == 2)
          // The legacy mapping goes to connection #1 only.
          #expect(
            try await client.call(.put, "apps/kandji/mapping", as: h.admin, json: Self.mapping).status == .accepted)
          await h.services.coordinator.waitForAllRuns()
          let runs = try await client.call(.get, "apps/kandji/sync_runs", as: h.admin)
          #expect(runs.list.count == 1)
          #expect(runs.list.first?["tenant_id"] as? Int == tenants.first?["id"] as? Int)
        }
      }
    }
  }
}
