import AssetStore

/// A web form's fields read through the API's rules (`BodyReader` with `TextRules`), so every
/// form refuses exactly what its API counterpart refuses — lengths, NUL and other control
/// characters, one-line fields — with the same messages, shown beside the field or in a flash.
struct FormInput {
  let reader: BodyReader

  init(_ form: WebForm) {
    reader = BodyReader(form.values.mapValues(JSONBody.string))
  }

  /// The field's text, trimmed, under `rule`; `nil` when it is missing, empty, or refused (then
  /// `problem(key)` says why).
  func text(_ key: String, _ rule: TextRule, required: Bool = false) -> String? {
    guard let text = reader.string(key, rule, required: required), !text.isEmpty else { return nil }
    return text
  }

  /// A comma-separated list (tags) under `rule`, each entry one line; `[]` when empty, `nil` when
  /// refused.
  func list(_ key: String, _ rule: TextRule = TextRules.tag, maxCount: Int = TextRules.maxTags) -> [String]? {
    guard reader.has(key) else { return [] }
    return reader.strings(key, rule, maxCount: maxCount)
  }

  /// Why the field was refused, or nil.
  func problem(_ key: String) -> String? {
    reader.errors.flattened.first { $0.0 == key }.map { $0.1.joined(separator: " ") }
  }

  /// The first refused field and why.
  var firstProblem: (field: String, message: String)? {
    reader.errors.flattened.first.map { ($0.0, $0.1.joined(separator: " ")) }
  }

  /// Throws the first problem as the store would (`StoreError.invalid`), for forms whose refusals
  /// are told in a flash.
  func validate() throws {
    if let (field, message) = firstProblem { throw StoreError.invalid(field: field, message: message) }
  }
}
