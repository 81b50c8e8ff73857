import AssetCore
import AssetStore
import Foundation

/// Quick refreshes folded into one row per UTC day for the Kandji page: at one refresh every
/// 15 minutes a week is 672 runs, which would bury the daily syncs in the history table.
struct QuickRefreshHistory {
  /// One day of quick refreshes.
  struct Day {
    var day: String
    var runs, created, updated, retired, failed, calls: Int
  }

  /// Newest day first.
  var days: [Day]
  /// Kandji calls made by quick refreshes that started in the last hour.
  var callsLastHour: Int

  /// The start of the page's window: midnight UTC six days before `now`, so the table holds
  /// seven whole days (today's so far included).
  static func windowStart(now: Date) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .gmt
    return calendar.date(byAdding: .day, value: -6, to: calendar.startOfDay(for: now)) ?? now
  }

  init(_ runs: [SyncRun], now: Date) {
    var byDay: [String: Day] = [:]
    var lastHour = 0
    for run in runs where run.trigger == .refresh {
      let calls = run.listRequests + run.detailRequests
      if now.timeIntervalSince(run.startedAt) <= 3_600 { lastHour += calls }
      let key = DisplayDate.day(run.startedAt)
      var day = byDay[key] ?? Day(day: key, runs: 0, created: 0, updated: 0, retired: 0, failed: 0, calls: 0)
      day.runs += 1
      day.created += run.totals.created
      day.updated += run.totals.updated
      day.retired += run.totals.retired
      day.failed += run.totals.failed
      day.calls += calls
      byDay[key] = day
    }
    days = byDay.values.sorted { $0.day > $1.day }
    callsLastHour = lastHour
  }
}
