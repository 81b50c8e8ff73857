import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import KandjiAPI
import KandjiSimulator
import SyncService
import Testing

/// The details rotation (issue 19): with `detailsMaxAgeDays` = D each run re-reads the
/// ⌈devices / D⌉ oldest details, so one run a day keeps every device's details at most D days
/// old. Real runs over loopback; a day passes on the engine's manual clock.
@Suite("Details rotation: every device's details at most D days old")
struct DetailsRotationTests {
  @Test func theShareIsTheCeilingOfDevicesOverDays() {
    let mapping = FieldMapping.default
    let rotation = SyncOptions(connectionID: 1, mapping: mapping, detailsRefreshPerRun: 50, detailsMaxAgeDays: 7)
    #expect(rotation.detailsToRefresh(devicesListed: 10_000) == 1_429)
    #expect(rotation.detailsToRefresh(devicesListed: 100) == 15)
    #expect(rotation.detailsToRefresh(devicesListed: 7) == 1)
    #expect(rotation.detailsToRefresh(devicesListed: 0) == 0)
    // Off (nil, or 0 from an old document): today's fixed refresh count.
    #expect(
      SyncOptions(connectionID: 1, mapping: mapping, detailsRefreshPerRun: 50).detailsToRefresh(devicesListed: 10_000)
        == 50)
    #expect(
      SyncOptions(connectionID: 1, mapping: mapping, detailsRefreshPerRun: 3, detailsMaxAgeDays: 0)
        .detailsToRefresh(devicesListed: 10_000) == 3)
  }

  @Test func theSettingIsCheckedAndOldDocumentsDecodeWithItOff() throws {
    var settings = ConnectionSettings()
    #expect(settings.detailsMaxAgeDays == nil)
    for days in [1, 7, 365] {
      settings.detailsMaxAgeDays = days
      #expect(settings.problem == nil)
    }
    for days in [0, -1, 366] {
      settings.detailsMaxAgeDays = days
      #expect(settings.problem?.field == "details_max_age_days")
    }
    let old = try JSONDecoder().decode(ConnectionSettings.self, from: Data(#"{"detailsRefreshPerRun":5}"#.utf8))
    #expect(old.detailsMaxAgeDays == nil && old.detailsRefreshPerRun == 5)
    settings.detailsMaxAgeDays = 30
    let again = try JSONDecoder().decode(ConnectionSettings.self, from: try JSONEncoder().encode(settings))
    #expect(again.detailsMaxAgeDays == 30)
  }

  @Test(arguments: StoreBackend.allCases)
  func dailyRunsReadEachDevicesDetailsAgainWithinDDays(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 100, backend: backend) { h in
      let options = SyncOptions(connectionID: h.connectionID, mapping: .default, detailsMaxAgeDays: 7)
      let first = try await h.engine.runOnce(client: try h.client(), options: options, trigger: .manual)
      #expect(first.detailRequests == 100)  // the new devices; nothing older to rotate yet
      let imported = h.time.now()
      var ids: [Int64] = []
      for device in h.simulator.devices {
        ids.append(try #require(try await h.store.asset(kandjiDeviceID: device.deviceID)).id)
      }
      for day in 1...7 {
        h.time.advance(by: .seconds(86_400))
        h.simulator.resetStats()
        let run = try await h.engine.runOnce(client: try h.client(), options: options, trigger: .scheduled)
        #expect(run.status == .completed)
        // ⌈100 / 7⌉ = 15 a day, and not one more: the floor of the rotation.
        #expect(run.detailRequests == 15, "day \(day)")
        #expect(h.simulator.stats.detailRequests == 15, "day \(day)")
        #expect(run.detailsPending == 0)
        // No device's details are older than D days at any point.
        for id in ids {
          let asOf = try #require(try await h.store.assetDetail(id: id, recentTickets: 0)?.detailsAsOf)
          #expect(h.time.now().timeIntervalSince(asOf) <= 7 * 86_400)
        }
      }
      // After D runs every device was read again (15 × 7 = 105 ≥ 100).
      for id in ids {
        let asOf = try #require(try await h.store.assetDetail(id: id, recentTickets: 0)?.detailsAsOf)
        #expect(asOf > imported)
      }
    }
  }

  @Test(arguments: StoreBackend.allCases)
  func withoutARotationNoDetailsAreReadAgain(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 40, backend: backend) { h in
      let options = SyncOptions(connectionID: h.connectionID, mapping: .default)
      _ = try await h.engine.runOnce(client: try h.client(), options: options, trigger: .manual)
      h.time.advance(by: .seconds(86_400))
      let next = try await h.engine.runOnce(client: try h.client(), options: options, trigger: .scheduled)
      #expect(next.detailRequests == 0)
    }
  }
}
