import Foundation

/// One typed value of a Kandji attribute (issue 19), as stored and shown.
public enum KandjiAttributeValue: Sendable, Hashable {
  case text(String)
  /// Sizes in gigabytes, counts: Kandji sends them as text ("228.27 GB"); kept as numbers.
  case number(Double)
  case boolean(Bool)
  /// A calendar day, `YYYY-MM-DD` (Android's security patch level).
  case date(String)
  case dateTime(Date)
  case tags([String])

  /// The value as an agent reads it ("Yes"/"No", tags joined by commas, ISO 8601 moments).
  public var text: String {
    switch self {
    case .text(let text), .date(let text): text
    case .number(let number): Self.numberText(number)
    case .boolean(let flag): flag ? "Yes" : "No"
    case .dateTime(let date): ISO8601.string(date)
    case .tags(let tags): tags.joined(separator: ", ")
    }
  }

  /// The text a filter compares (`true`/`false` for flags; each tag on its own).
  public var filterTexts: [String] {
    switch self {
    case .boolean(let flag): [flag ? "true" : "false"]
    case .tags(let tags): tags
    default: [text]
    }
  }

  /// Whole numbers without a fraction, others with at most two decimals (sizes in GB).
  static func numberText(_ number: Double) -> String {
    if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
    return String(format: "%.2f", number)
  }
}
