/// Date arithmetic in UTC on the proleptic Gregorian calendar, with neither a `Calendar` nor a
/// formatter (Howard Hinnant's `days_from_civil` and `civil_from_days`): the one place a date
/// becomes a day count and back. `ISO8601` formats with it and `KandjiDateParser` parses with it;
/// both run once per date of a page or a device list, where a `Calendar` costs microseconds.
public enum CivilCalendar {
  /// Days since 1970-01-01 of a year, month (1–12) and day (1–31); earlier dates are negative.
  public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = (month + 9) % 12
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// Year, month and day of a day count since 1970-01-01: the inverse of `days(year:month:day:)`.
  public static func date(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
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

  /// `value / divisor` rounded towards minus infinity, and the remainder that goes with it
  /// (never negative for a positive divisor): a second before 1970 is on 1969-12-31 at 23:59:59.
  public static func floorDivide(_ value: Int64, by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
    let quotient = value / divisor - (value % divisor != 0 && (value < 0) != (divisor < 0) ? 1 : 0)
    return (quotient, value - quotient * divisor)
  }
}
