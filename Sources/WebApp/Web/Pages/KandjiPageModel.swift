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
    callsLastHour = tenant.callsLastHour
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
