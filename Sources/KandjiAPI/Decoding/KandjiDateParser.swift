import AssetCore
import Foundation

/// Parses every timestamp format Kandji is known to send (all UTC) into a `Date`.
///
/// Kandji mixes `2024-07-23T14:11:37.150080Z`, `2024-01-26 16:15:36.087016+00:00`,
/// `2024-06-17 11:32:35+00:00`, `2024-05-13 20:09:23 +0000` and plain dates like `2024-12-05`.
/// `ISO8601DateFormatter` rejects most of those, so this is a small hand-written scanner:
/// date, `T` or space, time, 0–9 fractional digits, then `Z`, `±HH:MM`, `±HHMM` or `±HH`, with an
/// optional space before the offset. A missing offset means UTC, as all Kandji times are UTC.
public enum KandjiDateParser {
  /// Returns `nil` for `""` or whitespace; throws nothing, so callers decide whether an
  /// unparseable non-empty value is an error.
  public static func parse(_ text: String) -> Date? {
    var scanner = Scanner(bytes: Array(text.utf8))
    return scanner.parse()
  }

  /// Formats a date the way the list endpoint does: `2024-07-23T14:11:37.150080Z`.
  public static func isoString(_ date: Date) -> String { ISO8601.microsecondString(date) }

  /// Formats a date the way the details endpoint and enrollment fields do:
  /// `2024-01-26 16:15:36.087016+00:00`.
  public static func spacedString(_ date: Date) -> String {
    let iso = isoString(date)
    return iso.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "+00:00")
  }

  private struct Scanner {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() -> Date? {
      skipSpaces()
      guard index < bytes.count else { return nil }
      guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2),
        expect(UInt8(ascii: "-")), let day = digits(2),
        (1...12).contains(month), (1...31).contains(day)
      else { return nil }
      var seconds = Double(CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day))) * 86_400
      if index == bytes.count { return Date(timeIntervalSince1970: seconds) }
      if bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t") {
        index += 1
      } else if bytes[index] == UInt8(ascii: " ") {
        skipSpaces()
        if index == bytes.count { return Date(timeIntervalSince1970: seconds) }
      } else {
        return nil
      }
      guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2),
        hour < 24, minute < 60
      else { return nil }
      var second = 0
      if expect(UInt8(ascii: ":")) {
        guard let s = digits(2), s < 61 else { return nil }
        second = s
      }
      seconds += Double(hour * 3600 + minute * 60 + second)
      if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
        var scale = 0.1
        var fraction = 0.0
        var count = 0
        while index < bytes.count, let d = digit(bytes[index]) {
          if count < 9 { fraction += Double(d) * scale }
          scale /= 10
          count += 1
          index += 1
        }
        guard count > 0 else { return nil }
        seconds += fraction
      }
      skipSpaces()
      guard index < bytes.count else { return Date(timeIntervalSince1970: seconds) }
      let sign = bytes[index]
      if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
        index += 1
      } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        index += 1
        guard let offsetHours = digits(2), offsetHours < 24 else { return nil }
        _ = expect(UInt8(ascii: ":"))
        let offsetMinutes = digits(2) ?? 0
        let offset = Double(offsetHours * 3600 + offsetMinutes * 60)
        seconds += sign == UInt8(ascii: "+") ? -offset : offset
      } else {
        return nil
      }
      skipSpaces()
      return index == bytes.count ? Date(timeIntervalSince1970: seconds) : nil
    }

    mutating func skipSpaces() {
      while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    mutating func expect(_ byte: UInt8) -> Bool {
      guard index < bytes.count, bytes[index] == byte else { return false }
      index += 1
      return true
    }

    mutating func digits(_ count: Int) -> Int? {
      guard index + count <= bytes.count else { return nil }
      var value = 0
      for offset in 0..<count {
        guard let d = digit(bytes[index + offset]) else { return nil }
        value = value * 10 + d
      }
      index += count
      return value
    }

    func digit(_ byte: UInt8) -> Int? {
      byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
  }
}
