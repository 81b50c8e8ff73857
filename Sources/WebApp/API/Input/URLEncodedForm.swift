import Foundation

/// `application/x-www-form-urlencoded` bodies (`a=1&b=2&tags[]=x&tags[]=y`), read in one linear
/// pass over the bytes, with a cap on the number of fields checked before any is decoded.
///
/// The parser before issue 16 copied a `key[]` list on every new entry, so a 64 KB body of
/// `a[]&a[]&…` cost 1.4 s of CPU before any check. Here a body is refused with `TooManyFields`
/// after counting its separators (no pair decoded), and lists grow in place.
enum URLEncodedForm {
  /// Fields (pairs) a form may have. The largest form AssetSync serves has a few dozen.
  static let maxFields = 1_000

  /// More than `limit` fields: refused before decoding any.
  struct TooManyFields: Error, Sendable, Equatable {
    /// The fields counted (separators plus one).
    let count: Int
    let limit: Int

    /// The 413 both the web forms and the API answer.
    var apiError: APIError {
      APIError(.contentTooLarge, "The form has more than \(limit) fields (\(count) sent); send fewer.")
    }
  }

  /// A field's decoded value: a string, or a list for `key[]`.
  enum Value: Sendable, Equatable {
    case string(String)
    case list([String])
  }

  /// Decodes `bytes`; the last of repeated plain keys wins, `key[]` entries gather in order (and
  /// a plain `key` after them replaces the list, as before).
  static func parse(_ bytes: some Collection<UInt8>, maxFields: Int = maxFields) throws(TooManyFields) -> [String:
    Value]
  {
    let bytes = Array(bytes)
    let count = bytes.reduce(into: 1) { count, byte in if byte == UInt8(ascii: "&") { count += 1 } }
    if count > maxFields { throw TooManyFields(count: count, limit: maxFields) }
    var values: [String: Value] = [:]
    var lists: [String: [String]] = [:]
    var start = 0
    while start <= bytes.count {
      let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.count
      defer { start = end + 1 }
      guard end > start else { continue }
      let pair = bytes[start..<end]
      let equals = pair.firstIndex(of: UInt8(ascii: "="))
      let key = decode(pair[..<(equals ?? end)])
      guard !key.isEmpty else { continue }
      let value = equals.map { decode(pair[($0 + 1)...]) } ?? ""
      if key.hasSuffix("[]") {
        let name = String(key.dropLast(2))
        if case .string? = values[name] { values[name] = nil }
        // In place: amortised constant time per entry, however long the list.
        lists[name, default: []].append(value)
      } else {
        lists[key] = nil
        values[key] = .string(value)
      }
    }
    for (name, list) in lists { values[name] = .list(list) }
    return values
  }

  /// `+` is a space, `%XX` a byte; a `%` not followed by two hex digits stays as it is. Bytes that
  /// are not UTF-8 leave the field as sent (undecoded), as Foundation's decoding did.
  static func decode(_ raw: ArraySlice<UInt8>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(raw.count)
    var index = raw.startIndex
    while index < raw.endIndex {
      let byte = raw[index]
      if byte == UInt8(ascii: "+") {
        bytes.append(UInt8(ascii: " "))
      } else if byte == UInt8(ascii: "%"), index + 2 < raw.endIndex, let high = hex(raw[index + 1]),
        let low = hex(raw[index + 2])
      {
        bytes.append(high << 4 | low)
        index += 3
        continue
      } else {
        bytes.append(byte)
      }
      index += 1
    }
    return String(validating: bytes, as: UTF8.self) ?? String(decoding: raw, as: UTF8.self)
  }

  private static func hex(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
