import Foundation
import Hummingbird

/// A request body's fields read into typed values, collecting every field's problem so one 400
/// names them all (in the endpoint's HappyFox shape, `FieldErrors.Style`). Request types
/// (`Requests/`) read their fields through it and are built only from checked values.
final class BodyReader {
  let values: [String: JSONBody]
  private(set) var errors = FieldErrors()

  init(_ values: [String: JSONBody]) { self.values = values }

  /// The body of `request`, which must be an object.
  static func read(_ request: Request, allowEmpty: Bool = false) async throws -> BodyReader {
    try object(try await JSONBody.read(request, allowEmpty: allowEmpty))
  }

  static func object(_ body: JSONBody) throws -> BodyReader {
    guard case .object(let values) = body else { throw APIError(.badRequest, "The body must be a JSON object.") }
    return BodyReader(values)
  }

  func add(_ field: String, _ message: String) { errors.add(field, message) }
  func add(_ field: String, key: String, _ message: String) { errors.add(field, key: key, message) }

  /// Flags every key not in `allowed` (a typo must not be silently ignored). HappyFox's custom
  /// field keys (`t-cf-1`, `c-cf-2`, `ccf-3`) get their own message: AssetSync has no ticket or
  /// contact custom fields. At most `UnknownNames.limit` are named (issue 16), then how many more.
  func rejectUnknown(allowed: Set<String>) {
    let unknown = values.keys.sorted().filter { !allowed.contains($0) }
    for key in unknown.prefix(UnknownNames.limit) {
      if key.hasPrefix("t-cf-") || key.hasPrefix("c-cf-") || key.hasPrefix("ccf-") {
        add(key, "AssetSync has no ticket or contact custom fields.")
      } else {
        add(key, "Unknown field.")
      }
    }
    if unknown.count > UnknownNames.limit {
      add("non_field_errors", "And \(unknown.count - UnknownNames.limit) more unknown fields.")
    }
  }

  func has(_ key: String) -> Bool { values[key].map { !$0.isNull } ?? false }

  /// A string field, trimmed, under `rule` (`TextRules`): the length limit counts the text as
  /// sent (Unicode scalars, as `maxLength` in the OpenAPI document does); control characters are
  /// refused, except line breaks and tabs in multi-line fields, and one-line fields also refuse
  /// line separators and bidi controls.
  func string(_ key: String, _ rule: TextRule, required: Bool = false) -> String? {
    guard has(key) else {
      if required { add(key, "This field is required.") }
      return nil
    }
    guard let text = values[key]?.text else {
      add(key, "Expected a string.")
      return nil
    }
    if rule.isTooLong(text) {
      add(key, rule.tooLongMessage)
      return nil
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if required && trimmed.isEmpty {
      add(key, "This field is required.")
      return nil
    }
    if let problem = rule.characterProblem(trimmed) {
      add(key, problem)
      return nil
    }
    return trimmed
  }

  /// `string(_:_:required:)` with an ad-hoc rule.
  func string(_ key: String, required: Bool = false, maxLength: Int = 10_000, multiline: Bool = false) -> String? {
    string(key, TextRule(maxLength: maxLength, multiline: multiline), required: required)
  }

  /// Ids are positive.
  static let ids: ClosedRange<Int64> = 1...Int64.max

  func int(_ key: String, required: Bool = false, range: ClosedRange<Int64>? = nil) -> Int64? {
    guard has(key) else {
      if required { add(key, "This field is required.") }
      return nil
    }
    guard let value = values[key]?.integer else {
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

  func id(_ key: String, required: Bool = false) -> Int64? { int(key, required: required, range: Self.ids) }

  /// Booleans as text, as HappyFox's own examples and form bodies send them.
  static let flags: Set<String> = ["true", "false", "TRUE", "FALSE", "True", "False"]

  /// `true`/`false`, as JSON or as text (`"TRUE"` too: HappyFox's own examples send it so).
  func bool(_ key: String) -> Bool? {
    guard has(key) else { return nil }
    switch values[key] {
    case .bool(let flag)?: return flag
    case .string(let text)? where Self.flags.contains(text): return text.lowercased() == "true"
    default:
      add(key, "Expected true or false.")
      return nil
    }
  }

  /// A list of ids: a JSON list (of numbers or digit strings) or a comma-separated string.
  func ids(_ key: String, maxCount: Int = 1_000) -> [Int64]? {
    guard has(key) else { return nil }
    let items: [JSONBody]
    switch values[key] {
    case .array(let list)?: items = list
    case .string(let text)?: items = text.split(separator: ",").map { .string(String($0)) }
    default:
      add(key, "Enter a list of values.")
      return nil
    }
    let ids = items.compactMap { $0.integer }.filter { $0 >= 1 }
    // A string names at least one id; an empty list is `[]`.
    guard ids.count == items.count, ids.count <= maxCount, !(ids.isEmpty && values[key]?.text != nil) else {
      add(key, ids.count > maxCount ? "Give at most \(maxCount) ids." : "Enter a list of values.")
      return nil
    }
    return ids
  }

  /// A list of strings, or one comma-separated string (HappyFox's tags), each one line under `rule`.
  func strings(_ key: String, _ rule: TextRule = TextRules.tag, maxCount: Int = TextRules.maxTags) -> [String]? {
    let maxLength = rule.maxLength
    guard has(key) else { return nil }
    var items: [String]
    switch values[key] {
    case .array(let list)?:
      let texts = list.compactMap(\.text)
      guard texts.count == list.count else {
        add(key, "Expected a list of strings or a comma-separated string.")
        return nil
      }
      items = texts.flatMap { $0.split(separator: ",").map(String.init) }
    case .string(let text)?: items = text.split(separator: ",").map(String.init)
    default:
      add(key, "Expected a list of strings or a comma-separated string.")
      return nil
    }
    // Control characters are refused wherever they are, before trimming (tags are one line each).
    guard !items.contains(where: { rule.isTooLong($0) || rule.characterProblem($0) != nil }) else {
      add(key, "Give at most \(maxCount) entries of at most \(maxLength) characters, each on one line.")
      return nil
    }
    items = items.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    guard items.count <= maxCount else {
      add(key, "Give at most \(maxCount) entries of at most \(maxLength) characters, each on one line.")
      return nil
    }
    return items
  }

  func object(_ key: String) -> [String: JSONBody]? {
    guard has(key) else { return nil }
    guard case .object(let object)? = values[key] else {
      add(key, "Expected an object.")
      return nil
    }
    return object
  }

  func list(_ key: String, maxCount: Int = 100) -> [JSONBody]? {
    guard has(key) else { return nil }
    guard case .array(let list)? = values[key], list.count <= maxCount else {
      add(key, "Expected a list of at most \(maxCount) entries.")
      return nil
    }
    return list
  }

  /// The collected problems as one 400 in `style`.
  func failure(_ style: FieldErrors.Style = .lists) -> APIError {
    var errors = errors
    if errors.isEmpty { errors.add("non_field_errors", "The request is not valid.") }
    return APIError(errors: errors, style: style)
  }

  /// Throws the collected problems, if any.
  func validate(_ style: FieldErrors.Style = .lists) throws {
    if !errors.isEmpty { throw failure(style) }
  }
}

/// The name the Kandji app routes read their bodies by (the same typed reader).
typealias RequestInput = BodyReader
