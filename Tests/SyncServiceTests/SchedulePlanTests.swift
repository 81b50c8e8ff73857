import AssetCore
import AssetStore
import Foundation
import SyncService
import Testing

/// The scheduler's decisions from plain values: no store, no clock, no task.
@Suite("SchedulePlan: what runs next, from plain values")
struct SchedulePlanTests {
  static let process = "host:42"

  /// A moment of December 2026, UTC.
  static func at(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: "2026-12-\(text)Z")!
  }

  /// A connection ready to sync, its daily slot at 02:00 UTC, quick refreshes every `refresh` minutes.
  static func connection(_ id: Int64 = 1, enabled: Bool = true, refresh: Int = 0, hour: Int = 2) -> KandjiConnection {
    var settings = ConnectionSettings()
    settings.mapping = .default
    settings.schedule = SyncSchedule(hour: hour, minute: 0, timeZone: "UTC")
    settings.refreshMinutes = refresh
    return KandjiConnection(
      id: id, name: "Tenant \(id)", apiURL: "https://t.api.kandji.io", sealedToken: "sealed", enabled: enabled,
      settings: settings, createdAt: at("01T00:00:00"))
  }

  static func run(
    _ trigger: SyncTrigger = .scheduled, _ status: SyncRunStatus = .completed, started: Date, heartbeat: Date? = nil,
    owner: String = "other:7"
  ) -> SyncRun {
    SyncRun(
      id: 9, trigger: trigger, status: status, startedAt: started, heartbeatAt: heartbeat ?? started, owner: owner,
      connectionID: 1)
  }

  /// A plan started at `started` that sleeps at most a day (so `wake` shows the next due moment).
  static func plan(started: Date, resumes: Bool = true) -> SchedulePlan {
    SchedulePlan(
      rules: SchedulePlan.Rules(
        maxSleep: 86_400, resumesInterruptedRuns: resumes, staleAfter: 120, ownProcess: process),
      started: started)
  }

  @Test("the daily slot: nothing before it, the sync at it, the next one tomorrow counted from the run's end")
  func dailySlot() {
    var plan = Self.plan(started: Self.at("01T01:00:00"))
    let tenant = SchedulePlan.Connection(Self.connection(), lastRun: nil)
    let early = plan.tick([tenant], installed: true, now: Self.at("01T01:00:00"))
    #expect(early.steps.isEmpty)
    #expect(early.wake == Self.at("01T02:00:00"))

    let due = plan.tick([tenant], installed: true, now: Self.at("01T02:00:00"))
    #expect(due.steps == [SchedulePlan.Step(connectionID: 1, starts: [.daily(slot: Self.at("01T02:00:00"))])])
    #expect(
      plan.record(.started, of: .daily(slot: Self.at("01T02:00:00")), connectionID: 1, now: Self.at("01T02:00:00"))
        == nil)
    #expect(plan.inFlight == [1])
    // While it runs, the connection is not looked at, and the scheduler waits for the run.
    #expect(plan.tick([tenant], installed: true, now: Self.at("01T02:30:00")).steps.isEmpty)
    #expect(plan.waitsForRuns([tenant.connection]))

    plan.runsEnded(stillRunning: [], at: Self.at("01T03:00:00"))
    #expect(plan.inFlight.isEmpty)
    #expect(plan.anchors[1]?.date == Self.at("01T03:00:00"))
    let after = plan.tick([tenant], installed: true, now: Self.at("01T03:00:00"))
    #expect(after.steps.isEmpty)
    #expect(after.wake == Self.at("02T02:00:00"))
  }

  @Test("a slot missed while the process slept runs once, not once per missed day")
  func missedSlotAfterDowntime() {
    var plan = Self.plan(started: Self.at("01T01:00:00"))
    let tenant = SchedulePlan.Connection(Self.connection(), lastRun: nil)
    #expect(plan.tick([tenant], installed: true, now: Self.at("01T01:00:00")).steps.isEmpty)
    // Three days later (a suspended machine): the first missed slot, once.
    let late = plan.tick([tenant], installed: true, now: Self.at("04T09:00:00"))
    #expect(late.steps == [SchedulePlan.Step(connectionID: 1, starts: [.daily(slot: Self.at("01T02:00:00"))])])
    _ = plan.record(.started, of: .daily(slot: Self.at("01T02:00:00")), connectionID: 1, now: Self.at("04T09:00:00"))
    plan.runsEnded(stillRunning: [], at: Self.at("04T09:30:00"))
    let next = plan.tick([tenant], installed: true, now: Self.at("04T09:30:00"))
    #expect(next.steps.isEmpty)
    #expect(next.wake == Self.at("05T02:00:00"))
  }

  @Test("a connection that appears later counts its first slot from then; the start does not reach back")
  func connectionAddedLater() {
    var plan = Self.plan(started: Self.at("01T01:00:00"))
    let first = SchedulePlan.Connection(Self.connection(1), lastRun: nil)
    #expect(plan.tick([first], installed: true, now: Self.at("01T01:00:00")).steps.isEmpty)
    // Added at 03:00 with a 02:00 slot: its first slot is tomorrow's.
    let added = SchedulePlan.Connection(Self.connection(2), lastRun: nil)
    let tick = plan.tick([first, added], installed: true, now: Self.at("01T03:00:00"))
    #expect(tick.steps == [SchedulePlan.Step(connectionID: 1, starts: [.daily(slot: Self.at("01T02:00:00"))])])
    #expect(plan.anchors[2]?.date == Self.at("01T03:00:00"))
  }

  @Test("a disabled connection starts nothing: its slot passes, no refresh, no resume")
  func disabledConnection() {
    var plan = Self.plan(started: Self.at("01T01:00:00"))
    let interrupted = Self.run(.initial, .interrupted, started: Self.at("01T00:00:00"))
    let disabled = SchedulePlan.Connection(Self.connection(enabled: false, refresh: 15), lastRun: interrupted)
    let tick = plan.tick([disabled], installed: true, now: Self.at("01T02:30:00"))
    #expect(tick.steps.isEmpty)
    #expect(plan.anchors[1]?.date == Self.at("01T02:00:00"))
    #expect(tick.wake == Self.at("02T02:30:00"))
    #expect(!plan.waitsForRuns([disabled.connection]))
  }

  @Test("before the app is installed nothing starts, and a due slot passes")
  func notInstalled() {
    var plan = Self.plan(started: Self.at("01T01:00:00"))
    let tenant = SchedulePlan.Connection(
      Self.connection(refresh: 15), lastRun: Self.run(started: Self.at("01T00:00:00")))
    let tick = plan.tick([tenant], installed: false, now: Self.at("01T02:30:00"))
    #expect(tick.steps.isEmpty)
    #expect(plan.anchors[1]?.date == Self.at("01T02:00:00"))
  }

  @Test("a quick refresh every N minutes after the last run began; none before the first run, none while one goes")
  func quickRefresh() {
    var plan = Self.plan(started: Self.at("01T09:00:00"))
    let last = Self.run(.initial, started: Self.at("01T10:00:00"))
    let tenant = SchedulePlan.Connection(Self.connection(refresh: 15), lastRun: last)
    let early = plan.tick([tenant], installed: true, now: Self.at("01T10:10:00"))
    #expect(early.steps.isEmpty)
    #expect(early.wake == Self.at("01T10:15:00"))

    let due = plan.tick([tenant], installed: true, now: Self.at("01T10:15:00"))
    #expect(due.steps == [SchedulePlan.Step(connectionID: 1, starts: [.refresh])])
    _ = plan.record(.started, of: .refresh, connectionID: 1, now: Self.at("01T10:15:00"))
    #expect(plan.refreshing == [1])
    #expect(plan.tick([tenant], installed: true, now: Self.at("01T10:16:00")).steps.isEmpty)

    // No run yet (before the initial sync), or its run going: no refresh.
    var fresh = Self.plan(started: Self.at("01T09:00:00"))
    let never = SchedulePlan.Connection(Self.connection(refresh: 15), lastRun: nil)
    #expect(fresh.tick([never], installed: true, now: Self.at("01T10:15:00")).steps.isEmpty)
    let going = SchedulePlan.Connection(Self.connection(refresh: 15), lastRun: last, runningHere: true)
    #expect(fresh.tick([going], installed: true, now: Self.at("01T10:15:00")).steps.isEmpty)
    // Refresh minutes 0: off.
    let off = SchedulePlan.Connection(Self.connection(refresh: 0), lastRun: last)
    #expect(fresh.tick([off], installed: true, now: Self.at("01T11:00:00")).steps.isEmpty)
  }

  @Test("a due slot starts while a refresh goes (the refresh yields), and a refresh is tried when the slot is not run")
  func slotAndRefresh() {
    var plan = Self.plan(started: Self.at("01T01:00:00"))
    let tenant = SchedulePlan.Connection(
      Self.connection(refresh: 15), lastRun: Self.run(.refresh, started: Self.at("01T01:30:00")))
    let tick = plan.tick([tenant], installed: true, now: Self.at("01T02:00:00"))
    #expect(
      tick.steps == [SchedulePlan.Step(connectionID: 1, starts: [.daily(slot: Self.at("01T02:00:00")), .refresh])])

    _ = plan.record(.started, of: .refresh, connectionID: 1, now: Self.at("01T02:00:00"))
    // A refresh is going: the slot still starts next time, and takes the connection over.
    plan.runsEnded(stillRunning: [1], at: Self.at("01T02:00:10"))
    let next = plan.tick([tenant], installed: true, now: Self.at("01T02:00:10"))
    #expect(next.steps == [SchedulePlan.Step(connectionID: 1, starts: [.daily(slot: Self.at("01T02:00:00"))])])
    _ = plan.record(.started, of: .daily(slot: Self.at("01T02:00:00")), connectionID: 1, now: Self.at("01T02:00:10"))
    #expect(plan.refreshing.isEmpty)
    #expect(plan.inFlight == [1])
  }

  @Test("a slot refused because another replica runs the connection stays due and is tried again in 10 s")
  func busyElsewhere() {
    var plan = Self.plan(started: Self.at("01T01:00:00"))
    let tenant = SchedulePlan.Connection(Self.connection(), lastRun: nil)
    let slot = Self.at("01T02:00:00")
    _ = plan.tick([tenant], installed: true, now: slot)
    #expect(plan.record(.busy, of: .daily(slot: slot), connectionID: 1, now: slot) == slot.addingTimeInterval(10))
    let again = plan.tick([tenant], installed: true, now: slot.addingTimeInterval(10))
    #expect(again.steps == [SchedulePlan.Step(connectionID: 1, starts: [.daily(slot: slot)])])
    // Skipped (another replica already ran it): the slot is done.
    _ = plan.record(.skipped, of: .daily(slot: slot), connectionID: 1, now: slot.addingTimeInterval(10))
    #expect(plan.tick([tenant], installed: true, now: slot.addingTimeInterval(20)).steps.isEmpty)
  }

  @Test("a changed schedule counts from the change")
  func scheduleChange() {
    var plan = Self.plan(started: Self.at("01T01:00:00"))
    _ = plan.tick(
      [SchedulePlan.Connection(Self.connection(), lastRun: nil)], installed: true, now: Self.at("01T01:00:00"))
    // At 05:00 the slot moves to 04:00: today's 04:00 is before the change, so tomorrow's.
    let moved = SchedulePlan.Connection(Self.connection(hour: 4), lastRun: nil)
    let tick = plan.tick([moved], installed: true, now: Self.at("01T05:00:00"))
    #expect(tick.steps.isEmpty)
    #expect(tick.wake == Self.at("02T04:00:00"))
  }

  @Test("runs that stopped before their end are resumed: interrupted, left by this process, or stale")
  func resumes() {
    let now = Self.at("01T10:00:00")
    func first(_ last: SyncRun, resumes: Bool = true) -> [SchedulePlan.Start] {
      var plan = Self.plan(started: now, resumes: resumes)
      return plan.tick([SchedulePlan.Connection(Self.connection(), lastRun: last)], installed: true, now: now)
        .steps.first?.starts ?? []
    }
    #expect(
      first(Self.run(.initial, .interrupted, started: now.addingTimeInterval(-600))) == [.resume(takeOver: false)])
    #expect(
      first(Self.run(.initial, .running, started: now, owner: "\(Self.process) 1700000000")) == [
        .resume(takeOver: true)
      ])
    #expect(
      first(
        Self.run(.initial, .running, started: now.addingTimeInterval(-600), heartbeat: now.addingTimeInterval(-121)))
        == [.resume(takeOver: false)])
    // A quick refresh is not resumed; nor anything when resuming is off.
    #expect(first(Self.run(.refresh, .interrupted, started: now.addingTimeInterval(-60))).isEmpty)
    #expect(first(Self.run(.initial, .interrupted, started: now), resumes: false).isEmpty)

    // Someone else's live run: look again when it would be stale.
    var plan = Self.plan(started: now)
    let live = Self.run(
      .initial, .running, started: now.addingTimeInterval(-30), heartbeat: now.addingTimeInterval(-30))
    let tick = plan.tick([SchedulePlan.Connection(Self.connection(), lastRun: live)], installed: true, now: now)
    #expect(tick.steps.isEmpty)
    #expect(tick.wake == now.addingTimeInterval(-30 + 121))
  }

  @Test("a resumed connection keeps no anchor until it is looked at again; a failed resume keeps the schedule")
  func resumeAndAnchor() {
    let now = Self.at("01T10:00:00")
    let interrupted = SchedulePlan.Connection(
      Self.connection(), lastRun: Self.run(.initial, .interrupted, started: now.addingTimeInterval(-600)))
    var resumed = Self.plan(started: now)
    _ = resumed.tick([interrupted], installed: true, now: now)
    _ = resumed.record(.started, of: .resume(takeOver: false), connectionID: 1, now: now)
    #expect(resumed.inFlight == [1])
    #expect(resumed.anchors[1] == nil)

    var refused = Self.plan(started: now)
    _ = refused.tick([interrupted], installed: true, now: now)
    _ = refused.record(.skipped, of: .resume(takeOver: false), connectionID: 1, now: now)
    #expect(refused.inFlight.isEmpty)
    #expect(refused.anchors[1]?.date == now)
  }
}
