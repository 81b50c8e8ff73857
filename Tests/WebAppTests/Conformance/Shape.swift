import Foundation

/// The JSON type of a key as a HappyFox article documents it, for checking an answer key by
/// key: every documented key must be there with its type; keys the article does not name
/// (AssetSync's additions) are allowed.
indirect enum Shape: Sendable {
  case string, int, bool, null
  /// A string such as `2019-08-13 08:59:11` (tickets, contacts) or `2019-11-15T07:49:40Z` (assets).
  case timestamp(ISOStyle)
  case array(Shape)
  case object([String: Shape])
  /// Any one of these.
  case either([Shape])
  /// A custom field's value: string, integer, option ids, boolean or null.
  case fieldValue

  enum ISOStyle: Sendable { case zulu, spaced }

  static func optional(_ shape: Shape) -> Shape { .either([shape, .null]) }

  /// Where `value` differs from this shape, one line per difference (`path: problem`).
  func mismatches(_ value: Any?, at path: String = "$") -> [String] {
    switch self {
    case .string: return value is String ? [] : ["\(path): expected a string, got \(Self.describe(value))"]
    case .int:
      return Self.isInteger(value) ? [] : ["\(path): expected an integer, got \(Self.describe(value))"]
    case .bool: return Self.isBool(value) ? [] : ["\(path): expected a boolean, got \(Self.describe(value))"]
    case .null: return value is NSNull ? [] : ["\(path): expected null, got \(Self.describe(value))"]
    case .timestamp(let style):
      guard let text = value as? String else { return ["\(path): expected a timestamp, got \(Self.describe(value))"] }
      let shape = text.map { $0.isNumber ? "9" : String($0) }.joined()
      let wanted = style == .zulu ? "9999-99-99T99:99:99Z" : "9999-99-99 99:99:99"
      return shape == wanted ? [] : ["\(path): expected a timestamp like \(wanted), got \(text)"]
    case .array(let item):
      guard let items = value as? [Any] else { return ["\(path): expected a list, got \(Self.describe(value))"] }
      return items.enumerated().flatMap { item.mismatches($0.element, at: "\(path)[\($0.offset)]") }
    case .object(let members):
      guard let object = value as? [String: Any] else {
        return ["\(path): expected an object, got \(Self.describe(value))"]
      }
      return members.sorted { $0.key < $1.key }.flatMap { key, shape -> [String] in
        guard let member = object[key] else { return ["\(path).\(key): missing"] }
        return shape.mismatches(member, at: "\(path).\(key)")
      }
    case .either(let shapes):
      let each = shapes.map { $0.mismatches(value, at: path) }
      return each.contains(where: \.isEmpty) ? [] : each.min { $0.count < $1.count } ?? []
    case .fieldValue:
      let options: [Shape] = [.string, .int, .bool, .null, .array(.int)]
      return Shape.either(options).mismatches(value, at: path)
    }
  }

  static func isInteger(_ value: Any?) -> Bool {
    guard let number = value as? NSNumber, !isBool(value) else { return false }
    return number.doubleValue == number.doubleValue.rounded()
  }

  static func isBool(_ value: Any?) -> Bool {
    guard let number = value as? NSNumber else { return false }
    // JSONSerialization reads true and false as NSNumbers of C type char (or C++ bool).
    return ["c", "B"].contains(String(cString: number.objCType))
  }

  static func describe(_ value: Any?) -> String {
    switch value {
    case nil: "nothing"
    case is NSNull: "null"
    case let text as String: "the string \"\(text.prefix(40))\""
    case _ where isBool(value): "a boolean"
    case is NSNumber: "a number"
    case is [Any]: "a list"
    case is [String: Any]: "an object"
    default: "\(type(of: value))"
    }
  }
}
