import Foundation

/// ISO 8601 text for dates shown in the API, reports and pages: `2024-07-23T14:11:37Z` (UTC,
/// whole seconds, rounded down as `Date.formatted(.iso8601)` does).
public enum ISO8601 {
  /// Written by hand from the civil calendar: a list page formats hundreds of dates, and a format
  /// style costs microseconds each.
  public static func string(_ date: Date) -> String {
    text(seconds: Int64(date.timeIntervalSince1970.rounded(.down)), microseconds: nil)
  }

  /// With six fractional digits, as Kandji's device list writes times:
  /// `2024-07-23T14:11:37.150080Z` (rounded to the nearest microsecond).
  public static func microsecondString(_ date: Date) -> String {
    let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    let (seconds, fraction) = CivilCalendar.floorDivide(micros, by: 1_000_000)
    return text(seconds: seconds, microseconds: fraction)
  }

  private static func text(seconds total: Int64, microseconds: Int64?) -> String {
    let (days, seconds) = CivilCalendar.floorDivide(total, by: 86_400)
    let (year, month, day) = CivilCalendar.date(days: days)
    var text = ""
    text.reserveCapacity(27)
    append(year, width: 4, to: &text)
    text += "-"
    append(month, width: 2, to: &text)
    text += "-"
    append(day, width: 2, to: &text)
    text += "T"
    append(seconds / 3_600, width: 2, to: &text)
    text += ":"
    append(seconds / 60 % 60, width: 2, to: &text)
    text += ":"
    append(seconds % 60, width: 2, to: &text)
    if let microseconds {
      text += "."
      append(microseconds, width: 6, to: &text)
    }
    text += "Z"
    return text
  }

  private static func append(_ number: Int64, width: Int, to text: inout String) {
    let digits = String(number)
    if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
    text += digits
  }
}
