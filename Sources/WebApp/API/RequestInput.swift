import Foundation
import Hummingbird

/// A request body (JSON object, or form-encoded as HappyFox also accepts) read into typed
/// values, collecting every field's problem so one 400 names them all.
final class RequestInput {
  static let maxBodyBytes = 1 << 20

  private(set) var values: [String: Any]
  private(set) var errors: [String: [String]] = [:]

  init(values: [String: Any]) { self.values = values }

  /// Reads the body. An empty body is an empty object when `allowEmpty`.
  static func read(_ request: Request, allowEmpty: Bool = false) async throws -> RequestInput {
    let buffer: ByteBuffer
    do {
      buffer = try await request.body.collect(upTo: maxBodyBytes)
    } catch {
      throw APIError(.contentTooLarge, "The request body is larger than 1 MB.")
    }
    let bytes = Data(buffer.readableBytesView)
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      guard allowEmpty else { throw APIError(.badRequest, "A JSON object body is required.") }
      return RequestInput(values: [:])
    }
    let type = request.headers[.contentType]?.lowercased() ?? ""
    if type.hasPrefix("application/x-www-form-urlencoded") {
      return RequestInput(values: formValues(String(decoding: bytes, as: UTF8.self)))
    }
    guard let object = try? JSONSerialization.jsonObject(with: bytes) else {
      throw APIError(.badRequest, "The body is not valid JSON.")
    }
    guard let dictionary = object as? [String: Any] else {
      throw APIError(.badRequest, "The body must be a JSON object.")
    }
    return RequestInput(values: dictionary)
  }

  static func formValues(_ text: String) -> [String: Any] {
    var values: [String: Any] = [:]
    for pair in text.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1).map {
        String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
      }
      guard let key = parts.first, !key.isEmpty else { continue }
      let value = parts.count > 1 ? parts[1] : ""
      if key.hasSuffix("[]") {
        let name = String(key.dropLast(2))
        values[name] = ((values[name] as? [String]) ?? []) + [value]
      } else {
        values[key] = value
      }
    }
    return values
  }

  func add(_ field: String, _ message: String) { errors[field, default: []].append(message) }

  /// Flags every key not in `allowed` (a typo must not be silently ignored).
  func rejectUnknown(allowed: Set<String>) {
    for key in values.keys.sorted() where !allowed.contains(key) { add(key, "Unknown field.") }
  }

  func has(_ key: String) -> Bool { values[key] != nil && !(values[key] is NSNull) }

  /// A string field, trimmed. The length limit counts the text as sent (Unicode scalars, as
  /// `maxLength` in the OpenAPI document does); control characters are refused, except line
  /// breaks and tabs in `multiline` fields.
  func string(_ key: String, required: Bool = false, maxLength: Int = 10_000, multiline: Bool = false) -> String? {
    guard has(key) else {
      if required { add(key, "This field is required.") }
      return nil
    }
    guard let text = values[key] as? String else {
      add(key, "Expected a string.")
      return nil
    }
    if text.exceeds(characters: maxLength) {
      add(key, "Ensure this field has no more than \(maxLength) characters.")
      return nil
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if required && trimmed.isEmpty {
      add(key, "This field is required.")
      return nil
    }
    if trimmed.hasControlCharacters(allowingLineBreaks: multiline) {
      add(key, multiline ? "Remove control characters." : "Use one line without control characters.")
      return nil
    }
    return trimmed
  }

  /// Ids are positive.
  static let ids: ClosedRange<Int64> = 1...Int64.max

  func int(_ key: String, required: Bool = false, range: ClosedRange<Int64>? = nil) -> Int64? {
    guard has(key) else {
      if required { add(key, "This field is required.") }
      return nil
    }
    guard let value = Self.integer(values[key] as Any) else {
      add(key, "A valid integer is required.")
      return nil
    }
    if let range, !range.contains(value) {
      add(
        key,
        range == Self.ids ? "A valid id is required." : "Must be between \(range.lowerBound) and \(range.upperBound).")
      return nil
    }
    return value
  }

  func intList(_ key: String) -> [Int64]? {
    guard has(key) else { return nil }
    let items: [Any]
    if let list = values[key] as? [Any] {
      items = list
    } else if let text = values[key] as? String {
      items = text.split(separator: ",").map { String($0) }
    } else {
      add(key, "Expected a list of ids.")
      return nil
    }
    var ids: [Int64] = []
    for item in items {
      if let id = Self.integer(item), id >= 1 {
        ids.append(id)
      } else {
        add(key, "Expected a list of ids.")
        return nil
      }
    }
    return ids
  }

  /// A JSON integer (not a boolean, not a fraction) or a string of digits.
  static func integer(_ value: Any) -> Int64? {
    if let text = value as? String { return Int64(text.trimmingCharacters(in: .whitespaces)) }
    guard let number = value as? NSNumber else { return nil }
    // Foundation bridges JSON booleans to NSNumber too; their type code is "c".
    let code = String(cString: number.objCType)
    guard code != "c", code != "B" else { return nil }
    switch code {
    case "d", "f": return Int64(exactly: number.doubleValue)  // 12.0 is 12; 12.5 is not an integer
    case "Q", "L", "I", "S", "C": return number.uint64Value <= UInt64(Int64.max) ? Int64(number.uint64Value) : nil
    default: return number.int64Value  // a double would lose digits above 2^53
    }
  }

  func dictionary(_ key: String) -> [String: Any]? {
    guard has(key) else { return nil }
    guard let object = values[key] as? [String: Any] else {
      add(key, "Expected an object.")
      return nil
    }
    return object
  }

  /// Throws the collected problems as one 400.
  func validate() throws {
    if !errors.isEmpty { throw APIError(fields: errors) }
  }
}
