import AssetCore
import AssetStore
import Foundation
import KandjiSimulator
import SyncService
import Testing
import WebApp

/// Quick refreshes (issue 13, R23) on a test clock: their schedule, what they write, how they
/// give way to a daily sync, and the history's retention.
@Suite("Quick refreshes", .timeLimit(.minutes(3)))
struct QuickRefreshTests {
  static let start = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z

  func connection(_ h: AppHarness, refreshMinutes: Int) async throws -> KandjiConnection {
    // The daily run at 20:00 UTC stays outside the tests' hours.
    try await h.store.readyConnection(
      url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer,
      schedule: SyncSchedule(hour: 20, timeZone: "UTC"), refreshMinutes: refreshMinutes)
  }

  @Test("every refresh_minutes after the last run began; refreshes that change nothing store no rows")
  func refreshesOnSchedule() async throws {
    let clock = ManualClock(start: Self.start, limit: Self.start.addingTimeInterval(2 * 3_600 + 60))
    try await AppHarness.run(devices: 30, wallClock: clock) { h in
      let tenant = try await connection(h, refreshMinutes: 15)
      try await h.services.coordinator.start(connectionID: tenant.id, trigger: .initial)
      await h.services.coordinator.waitForAllRuns()
      // Hourly at most between due refreshes (which wake it anyway): the default minute ticks are
      // 121 round trips through the store that a loaded test process runs slowly, not behaviour.
      try await SyncScheduler(store: h.store, coordinator: h.services.coordinator, clock: clock, maxSleep: 3_600)
        .loop()
      await h.services.coordinator.waitForAllRuns()
      let runs = try await h.store.syncRuns(connectionID: tenant.id, limit: 100).sorted { $0.id < $1.id }
      let refreshes = runs.filter { $0.trigger == .refresh }
      #expect(refreshes.count == 8, "08:15, 08:30 … 10:00")
      #expect(refreshes.allSatisfy { $0.status == .completed && $0.totals.skipped == 30 })
      let starts = refreshes.map { $0.startedAt.timeIntervalSince(Self.start) / 60 }
      #expect(starts == [15, 30, 45, 60, 75, 90, 105, 120])
      for run in refreshes {
        #expect(try await h.store.allReportRows(runID: run.id).isEmpty)
        #expect(run.listRequests == 1 && run.detailRequests == 0)
      }
    }
  }

  @Test("a device changed, one added and one removed between refreshes: three rows, details for the new one")
  func changesBetweenRefreshes() async throws {
    try await AppHarness.run(devices: 20) { h in
      let tenant = try await connection(h, refreshMinutes: 15)
      try await h.services.coordinator.start(connectionID: tenant.id, trigger: .initial)
      await h.services.coordinator.waitForAllRuns()
      let devices = h.simulator.devices
      h.simulator.setOSVersion(deviceID: devices[0].deviceID, to: "26.4")
      h.simulator.remove(deviceID: devices[1].deviceID)
      let added = try #require(h.simulator.addDevices(count: 1).first)
      try await h.services.coordinator.start(connectionID: tenant.id, trigger: .refresh)
      let run = try #require(await h.services.coordinator.waitForRun(connectionID: tenant.id))
      #expect(run.status == .completed)
      #expect(run.totals.updated == 1 && run.totals.created == 1 && run.totals.retired == 1)
      #expect(run.totals.skipped == 18)
      #expect(run.detailRequests == 1, "details only for the new device")
      let rows = try await h.store.allReportRows(runID: run.id)
      #expect(Set(rows.map(\.outcome)) == [.updated, .created, .retired])
      #expect(rows.count == 3)
      let changed = try await h.store.assets(AssetQuery(search: devices[0].serialNumber)).items.first
      #expect(changed?.kandji?.osVersion == "26.4")
      #expect(try await h.store.assets(AssetQuery(search: added.serialNumber)).total == 1)
      #expect(try await h.store.countAssetsNeedingDetails(connectionID: tenant.id) == 0)
    }
  }

  @Test("a refresh gives way to a sync of its connection; the sync completes")
  func refreshYieldsToASync() async throws {
    try await AppHarness.run(devices: 10, backends: [.sqlite]) { h in
      let tenant = try await connection(h, refreshMinutes: 15)
      try await h.services.coordinator.start(connectionID: tenant.id, trigger: .initial)
      await h.services.coordinator.waitForAllRuns()
      // The refresh's list call is held by the simulator: it is in flight when the daily run
      // starts (no real time passes).
      h.simulator.inject(.hold, on: .list)
      let refresh = try await h.services.coordinator.start(connectionID: tenant.id, trigger: .refresh)
      await h.simulator.waitForHeldRequests(1)
      let daily = try await h.services.coordinator.start(connectionID: tenant.id, trigger: .scheduled)
      let finished = try #require(await h.services.coordinator.waitForRun(connectionID: tenant.id))
      #expect(finished.id == daily.id)
      #expect(finished.status == .completed)
      #expect(try await h.store.syncRun(id: refresh.id)?.status == .interrupted)
      // A refresh never takes a sync's place: one started while the sync runs is refused.
      h.simulator.inject(.hold, on: .list)
      let another = try await h.services.coordinator.start(connectionID: tenant.id, trigger: .manual)
      await h.simulator.waitForHeldRequests(2)
      await #expect(throws: StoreError.syncAlreadyRunning(runID: another.id)) {
        try await h.services.coordinator.start(connectionID: tenant.id, trigger: .refresh)
      }
      await h.services.coordinator.cancelRun(connectionID: tenant.id)
      h.simulator.releaseHeldRequests()
    }
  }

  @Test("history older than the retention goes in small batches; newer history stays")
  func historyRetention() async throws {
    let clock = ManualClock(start: Self.start, limit: Self.start.addingTimeInterval(120))
    try await AppHarness.run(devices: 5, wallClock: clock) { h in
      let tenant = try await connection(h, refreshMinutes: 0)
      // An old run with 4,500 report rows (three batches), and a recent one.
      var old = try await h.store.beginSyncRun(
        connectionID: tenant.id, trigger: .scheduled, owner: "t", at: Self.start.addingTimeInterval(-100 * 86_400),
        staleAfter: 120)
      let rows = (0..<4_500).map {
        SyncReportRow(
          outcome: .skipped, kandjiDeviceID: "d\($0)", displayID: "D\($0)", name: "n", platform: "Mac",
          reason: "unchanged")
      }
      _ = try await h.store.applySyncBatch(
        SyncBatch(runID: old.id, at: old.startedAt, firstPosition: 0, decisions: [], rows: rows))
      old.status = .completed
      old.finishedAt = old.startedAt.addingTimeInterval(60)
      try await h.store.updateSyncRun(old)
      var recent = try await h.store.beginSyncRun(
        connectionID: tenant.id, trigger: .scheduled, owner: "t", at: Self.start.addingTimeInterval(-86_400),
        staleAfter: 120)
      _ = try await h.store.applySyncBatch(
        SyncBatch(runID: recent.id, at: recent.startedAt, firstPosition: 0, decisions: [], rows: Array(rows.prefix(3))))
      recent.status = .completed
      recent.finishedAt = recent.startedAt.addingTimeInterval(60)
      try await h.store.updateSyncRun(recent)

      #expect(
        try await h.store.pruneSyncHistory(endedBefore: Self.start.addingTimeInterval(-90 * 86_400), limit: 2_000)
          == 2_000)
      try await SyncScheduler(
        store: h.store, coordinator: h.services.coordinator, clock: clock, historyRetentionDays: 90
      )
      .loop()
      #expect(try await h.store.syncRun(id: old.id) == nil)
      #expect(try await h.store.allReportRows(runID: old.id).isEmpty)
      #expect(try await h.store.syncRun(id: recent.id) != nil)
      #expect(try await h.store.allReportRows(runID: recent.id).count == 3)
    }
  }
}
