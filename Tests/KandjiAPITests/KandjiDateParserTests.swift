import Foundation
import Testing

@testable import KandjiAPI

@Suite("Kandji date formats")
struct KandjiDateParserTests {
  // 2024-07-23T14:11:37Z
  static let base = 1_721_743_897.0

  @Test(
    "every documented format parses to the same instant",
    arguments: [
      ("2024-07-23T14:11:37.150080Z", base + 0.150080),
      ("2024-07-23 14:11:37.150080+00:00", base + 0.150080),
      ("2024-07-23 14:11:37+00:00", base),
      ("2024-07-23 14:11:37 +0000", base),
      ("2024-07-23T14:11:37Z", base),
      ("2024-07-23T14:11:37.1Z", base + 0.1),
      ("2024-07-23T16:11:37.150080+02:00", base + 0.150080),
      ("2024-07-23T09:11:37-0500", base),
      ("2024-07-23T14:11:37", base),
      ("2024-07-23T14:11:37.123456789Z", base + 0.123456789),
    ])
  func parses(text: String, expected: Double) throws {
    let date = try #require(KandjiDateParser.parse(text))
    #expect(abs(date.timeIntervalSince1970 - expected) < 0.000_002)
  }

  @Test func dateOnlyIsMidnightUTC() throws {
    let date = try #require(KandjiDateParser.parse("2024-12-05"))
    #expect(date.timeIntervalSince1970 == 1_733_356_800)
  }

  @Test(
    "empty and invalid text give nil",
    arguments: [
      "", "   ", "yesterday", "2024-13-01", "2024-07-23X14:11", "2024-07-23T14:11:37Zjunk", "2024-07-23T25:00:00Z",
    ])
  func rejects(text: String) {
    #expect(KandjiDateParser.parse(text) == nil)
  }

  @Test func formatsRoundTrip() throws {
    let date = Date(timeIntervalSince1970: Self.base + 0.15008)
    #expect(KandjiDateParser.isoString(date) == "2024-07-23T14:11:37.150080Z")
    #expect(KandjiDateParser.spacedString(date) == "2024-07-23 14:11:37.150080+00:00")
    let back = try #require(KandjiDateParser.parse(KandjiDateParser.spacedString(date)))
    #expect(abs(back.timeIntervalSince(date)) < 0.000_002)
  }

  @Test func datesBefore1970() throws {
    let date = try #require(KandjiDateParser.parse("1969-12-31T23:59:59Z"))
    #expect(date.timeIntervalSince1970 == -1)
  }
}
