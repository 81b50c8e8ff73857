import Foundation

/// Any JSON value, read without expectations, with accessors that accept every spelling Kandji
/// uses for the same thing (`"True"`, `"Yes"`, `true`; `"8"` and `8`; `""` and `null` for unset).
///
/// Used for the details attributes (issue 19): each value is optional, so a value of a shape
/// Kandji never documented is simply absent instead of failing the device.
enum LooseJSON: Sendable, Hashable, Decodable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([LooseJSON])
  case object([String: LooseJSON])

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let flag = try? c.decode(Bool.self) {
      self = .bool(flag)
    } else if let number = try? c.decode(Double.self) {
      self = .number(number)
    } else if let text = try? c.decode(String.self) {
      self = .string(text)
    } else if let list = try? c.decode([LooseJSON].self) {
      self = .array(list)
    } else {
      self = .object(try c.decode([String: LooseJSON].self))
    }
  }

  /// The member `key` of an object; `nil` for anything that is not an object.
  subscript(key: String) -> LooseJSON? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The elements of an array (`[]` for anything else).
  var elements: [LooseJSON] {
    if case .array(let list) = self { return list }
    return []
  }

  /// Non-empty text, with surrounding whitespace removed; numbers give their text.
  var text: String? {
    switch self {
    case .string(let text):
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      return trimmed.isEmpty ? nil : trimmed
    case .number(let number):
      return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    default:
      return nil
    }
  }

  /// A flag in any of Kandji's spellings; `null`, `""` and anything unrecognised are `nil`.
  var flag: Bool? {
    switch self {
    case .bool(let flag): return flag
    case .number(let number): return number == 0 ? false : number == 1 ? true : nil
    case .string(let text):
      switch text.trimmingCharacters(in: .whitespaces).lowercased() {
      case "true", "yes", "1", "on", "enabled": return true
      case "false", "no", "0", "off", "disabled": return false
      default: return nil
      }
    default: return nil
    }
  }

  /// A size in gigabytes: `"228.27 GB"`, `"512 MB"`, `"1.5 TB"`, `"110.28"` (Android sends bare
  /// gigabytes) or a JSON number. Decimal units, as macOS reports sizes.
  var gigabytes: Double? {
    switch self {
    case .number(let number): return number.isFinite && number >= 0 ? number : nil
    case .string(let raw): return Self.gigabytes(in: raw)
    default: return nil
    }
  }

  static func gigabytes(in raw: String) -> Double? {
    var text = raw.trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: ",", with: "")
    var factor = 1.0
    let units: [(String, Double)] = [("TB", 1000), ("GB", 1), ("MB", 0.001), ("KB", 0.000_001)]
    for (unit, scale) in units where text.hasSuffix(unit) {
      text = String(text.dropLast(unit.count)).trimmingCharacters(in: .whitespaces)
      factor = scale
      break
    }
    guard let number = Double(text), number.isFinite, number >= 0 else { return nil }
    // Two decimals, as Kandji shows them: a converted "512 MB" is 0.51, not 0.512000001.
    return (number * factor * 100).rounded() / 100
  }
}
