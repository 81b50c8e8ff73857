import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import KandjiSimulator
import Testing
import WebApp

/// The details backfill and rotation over the API and on the connection page (issue 19):
/// choosing a details attribute through `…/fields/` starts a run that reads each device's details
/// once; `…/fields/` and the page show what is left and the time it takes at the connection's
/// budget; `details_max_age_days` is set through the tenant API and the pacing form. Both backends.
@Suite("Details backfill and rotation over the API and on the page")
struct DetailsBackfillAPITests {
  static let withDetails = KandjiAttributeCatalogue.defaultKeys + ["filevault_enabled", "storage_free"]

  /// A synced connection whose assets' details documents are gone: an installation upgraded from
  /// a release that did not keep them.
  func upgradedConnection(_ h: AppHarness) async throws -> KandjiConnection {
    let tenant = try await h.store.readyConnection(
      url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer)
    try await h.services.coordinator.start(connectionID: tenant.id, trigger: .initial)
    await h.services.coordinator.waitForAllRuns()
    try await StoreBackend.execute("UPDATE assets SET details_attributes = NULL", on: h.store)
    h.simulator.resetStats()
    return tenant
  }

  @Test func choosingADetailsAttributeThroughTheAPIBackfillsAndReportsProgress() async throws {
    try await AppHarness.run(devices: 40) { h in
      let tenant = try await upgradedConnection(h)
      try await h.test { client in
        let path = "apps/kandji/tenants/\(tenant.id)/fields"
        var fields = try await client.call(.get, path, as: h.admin)
        #expect(fields.status == .ok, "\(fields.text)")
        var backfill = try #require(fields.json["details_backfill"] as? [String: Any])
        #expect(backfill["pending"] as? Int == 0 && backfill["total"] as? Int == 40)
        #expect(backfill["details_max_age_days"] is NSNull)

        let body = #"{"fields":[\#(Self.withDetails.map { "\"\($0)\"" }.joined(separator: ","))]}"#
        let saved = try await client.call(.put, path, as: h.admin, json: body)
        #expect(saved.status == .ok, "\(saved.text)")
        await h.services.coordinator.waitForAllRuns()
        // One details call per device and the listing's one page: the floor.
        #expect(h.simulator.stats.detailRequests == 40)
        #expect(h.simulator.stats.listRequests == 1)
        fields = try await client.call(.get, path, as: h.admin)
        backfill = try #require(fields.json["details_backfill"] as? [String: Any])
        #expect(backfill["pending"] as? Int == 0 && backfill["done"] as? Int == 40)
        #expect(backfill["estimated_seconds_left"] as? Int == 0)
      }
    }
  }

  @Test func thePageShowsWhatIsLeftAndTheRotation() async throws {
    try await AppHarness.run(devices: 40) { h in
      let tenant = try await upgradedConnection(h)
      // Queued without a run (as the CLI does): the page shows the whole backfill waiting.
      try await h.services.application.connections.saveFieldSelection(
        Self.withDetails, connectionID: tenant.id, startBackfill: false)
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "admin@example.com")
        let path = "/admin/apps/kandji/tenants/\(tenant.id)"
        var page = try await client.call(.get, path, as: nil, headers: [("Cookie", cookie)])
        #expect(page.status == .ok)
        #expect(page.text.contains(#"id="details-backfill""#))
        #expect(page.text.contains("0 of 40 devices read, 40 waiting"))
        #expect(page.text.contains("about 1 min left at 9000 calls an hour"))
        #expect(page.text.contains(#"<progress id="details-backfill-bar" max="40" value="0">"#))

        func pacing(_ days: String) async throws -> Reply {
          try await client.call(
            .post, path + "/pacing", as: nil,
            headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
            form: "_csrf=\(csrf)&requests_per_second=40&requests_per_hour=9000&refresh_minutes=0"
              + "&details_max_age_days=\(days)")
        }
        for refused in ["366", "seven"] {
          let reply = try await pacing(refused)
          #expect(reply.status == .badRequest, "\(refused)")
          #expect(reply.text.contains(#"id="details-max-age-error""#), "\(refused)")
          #expect(reply.text.contains(#"value="\#(refused)""#), "\(refused)")
        }
        #expect(try await h.store.kandjiConnection(id: tenant.id)?.settings.detailsMaxAgeDays == nil)
        #expect(try await pacing("7").status == .seeOther)
        #expect(try await h.store.kandjiConnection(id: tenant.id)?.settings.detailsMaxAgeDays == 7)

        // A sync fetches the backfill; the page then shows the rotation's share instead.
        try await h.services.coordinator.start(connectionID: tenant.id, trigger: .manual)
        await h.services.coordinator.waitForAllRuns()
        page = try await client.call(.get, path, as: nil, headers: [("Cookie", cookie)])
        #expect(!page.text.contains(#"id="details-backfill""#))
        #expect(page.text.contains("at most 7 days old — each sync reads the 6 read longest ago"))
        #expect(page.text.contains(#"name="details_max_age_days" type="number" min="0" max="365" value="7""#))

        #expect(try await pacing("").status == .seeOther)
        #expect(try await h.store.kandjiConnection(id: tenant.id)?.settings.detailsMaxAgeDays == nil)
      }
    }
  }

  @Test func theFieldChooserOnThePageStartsTheBackfill() async throws {
    try await AppHarness.run(devices: 40) { h in
      let tenant = try await upgradedConnection(h)
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "admin@example.com")
        let saved = try await client.call(
          .post, "/admin/apps/kandji/tenants/\(tenant.id)/fields", as: nil,
          headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
          form: "_csrf=\(csrf)&field%3Aserial_number=1&field%3Afilevault_enabled=1&order%3Afilevault_enabled=2")
        #expect(saved.status == .seeOther, "\(saved.text)")
        await h.services.coordinator.waitForAllRuns()
        #expect(h.simulator.stats.detailRequests == 40)
        #expect(h.simulator.stats.listRequests == 1)
        let progress = try await h.services.application.connections.detailsBackfillProgress(connectionID: tenant.id)
        #expect(progress.pending == 0 && progress.total == 40)
      }
    }
  }

  @Test func theTenantAPISetsAndClearsTheRotation() async throws {
    try await AppHarness.run(devices: 5) { h in
      let tenant = try await h.store.readyConnection(
        url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer)
      try await h.test { client in
        let path = "apps/kandji/tenants/\(tenant.id)"
        func put(_ json: String) async throws -> Reply { try await client.call(.put, path, as: h.admin, json: json) }
        func days(_ reply: Reply) -> Any? { (reply.json["schedule"] as? [String: Any])?["details_max_age_days"] }

        var reply = try await put(#"{"details_max_age_days": 7}"#)
        #expect(reply.status == .ok, "\(reply.text)")
        #expect(days(reply) as? Int == 7)
        // Another setting alone keeps it.
        reply = try await put(#"{"refresh_minutes": 30}"#)
        #expect(days(reply) as? Int == 7)
        for refused in [#"366"#, #"-1"#, #""seven""#, #"1.5"#] {
          reply = try await put(#"{"details_max_age_days": \#(refused)}"#)
          #expect(reply.status == .badRequest, "\(refused)")
          #expect(reply.fieldErrors["details_max_age_days"] != nil, "\(refused): \(reply.text)")
        }
        #expect(try await h.store.kandjiConnection(id: tenant.id)?.settings.detailsMaxAgeDays == 7)
        for off in ["0", "null"] {
          _ = try await put(#"{"details_max_age_days": 7}"#)
          reply = try await put(#"{"details_max_age_days": \#(off)}"#)
          #expect(reply.status == .ok, "\(off)")
          #expect(days(reply) is NSNull, "\(off)")
        }
        #expect(try await h.store.kandjiConnection(id: tenant.id)?.settings.detailsMaxAgeDays == nil)
      }
    }
  }
}
