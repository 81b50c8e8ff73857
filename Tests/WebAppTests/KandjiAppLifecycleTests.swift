import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KandjiAPI
import SyncService
import Testing
import WebApp

@Suite("The Kandji app over loopback HTTP: install to disable")
struct KandjiAppLifecycleTests {
  @Test func fullLifecycle() async throws {
    try await AppHarness.run(devices: 120) { h in
      // The client's keep-alive connection waits idle while the sync runs; on a loaded machine
      // that can outlast the 20-second head timeout, which would close it under the test.
      let app = await AppBuilder.buildApplication(
        configuration: AppConfiguration(
          port: 0, bcryptCost: 4, runScheduler: false, allowCustomKandjiEndpoints: true, requestHeadTimeout: 600),
        services: h.services)
      try await app.test(.live) { client in
        // Not installed yet: nothing can be configured.
        let early = try await client.call(
          .post, "apps/kandji/authorize", as: h.admin, json: #"{"api_url":"\#(h.simulatorURL)","api_token":"x"}"#)
        #expect(early.status == .conflict)
        let installed = try await client.call(.post, "apps/kandji/install", as: h.admin)
        #expect(installed.json["installed"] as? Bool == true)
        #expect(installed.json["enabled"] as? Bool == true)
        #expect(installed.json["token_set"] as? Bool == false)

        func authorize(_ token: String) async throws -> Reply {
          try await client.call(
            .post, "apps/kandji/authorize", as: h.admin,
            json: #"{"api_url":"\#(h.simulatorURL)","api_token":"\#(token)"}"#)
        }
        let listOnly = try await authorize(h.simulator.issueToken(permissions: [.deviceList]))
        #expect(listOnly.json["authorized"] as? Bool == false)
        #expect(listOnly.json["code"] as? String == "missing_permission")
        #expect((listOnly.json["message"] as? String)?.contains("\"Device details\"") == true)
        #expect(listOnly.json["saved"] as? Bool == false)
        let revokedToken = h.simulator.issueToken(permissions: [.deviceList, .deviceDetails])
        h.simulator.revokeToken(revokedToken)
        let revoked = try await authorize(revokedToken)
        #expect(revoked.json["code"] as? String == "invalid_token")
        let badURL = try await client.call(
          .post, "apps/kandji/authorize", as: h.admin, json: #"{"api_url":"acme.kandji.io","api_token":"t"}"#)
        #expect(badURL.fieldErrors["api_url"]?.first?.contains("web console") == true)
        #expect(try await client.call(.get, "apps/kandji", as: h.admin).json["token_set"] as? Bool == false)
        let good = try await authorize(h.simulator.fullAccessToken)
        #expect(good.json["authorized"] as? Bool == true)
        #expect(try await client.call(.get, "apps/kandji", as: h.admin).json["token_set"] as? Bool == true)

        // The mapping's dropdowns, then saving it starts the initial sync (R5, R7).
        let fields = try await client.call(.get, "apps/kandji/fields", as: h.admin)
        #expect(fields.list.map { $0["key"] as? String }.contains("serial_number"))
        let badMapping = try await client.call(
          .put, "apps/kandji/mapping", as: h.admin,
          json: #"{"name_source":"colour","display_id_source":"serial_number"}"#)
        #expect(badMapping.fieldErrors["name_source"] != nil)
        let mapping = try await client.call(
          .put, "apps/kandji/mapping", as: h.admin,
          json: #"{"name_source":"device_name","display_id_source":"serial_number"}"#)
        #expect(mapping.status == .accepted)
        let runID = try #require((mapping.json["sync_run"] as? [String: Any])?["id"] as? Int)
        let second = try await client.call(.post, "apps/kandji/sync", as: h.admin)
        if second.status == .conflict { #expect(second.json["running_sync_run_id"] as? Int == runID) }
        await h.services.coordinator.waitForCurrentRun()
        let run = try await client.call(.get, "apps/kandji/sync_runs/\(runID)", as: h.admin)
        #expect(run.json["status"] as? String == "completed")
        #expect((run.json["totals"] as? [String: Int])?["created"] == 120)

        // The report as CSV (R9).
        let csv = try await client.call(.get, "apps/kandji/sync_runs/\(runID)/report.csv", as: h.admin)
        #expect(csv.status == .ok)
        #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
        let lines = csv.text.split(separator: "\r\n")
        #expect(lines.first == "outcome,kandji_device_id,display_id,name,platform,reason")
        #expect(lines.count == 121)

        // Disable: no syncs, assets stay (R21).
        let disabled = try await client.call(.post, "apps/kandji/disable", as: h.admin)
        #expect(disabled.json["enabled"] as? Bool == false)
        let refused = try await client.call(.post, "apps/kandji/sync", as: h.admin)
        #expect(refused.status == .conflict)
        #expect(refused.message.contains("disabled"))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let clock = ManualClock(start: start, limit: start.addingTimeInterval(3 * 86_400))
        try await SyncScheduler(store: h.store, coordinator: h.services.coordinator, clock: clock, maxSleep: 3_600)
          .loop()
        #expect(try await h.store.syncRuns(connectionID: nil, limit: 10).count == 1)
        let mac = try await h.store.managedType(for: .mac)
        let assets = try await client.call(.get, "assets/?asset_type=\(mac.id)", as: h.agent)
        #expect(
          (assets.json["page_info"] as? [String: Int])?["last_index"]
            == h.simulator.devices.filter { $0.platform == .mac }.count)

        // Enable: syncs resume.
        _ = try await client.call(.post, "apps/kandji/enable", as: h.admin)
        let again = try await client.call(.post, "apps/kandji/sync", as: h.admin)
        #expect(again.status == .accepted)
        let finished = await h.services.coordinator.waitForCurrentRun()
        #expect(finished?.status == .completed)
        #expect(finished?.totals.skipped == 120)
        let status = try await client.call(.get, "apps/kandji", as: h.admin)
        #expect(status.json["api_url"] as? String == h.simulatorURL)
        #expect((status.json["schedule"] as? [String: Any])?["next_run_at"] is String)
      }
    }
  }
}
