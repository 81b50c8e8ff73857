import Foundation

/// When the daily sync runs (R8): a time of day in a time zone.
public struct SyncSchedule: Sendable, Hashable, Codable {
  public var hour: Int
  public var minute: Int
  /// An IANA time zone identifier, e.g. `Europe/Berlin`.
  public var timeZone: String

  public init(hour: Int = 2, minute: Int = 0, timeZone: String = "UTC") {
    self.hour = hour
    self.minute = minute
    self.timeZone = timeZone
  }

  /// What is wrong with the schedule, or `nil` when it is usable.
  public var problem: String? {
    if !(0...23).contains(hour) { return "hour must be between 0 and 23" }
    if !(0...59).contains(minute) { return "minute must be between 0 and 59" }
    if TimeZone(identifier: timeZone) == nil {
      return "unknown time zone \"\(timeZone)\" (use an IANA name such as Europe/Berlin)"
    }
    return nil
  }

  /// The first run strictly after `date`: today's or tomorrow's `hour:minute` in the time zone.
  ///
  /// Across daylight-saving changes: a time that does not exist that day (skipped by a spring
  /// change) runs at the first valid moment after it; a time that occurs twice (autumn) runs
  /// once, at its first occurrence.
  public func nextRun(after date: Date) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
    let components = DateComponents(hour: min(max(hour, 0), 23), minute: min(max(minute, 0), 59), second: 0)
    return calendar.nextDate(
      after: date, matching: components, matchingPolicy: .nextTime, repeatedTimePolicy: .first, direction: .forward)
      ?? date.addingTimeInterval(86_400)
  }
}
