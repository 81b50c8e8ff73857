import AssetCore
import AssetStore
import Foundation
import SyncService
import Testing
import WebApp

/// "Refresh from Kandji" on one asset (issue 13, R23) through the API and the web form, and the
/// Kandji page's history, which folds quick refreshes into per-day totals.
@Suite("Refresh one asset, and quick refreshes in the history")
struct AssetRefreshTests {
  static let start = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z

  @Test("POST asset/<id>/refresh/: Kandji's new values at once, once a minute; manual assets and unknown ids refused")
  func refreshThroughTheAPI() async throws {
    let clock = ManualClock(start: Self.start, limit: Self.start.addingTimeInterval(86_400))
    try await AppHarness.run(devices: 12, wallClock: clock) { h in
      let tenant = try await h.store.readyConnection(
        url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer)
      try await h.services.coordinator.start(connectionID: tenant.id, trigger: .initial)
      await h.services.coordinator.waitForAllRuns()
      let device = h.simulator.devices[3]
      let asset = try #require(try await h.store.assets(AssetQuery(search: device.serialNumber)).items.first)
      #expect(asset.kandji?.osVersion != "26.4")
      #expect(h.simulator.setOSVersion(deviceID: device.deviceID, to: "26.4"))

      h.simulator.resetStats()
      try await h.test { client in
        let refreshed = try await client.call(.post, "asset/\(asset.id)/refresh/", as: h.agent)
        #expect(refreshed.status == .ok)
        #expect(refreshed.json["result"] as? String == "updated")
        #expect(refreshed.json["details_refreshed"] as? Bool == true)
        #expect(refreshed.text.contains("26.4"))
        let freshness = (refreshed.json["asset"] as? [String: Any])?["kandji_data_as_of"] as? [String: Any]
        #expect(freshness?["list"] as? String == "2027-01-15T08:00:00Z")
        #expect(freshness?["details"] as? String == "2027-01-15T08:00:00Z")
        #expect(try await h.store.asset(id: asset.id)?.kandji?.osVersion == "26.4")
        // One list call filtered by the device and one details call.
        #expect(h.simulator.stats.listRequests == 1 && h.simulator.stats.detailRequests == 1)

        let again = try await client.call(.post, "asset/\(asset.id)/refresh/", as: h.agent)
        #expect(again.status == .tooManyRequests)
        #expect(again.headers[.retryAfter] == "60")

        clock.reset(to: Self.start.addingTimeInterval(61))
        let later = try await client.call(.post, "asset/\(asset.id)/refresh/", as: h.agent)
        #expect(later.status == .ok)
        #expect(later.json["result"] as? String == "unchanged")

        let mac = try await h.store.managedType(for: .mac)
        let manual = try await h.store.createManualAsset(
          ManualAssetDraft(assetTypeID: mac.id, name: "Loaner", displayID: "LOAN-1"), at: Self.start)
        let refused = try await client.call(.post, "asset/\(manual.id)/refresh/", as: h.agent)
        #expect(refused.status == .conflict)
        #expect(refused.message.contains("Only assets synced from Kandji"))
        #expect(try await client.call(.post, "asset/999999/refresh/", as: h.agent).status == .notFound)
        #expect(try await client.call(.post, "asset/\(asset.id)/refresh/", as: nil).status == .unauthorized)
      }
    }
  }

  @Test("a connection's single-asset refreshes are capped at 5 % of its hourly budget")
  func allowancePerConnection() async throws {
    let clock = ManualClock(start: Self.start, limit: Self.start.addingTimeInterval(86_400))
    try await AppHarness.run(devices: 12, wallClock: clock, backends: [.sqlite]) { h in
      var tenant = try await h.store.readyConnection(
        url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer)
      tenant.settings.requestsPerHour = 200  // 5 % at two calls each: at least 10 an hour
      try await h.store.saveKandjiConnection(tenant)
      try await h.services.coordinator.start(connectionID: tenant.id, trigger: .initial)
      await h.services.coordinator.waitForAllRuns()
      let ids = try await h.store.assets(AssetQuery(managed: true, size: 20)).items.map(\.id)
      #expect(ids.count == 12)
      try await h.test { client in
        for id in ids.prefix(10) {
          #expect(try await client.call(.post, "asset/\(id)/refresh/", as: h.agent).status == .ok)
        }
        clock.reset(to: Self.start.addingTimeInterval(600))
        let capped = try await client.call(.post, "asset/\(ids[10])/refresh/", as: h.agent)
        #expect(capped.status == .tooManyRequests)
        #expect(capped.headers[.retryAfter] == "3000")
        #expect(capped.message.contains("10 single-asset refreshes of the hour are used up"))
        // The refused asset was not marked: an hour after the first ones it goes through.
        clock.reset(to: Self.start.addingTimeInterval(3_600))
        #expect(try await client.call(.post, "asset/\(ids[10])/refresh/", as: h.agent).status == .ok)
      }
    }
  }

  @Test("a device Kandji no longer lists is reported, not retired; a Kandji outage is a 502")
  func refreshOfARemovedDevice() async throws {
    try await AppHarness.run(devices: 5, backends: [.sqlite]) { h in
      let tenant = try await h.store.readyConnection(
        url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer)
      try await h.services.coordinator.start(connectionID: tenant.id, trigger: .initial)
      await h.services.coordinator.waitForAllRuns()
      let gone = h.simulator.devices[0]
      let goneAsset = try #require(try await h.store.assets(AssetQuery(search: gone.serialNumber)).items.first)
      #expect(h.simulator.remove(deviceID: gone.deviceID))
      let other = try #require(
        try await h.store.assets(AssetQuery(search: h.simulator.devices[1].serialNumber)).items.first)
      h.simulator.inject(.status(500), on: .list, times: 10)
      try await h.test { client in
        let reply = try await client.call(.post, "asset/\(other.id)/refresh/", as: h.agent)
        #expect(reply.status == .badGateway)
        #expect(reply.message.hasPrefix("Kandji could not be reached"))
        h.simulator.clearFaults()
        let notListed = try await client.call(.post, "asset/\(goneAsset.id)/refresh/", as: h.agent)
        #expect(notListed.status == .ok)
        #expect(notListed.json["result"] as? String == "not_listed")
      }
      #expect(try await h.store.asset(id: goneAsset.id)?.isRetired == false)
    }
  }

  @Test("the Kandji page lists daily runs and folds quick refreshes into per-day totals with their budget")
  func historyFoldsRefreshes() async throws {
    try await AppHarness.run(devices: 20, backends: [.sqlite]) { h in
      let tenant = try await h.store.readyConnection(
        url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer, refreshMinutes: 15)
      let initial = try await h.services.coordinator.start(connectionID: tenant.id, trigger: .initial)
      await h.services.coordinator.waitForAllRuns()
      var started: [Int64] = []
      for _ in 0..<3 {
        started.append(try await h.services.coordinator.start(connectionID: tenant.id, trigger: .refresh).id)
        await h.services.coordinator.waitForAllRuns()
      }
      let refreshIDs = started
      try await h.test { client in
        let session = try await WebUITests.signIn(client, h.admin.agent.email)
        let page = try await client.call(
          .get, "/admin/apps/kandji/tenants/\(tenant.id)", as: nil, headers: [("Cookie", session.cookie)])
        #expect(page.status == .ok)
        let runsTable = try #require(Self.section(of: page.text, from: "id=\"runs-table\"", to: "</table>"))
        #expect(runsTable.contains("<td data-label=\"Sync\">\(initial.id)</td>"))
        #expect(!refreshIDs.contains { runsTable.contains("<td data-label=\"Sync\">\($0)</td>") })
        let days = try #require(Self.section(of: page.text, from: "id=\"refresh-days\"", to: "</table>"))
        let today = QuickRefreshHistoryProbe.day(Date())
        #expect(days.contains("<td>\(today)</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td>"))
        #expect(page.text.contains("3 of them by quick refreshes"))
      }
    }
  }

  @Test("/metrics gives per connection the age of the oldest list data, the last hour's calls, and runs by trigger")
  func freshnessMetrics() async throws {
    let clock = ManualClock(start: Self.start, limit: Self.start.addingTimeInterval(86_400))
    try await AppHarness.run(devices: 8, wallClock: clock, backends: [.sqlite]) { h in
      let tenant = try await h.store.readyConnection(
        url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer)
      let metrics = h.services.metrics
      await h.services.coordinator.setOnRunFinished { metrics.countRun($0) }
      try await h.services.coordinator.start(connectionID: tenant.id, trigger: .initial)
      await h.services.coordinator.waitForAllRuns()
      clock.reset(to: Self.start.addingTimeInterval(600))
      try await h.test { client in
        let metrics = try await client.call(.get, "/metrics", as: h.admin)
        #expect(metrics.status == .ok)
        let lines = metrics.text.split(separator: "\n").map(String.init)
        let name = tenant.name
        let age = lines.first { $0.hasPrefix("assetsync_kandji_list_data_age_seconds{tenant=\"\(name)\"} ") }
        #expect(age.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) } == 600)
        #expect(lines.contains { $0.hasPrefix("assetsync_kandji_calls_last_hour{tenant=\"\(name)\"} ") })
        #expect(lines.contains { $0.hasPrefix("assetsync_sync_runs_total{") && $0.contains("trigger=\"initial\"") })
        // A renamed connection's old series go; the new name's come.
        var renamed = tenant
        renamed.name = "Renamed tenant"
        try await h.store.saveKandjiConnection(renamed)
        let after = try await client.call(.get, "/metrics", as: h.admin).text
        #expect(!after.contains("tenant=\"\(name)\""))
        #expect(after.contains("assetsync_kandji_calls_last_hour{tenant=\"Renamed tenant\"}"))
      }
    }
  }

  static func section(of text: String, from start: String, to end: String) -> String? {
    guard let lower = text.range(of: start), let upper = text.range(of: end, range: lower.upperBound..<text.endIndex)
    else { return nil }
    return String(text[lower.lowerBound..<upper.upperBound])
  }
}

/// Today's date as the Kandji page writes it (UTC).
enum QuickRefreshHistoryProbe {
  static func day(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .gmt
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
  }
}
