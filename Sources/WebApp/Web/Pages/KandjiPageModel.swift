import AssetCore
import AssetStore
import Foundation
import SyncService

/// What the Kandji admin page shows, precomputed (Mustache has no logic).
struct KandjiPageModel {
  struct Choice {
    var key, label: String
    var selected, recommended: Bool
  }

  struct Diagnosis {
    var ok: Bool
    var message, at: String
  }

  struct Running {
    var id: Int64
    var phase: String
    var devices, details: Int
    var waiting: String?
  }

  struct RunRow {
    var id: Int64
    var status, statusClass, trigger, started, finished, duration, calls: String
    var created, updated, skipped, failed, retired: Int
    var error: String?
  }

  struct Bar {
    var x, y, w, h: Int
    var kind: String
    var run: Int64
    var value: Int
  }

  struct Chart {
    var width = 600
    var height = 120
    var bars: [Bar] = []
  }

  var chrome: PageChrome
  var tenantID: Int64
  var name: String
  var enabled, tokenSet, hasMapping, canSync, hasRuns: Bool
  var apiURL, tokenSetAt: String
  var diagnosis: Diagnosis?
  var nameChoices, displayChoices: [Choice]
  var running: Running?
  var lastRun: RunRow?
  var runs: [RunRow]
  var refreshDays: [QuickRefreshHistory.Day]
  var hasRefreshDays, refreshOff: Bool
  var refreshCallsLastHour: Int
  var chart: Chart
  var scheduleTime, scheduleZone: String
  var nextRun: String?
  var zones: [String]
  var requestsPerSecond, requestsPerHour, refreshMinutes, callsLastHour: Int
  var budgetPercent: Int
  /// The schedule and pacing forms as typed, and why a refused one was refused, beside its field.
  var perSecondInput, perHourInput, refreshInput: String
  var timeError, zoneError, perSecondError, perHourError, refreshError: String?
  /// The details rotation's D as typed ("" = off), and why it was refused.
  var maxAgeInput: String
  var maxAgeError: String?
  /// Devices still waiting for a details call (issue 19's backfill), shown while any are.
  var backfill: Backfill?
  /// What keeps details fresh, in words.
  var rotation = ""

  struct Backfill {
    var pending, done, total, requestsPerHour: Int
    var timeLeft: String
  }

  /// The backfill's progress and the rotation, from the store's counts.
  mutating func show(_ progress: DetailsBackfill.Progress, settings: ConnectionSettings) {
    backfill =
      progress.pending == 0
      ? nil
      : Backfill(
        pending: progress.pending, done: progress.done, total: progress.total,
        requestsPerHour: settings.requestsPerHour, timeLeft: Self.duration(progress.estimatedSecondsLeft))
    if let days = settings.detailsMaxAgeDays {
      let share = (progress.total + days - 1) / days
      rotation =
        "Details rotation: every device's details are at most \(days) days old — each sync reads the \(share) read longest ago."
    } else if settings.detailsRefreshPerRun > 0 {
      rotation = "Each sync reads the details of the \(settings.detailsRefreshPerRun) devices read longest ago."
    } else {
      rotation =
        "Details are read for new and re-enrolled devices; set “Details at most (days old)” below to keep every device's fresh."
    }
  }

  /// Seconds as "3 min" or "1 h 5 min".
  static func duration(_ seconds: Int) -> String {
    let minutes = max(1, (seconds + 59) / 60)
    return minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
  }
  /// Console URL and blueprint scope (issue 19).
  var scope: KandjiScopeModel
  /// The Kandji fields the connection's assets show (issue 19).
  var fields: KandjiFieldChooserModel

  /// `runs` are the connection's recent runs other than quick refreshes; `refreshes` its quick
  /// refreshes of the last week, shown as per-day totals.
  init(chrome: PageChrome, tenant: TenantStatus, runs: [SyncRun], refreshes: QuickRefreshHistory) {
    let connection = tenant.connection
    let settings = connection.settings
    self.chrome = chrome
    tenantID = connection.id
    name = connection.name
    enabled = connection.enabled
    tokenSet = connection.sealedToken != nil
    hasMapping = settings.mapping != nil
    canSync = connection.isReadyToSync && tenant.running == nil
    apiURL = connection.apiURL ?? ""
    tokenSetAt = DisplayDate.text(connection.tokenSetAt)
    diagnosis = settings.lastAuthorizationCode.map {
      Diagnosis(
        ok: $0 == "authorized", message: settings.lastAuthorizationMessage ?? "",
        at: DisplayDate.text(settings.lastAuthorizedAt))
    }
    let mapping = settings.mapping ?? .default
    nameChoices = MappingSource.allCases.map {
      Choice(key: $0.rawValue, label: $0.label, selected: $0 == mapping.nameSource, recommended: false)
    }
    displayChoices = MappingSource.allCases.map {
      Choice(
        key: $0.rawValue, label: $0.label, selected: $0 == mapping.displayIDSource,
        recommended: $0.isRecommendedForDisplayID)
    }
    self.running = tenant.running.map { run in
      let current = tenant.progress
      return Running(
        id: run.id, phase: current?.phase.rawValue ?? "starting", devices: current?.devicesListed ?? 0,
        details: current?.detailsDone ?? 0,
        waiting: current?.waitingUntil.map {
          "waiting for the \(current?.waitingReason ?? "budget") until \(DisplayDate.text($0))"
        })
    }
    let rows = runs.map(Self.row)
    self.runs = rows
    hasRuns = !rows.isEmpty
    lastRun = rows.first { $0.status != "running" }
    chart = Self.chart(runs)
    refreshDays = refreshes.days
    hasRefreshDays = !refreshes.days.isEmpty
    refreshCallsLastHour = refreshes.callsLastHour
    scheduleTime = String(format: "%02d:%02d", settings.schedule.hour, settings.schedule.minute)
    scheduleZone = settings.schedule.timeZone
    nextRun = tenant.nextRun.map { DisplayDate.text($0) }
    zones = [
      "UTC", "Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Los_Angeles",
      "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney",
    ]
    requestsPerSecond = settings.requestsPerSecond
    requestsPerHour = settings.requestsPerHour
    refreshMinutes = settings.refreshMinutes
    refreshOff = settings.refreshMinutes == 0
    perSecondInput = String(settings.requestsPerSecond)
    perHourInput = String(settings.requestsPerHour)
    refreshInput = String(settings.refreshMinutes)
    maxAgeInput = settings.detailsMaxAgeDays.map(String.init) ?? ""
    callsLastHour = tenant.callsLastHour
    scope = KandjiScopeModel(connection)
    fields = KandjiFieldChooserModel(settings, devices: tenant.lastRun?.totals.devices)
    budgetPercent = min(100, tenant.callsLastHour * 100 / max(1, settings.requestsPerHour))
  }

  static func row(_ run: SyncRun) -> RunRow {
    let statusClass =
      switch run.status {
      case .completed: run.totals.failed > 0 ? "warn" : "ok"
      case .failed: "bad"
      case .interrupted: "warn"
      case .running: ""
      }
    return RunRow(
      id: run.id, status: run.status.rawValue, statusClass: statusClass, trigger: run.trigger.rawValue,
      started: DisplayDate.text(run.startedAt), finished: DisplayDate.text(run.finishedAt),
      duration: run.duration.map { $0 < 60 ? String(format: "%.1f s", $0) : String(format: "%.0f min", $0 / 60) }
        ?? "—",
      calls: "\(run.listRequests + run.detailRequests)" + (run.rateLimited > 0 ? " (\(run.rateLimited) × 429)" : ""),
      created: run.totals.created, updated: run.totals.updated, skipped: run.totals.skipped, failed: run.totals.failed,
      retired: run.totals.retired, error: run.error)
  }

  /// Stacked bars of created, updated and failed devices per run, oldest on the left.
  static func chart(_ runs: [SyncRun]) -> Chart {
    var chart = Chart()
    let shown = runs.filter { $0.status != .running }.prefix(20).reversed()
    guard !shown.isEmpty else { return chart }
    let peak = max(1, shown.map { $0.totals.created + $0.totals.updated + $0.totals.failed }.max() ?? 1)
    let slot = chart.width / shown.count
    let width = min(40, max(4, slot * 7 / 10))
    for (index, run) in shown.enumerated() {
      var top = chart.height
      for (kind, value) in [
        ("created", run.totals.created), ("updated", run.totals.updated), ("failed", run.totals.failed),
      ]
      where value > 0 {
        let height = max(1, value * (chart.height - 8) / peak)
        top -= height
        chart.bars.append(
          Bar(x: index * slot + (slot - width) / 2, y: top, w: width, h: height, kind: kind, run: run.id, value: value))
      }
    }
    return chart
  }
}
