import AssetCore
import Foundation

extension Representation {
  /// A Kandji attribute's value in its field's JSON type (issue 19): text → string, number →
  /// number (fractions kept: sizes in GB), boolean → bool, tags → array of strings, a day →
  /// `YYYY-MM-DD`, a moment → its UTC day (the moment itself is `value_datetime`).
  static func kandjiValue(_ value: KandjiAttributeValue?) -> JSONValue {
    switch value {
    case nil: .null
    case .text(let text)?, .date(let text)?: .string(text)
    case .number(let number)?:
      number.rounded() == number && abs(number) < 1e15 ? .int(Int(number)) : .double(number)
    case .boolean(let flag)?: .bool(flag)
    case .tags(let tags)?: .array(tags.map { .string($0) })
    case .dateTime(let moment)?: .string(String(ISO8601.string(moment).prefix(10)))
    }
  }
}
