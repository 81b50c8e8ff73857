import AssetCore
import AssetStore
import Foundation
import SyncService
import Testing
import WebApp

@Suite("The daily scheduler on a test clock")
struct SchedulerTests {
  // The multi-day tests wake the scheduler at least hourly (`maxSleep: 3_600`), not every minute as
  // in production: a week is 168 wake-ups instead of 10,080, each reading the store (on a loaded
  // CI machine the per-minute week ran past the suite's time limit). Slots are woken for anyway.
  static let start = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z

  @discardableResult
  func configure(_ h: AppHarness, enabled: Bool, schedule: SyncSchedule) async throws -> KandjiConnection {
    try await h.store.readyConnection(
      url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer, enabled: enabled,
      schedule: schedule)
  }

  @Test func oneRunPerDayAtTheScheduledTime() async throws {
    let clock = ManualClock(start: Self.start, limit: Self.start.addingTimeInterval(5 * 86_400))
    try await AppHarness.run(devices: 10, wallClock: clock) { h in
      try await configure(h, enabled: true, schedule: SyncSchedule(hour: 3, minute: 15, timeZone: "Europe/Berlin"))
      try await SyncScheduler(store: h.store, coordinator: h.services.coordinator, clock: clock, maxSleep: 3_600).loop()
      let runs = try await h.store.syncRuns(connectionID: nil, limit: 100)
      #expect(runs.count == 5)
      #expect(runs.allSatisfy { $0.trigger == .scheduled && $0.status == .completed })
      let berlin = TimeZone(identifier: "Europe/Berlin")!
      for run in runs {
        let time = Calendar(identifier: .gregorian).dateComponents(in: berlin, from: run.startedAt)
        #expect(time.hour == 3 && time.minute == 15)
      }
      // None overlapping: each run finished before the next began.
      let ordered = runs.sorted { $0.id < $1.id }
      for (a, b) in zip(ordered, ordered.dropFirst()) { #expect(a.finishedAt! <= b.startedAt) }
    }
  }

  @Test func noRunsWhileDisabled() async throws {
    try await AppHarness.run(devices: 5) { h in
      try await configure(h, enabled: false, schedule: SyncSchedule(hour: 1))
      let clock = ManualClock(start: Self.start, limit: Self.start.addingTimeInterval(7 * 86_400))
      try await SyncScheduler(store: h.store, coordinator: h.services.coordinator, clock: clock, maxSleep: 3_600).loop()
      #expect(try await h.store.syncRuns(connectionID: nil, limit: 10).isEmpty)
    }
  }

  @Test func survivesFailedRuns() async throws {
    try await AppHarness.run(devices: 5) { h in
      try await configure(h, enabled: true, schedule: SyncSchedule(hour: 12))
      h.simulator.inject(.status(500), on: .list, times: 4)  // two runs of two attempts each
      let clock = ManualClock(start: Self.start, limit: Self.start.addingTimeInterval(3 * 86_400))
      try await SyncScheduler(store: h.store, coordinator: h.services.coordinator, clock: clock, maxSleep: 3_600).loop()
      let runs = try await h.store.syncRuns(connectionID: nil, limit: 10).sorted { $0.id < $1.id }
      #expect(runs.map(\.status) == [.failed, .failed, .completed])
    }
  }

  @Test func aScheduleChangeTakesEffectWithoutRestart() async throws {
    let clock = ManualClock(start: Self.start, limit: Self.start.addingTimeInterval(2 * 86_400 + 3_600))
    try await AppHarness.run(devices: 5, wallClock: clock) { h in
      let connection = try await configure(h, enabled: true, schedule: SyncSchedule(hour: 23, minute: 0))
      let store = h.store
      // After the first day, the admin moves the run to 06:00.
      let change = Task {
        while clock.now() < Self.start.addingTimeInterval(86_400) { await Task.yield() }
        var changed = try #require(try await store.kandjiConnection(id: connection.id))
        changed.settings.schedule = SyncSchedule(hour: 6)
        try await store.saveKandjiConnection(changed)
      }
      try await SyncScheduler(store: h.store, coordinator: h.services.coordinator, clock: clock, maxSleep: 3_600).loop()
      try await change.value
      let hours = try await h.store.syncRuns(connectionID: nil, limit: 10).map {
        Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: $0.startedAt).hour
      }
      #expect(hours.contains(23))
      #expect(hours.contains(6))
    }
  }

  @Test("a run a dead process left running resumes once its lease is stale, and only once")
  func abandonedRunResumesWhenStale() async throws {
    let clock = ManualClock(start: Self.start, limit: Self.start.addingTimeInterval(600))
    try await AppHarness.run(devices: 12, wallClock: clock) { h in
      // 08:00 UTC now; the daily run is at 20:00, far outside the test's ten minutes.
      let connection = try await configure(h, enabled: true, schedule: SyncSchedule(hour: 20, timeZone: "UTC"))
      let abandoned = try await h.store.beginSyncRun(
        connectionID: connection.id, trigger: .initial, owner: "gone-host:4242", at: Self.start.addingTimeInterval(-30),
        staleAfter: 120)
      try await SyncScheduler(store: h.store, coordinator: h.services.coordinator, clock: clock).loop()
      let runs = try await h.store.syncRuns(connectionID: connection.id, limit: 10).sorted { $0.id < $1.id }
      #expect(runs.map(\.id).first == abandoned.id)
      #expect(runs.map(\.status) == [.interrupted, .completed])
      #expect(runs.map(\.trigger) == [.initial, .resume])
      // Not before the heartbeat was 120 s old: another replica might still have been running it.
      let resumed = try #require(runs.last)
      #expect(resumed.startedAt >= Self.start.addingTimeInterval(90))
      #expect(resumed.totals.created == 12)
    }
  }

  @Test("a run this process identity left behind is taken over at once; an interrupted run resumes")
  func ownOrInterruptedRunResumesAtOnce() async throws {
    let clock = ManualClock(start: Self.start, limit: Self.start.addingTimeInterval(30))
    try await AppHarness.run(devices: 6, wallClock: clock) { h in
      let first = try await configure(h, enabled: true, schedule: SyncSchedule(hour: 20, timeZone: "UTC"))
      // A restarted container keeps its host name and pid: a run under our own name that this
      // process is not running was left by an earlier life.
      _ = try await h.store.beginSyncRun(
        connectionID: first.id, trigger: .initial, owner: h.services.coordinator.owner, at: Self.start, staleAfter: 120)
      // A second connection whose last run was stopped (shutdown, disable) before its end.
      let second = try await h.store.readyConnection(
        url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer, name: "Second",
        schedule: SyncSchedule(hour: 20, timeZone: "UTC"))
      var stopped = try await h.store.beginSyncRun(
        connectionID: second.id, trigger: .manual, owner: "other:1", at: Self.start, staleAfter: 120)
      stopped.status = .interrupted
      stopped.finishedAt = Self.start
      try await h.store.updateSyncRun(stopped)
      // A third whose last run completed: nothing to resume.
      let third = try await h.store.readyConnection(
        url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer, name: "Third",
        schedule: SyncSchedule(hour: 20, timeZone: "UTC"))
      var done = try await h.store.beginSyncRun(
        connectionID: third.id, trigger: .manual, owner: "other:1", at: Self.start, staleAfter: 120)
      done.status = .completed
      done.finishedAt = Self.start
      try await h.store.updateSyncRun(done)

      try await SyncScheduler(store: h.store, coordinator: h.services.coordinator, clock: clock).loop()
      await h.services.coordinator.waitForAllRuns()
      for connection in [first, second] {
        let runs = try await h.store.syncRuns(connectionID: connection.id, limit: 10).sorted { $0.id < $1.id }
        #expect(runs.map(\.status) == [.interrupted, .completed], "\(connection.name)")
        #expect(runs.last?.trigger == .resume)
        #expect(runs.last?.startedAt == Self.start)
      }
      #expect(try await h.store.syncRuns(connectionID: third.id, limit: 10).count == 1)
    }
  }

  @Test("after shutdown no run starts: not a resume, not a slot, not Sync now")
  func nothingStartsAfterShutdown() async throws {
    try await AppHarness.run(devices: 3) { h in
      let connection = try await configure(h, enabled: true, schedule: SyncSchedule(hour: 20, timeZone: "UTC"))
      await h.services.coordinator.shutDown()
      await #expect(throws: SyncRefusal.shuttingDown) {
        try await h.services.coordinator.start(connectionID: connection.id, trigger: .manual)
      }
      #expect(try await h.store.syncRuns(connectionID: connection.id, limit: 1).isEmpty)
    }
  }
}
