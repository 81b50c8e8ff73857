import Foundation

/// Decoding helpers for the places where Kandji is inconsistent (several date formats, `user` an
/// object or `""`, booleans and numbers sent as strings, `udid` or `uuid`), and strict
/// everywhere else: a value of a type Kandji never sends is still a decoding error.
extension KeyedDecodingContainer {
  /// A string that may be absent or `null`. Empty strings stay empty: callers decide whether
  /// `""` means "unset" (it does for `asset_tag`).
  func lenientString(_ key: Key) throws -> String? {
    guard contains(key), try !decodeNil(forKey: key) else { return nil }
    if let text = try? decode(String.self, forKey: key) { return text }
    // Numbers appear where strings are documented (old integer ids); keep their text.
    if let number = try? decode(Int64.self, forKey: key) { return String(number) }
    throw DecodingError.typeMismatch(
      String.self,
      .init(codingPath: codingPath + [key], debugDescription: "expected a string for \(key.stringValue)"))
  }

  /// A string where `""` and `null` both mean "not set".
  func nonEmptyString(_ key: Key) throws -> String? {
    guard let text = try lenientString(key) else { return nil }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : text
  }

  /// A boolean sent as a JSON bool, as `"True"`/`"False"` (details), `"Yes"`/`"No"`, `0`/`1`,
  /// or `""`/`null` for unknown.
  func lenientBool(_ key: Key) throws -> Bool? {
    guard contains(key), try !decodeNil(forKey: key) else { return nil }
    if let flag = try? decode(Bool.self, forKey: key) { return flag }
    if let number = try? decode(Int.self, forKey: key) { return number != 0 }
    if let text = try? decode(String.self, forKey: key) {
      switch text.trimmingCharacters(in: .whitespaces).lowercased() {
      case "true", "yes", "1", "on": return true
      case "false", "no", "0", "off": return false
      case "": return nil
      default: break
      }
    }
    throw DecodingError.typeMismatch(
      Bool.self,
      .init(codingPath: codingPath + [key], debugDescription: "expected a boolean for \(key.stringValue)"))
  }

  /// A timestamp in any of Kandji's formats; `""` and `null` are `nil`, anything else that
  /// does not parse is an error naming the value.
  func lenientDate(_ key: Key) throws -> Date? {
    guard let text = try nonEmptyString(key) else { return nil }
    guard let date = KandjiDateParser.parse(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: codingPath + [key], debugDescription: "unrecognised date \"\(text)\""))
    }
    return date
  }

  /// A nested object that Kandji sends as an object, `""` or `null` (the `user` field).
  func objectOrEmpty<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
    guard contains(key), try !decodeNil(forKey: key) else { return nil }
    if let text = try? decode(String.self, forKey: key) {
      guard text.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw DecodingError.typeMismatch(
          T.self,
          .init(codingPath: codingPath + [key], debugDescription: "expected an object or \"\" for \(key.stringValue)"))
      }
      return nil
    }
    return try decode(T.self, forKey: key)
  }

  /// A list of strings that may be absent or `null`.
  func stringList(_ key: Key) throws -> [String] {
    guard contains(key), try !decodeNil(forKey: key) else { return [] }
    return try decode([String].self, forKey: key)
  }

  /// A nested object section of the details payload; `{}`, `[]`, `""` and `null` count as absent.
  func section<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
    guard contains(key), try !decodeNil(forKey: key) else { return nil }
    if (try? decode(String.self, forKey: key)) != nil { return nil }
    if let list = try? decode([String].self, forKey: key), list.isEmpty { return nil }
    return try decode(T.self, forKey: key)
  }
}

/// Coding keys made from any string, so structs can read snake_case keys without a
/// `CodingKeys` enum per nested section.
struct AnyKey: CodingKey {
  let stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { stringValue = string }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}
