import Foundation
import Testing

@testable import AssetCore

@Suite("Civil calendar arithmetic (the one place dates become day counts)")
struct CivilCalendarTests {
  @Test(
    "known days since 1970",
    arguments: [
      (1970, 1, 1, 0), (1969, 12, 31, -1), (2000, 2, 29, 11_016), (2000, 3, 1, 11_017), (2024, 7, 23, 19_927),
      (1900, 3, 1, -25_508), (2100, 2, 28, 47_540),
    ] as [(Int64, Int64, Int64, Int64)])
  func knownDays(year: Int64, month: Int64, day: Int64, days: Int64) {
    #expect(CivilCalendar.days(year: year, month: month, day: day) == days)
    let back = CivilCalendar.date(days: days)
    #expect([back.year, back.month, back.day] == [year, month, day])
  }

  @Test func everyDayOfFourCenturiesRoundTripsAndAgreesWithFoundation() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
    var wrong: [Int64] = []
    for days in stride(from: Int64(-146_097), through: 146_097, by: 1) {
      let civil = CivilCalendar.date(days: days)
      if CivilCalendar.days(year: civil.year, month: civil.month, day: civil.day) != days { wrong.append(days) }
      // Foundation's Gregorian calendar is Julian before October 1582; compare from 1700 on.
      if days % 997 == 0, days > -98_000 {
        let parts = calendar.dateComponents(
          [.year, .month, .day], from: Date(timeIntervalSince1970: Double(days) * 86_400))
        if [parts.year, parts.month, parts.day] != [Int(civil.year), Int(civil.month), Int(civil.day)] {
          wrong.append(days)
        }
      }
    }
    #expect(wrong.isEmpty, "first wrong day counts: \(wrong.prefix(5))")
  }

  @Test(
    "floor division puts times before 1970 on the day before",
    arguments: [(86_399, 0, 86_399), (-1, -1, 86_399), (-86_400, -1, 0), (-86_401, -2, 86_399), (0, 0, 0)]
      as [(Int64, Int64, Int64)])
  func floorDivision(seconds: Int64, days: Int64, secondOfDay: Int64) {
    let split = CivilCalendar.floorDivide(seconds, by: 86_400)
    #expect(split.quotient == days)
    #expect(split.remainder == secondOfDay)
  }

  @Test func microsecondTextAsKandjiListsIt() {
    #expect(
      ISO8601.microsecondString(Date(timeIntervalSince1970: 1_721_743_897.15008)) == "2024-07-23T14:11:37.150080Z")
    #expect(ISO8601.microsecondString(Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750000Z")
    #expect(ISO8601.microsecondString(Date(timeIntervalSince1970: 0.999_999_9)) == "1970-01-01T00:00:01.000000Z")
    #expect(ISO8601.string(Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59Z")
  }
}
