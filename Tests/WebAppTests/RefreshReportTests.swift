import AssetCore
import AssetStore
import Foundation
import KandjiSimulator
import SyncService
import Testing
import WebApp

/// A quick refresh stores report rows only for what changed, at sparse positions; its CSV (API),
/// its run (API) and the store agree row for row.
@Suite("Quick refresh reports")
struct RefreshReportTests {
  @Test("the CSV of a refresh holds each changed device once, as its totals say")
  func refreshCSVMatchesTotals() async throws {
    try await AppHarness.run(devices: 700) { h in
      let tenant = try await h.store.readyConnection(
        url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer,
        schedule: SyncSchedule(hour: 20, timeZone: "UTC"), refreshMinutes: 15)
      try await h.services.coordinator.start(connectionID: tenant.id, trigger: .initial)
      await h.services.coordinator.waitForAllRuns()
      // Changes spread over all three pages, one device gone, two new.
      let devices = h.simulator.devices
      for index in [5, 310, 650] { h.simulator.setOSVersion(deviceID: devices[index].deviceID, to: "26.\(index)") }
      h.simulator.remove(deviceID: devices[420].deviceID)
      h.simulator.addDevices(count: 2)
      try await h.services.coordinator.start(connectionID: tenant.id, trigger: .refresh)
      let run = try #require(await h.services.coordinator.waitForRun(connectionID: tenant.id))
      #expect(run.totals.updated == 3 && run.totals.created == 2 && run.totals.retired == 1)
      try await h.test { client in
        let csv = try await client.call(
          .get, "apps/kandji/tenants/\(tenant.id)/sync_runs/\(run.id)/report.csv", as: h.admin)
        #expect(csv.status == .ok)
        let lines = csv.text.split(separator: "\r\n").dropFirst()
        #expect(lines.count == 6)
        #expect(Set(lines).count == lines.count)
        let outcomes = lines.map { $0.split(separator: ",").first.map(String.init) ?? "" }
        let api = try await client.call(.get, "apps/kandji/sync_runs/\(run.id)", as: h.admin)
        let totals = try #require(api.json["totals"] as? [String: Int])
        for outcome in ["created", "updated", "retired"] {
          #expect(outcomes.filter { $0 == outcome }.count == totals[outcome], "\(outcome)")
        }
      }
      #expect(try await h.store.allReportRows(runID: run.id).count == 6)
    }
  }
}
