import Foundation

/// ISO 8601 text for dates shown in the API, reports and pages: `2024-07-23T14:11:37Z` (UTC,
/// whole seconds, rounded down as `Date.formatted(.iso8601)` does).
public enum ISO8601 {
  /// Written by hand from the civil calendar: a list page formats hundreds of dates, and a format
  /// style costs microseconds each.
  public static func string(_ date: Date) -> String {
    let total = Int64(date.timeIntervalSince1970.rounded(.down))
    let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
    let seconds = total - days * 86_400
    let (year, month, day) = civil(fromDays: days)
    var text = ""
    text.reserveCapacity(20)
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
    text += "Z"
    return text
  }

  /// Year, month and day of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
  static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func append(_ number: Int64, width: Int, to text: inout String) {
    let digits = String(number)
    if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
    text += digits
  }
}
