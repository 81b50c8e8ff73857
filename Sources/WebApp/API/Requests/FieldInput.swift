import AssetCore
import Foundation

/// A custom field's value as HappyFox takes it (text → string, number → integer, dropdown →
/// option id, multiple choice → option ids, date → `YYYY-MM-DD`), checked against the field.
enum FieldInput {
  /// The value to store, or the message for the field; `null` clears a value (stored as "").
  static func parse(_ value: JSONBody, for field: AssetField) -> Result<String, FieldProblem> {
    if value.isNull { return .success("") }
    switch field.type {
    case .text, .textarea:
      guard let text = value.text else { return .failure("Expected a string.") }
      let rule = field.type == .text ? TextRules.textField : TextRules.textAreaField
      guard !rule.isTooLong(text) else { return .failure(FieldProblem(rule.tooLongMessage)) }
      if let problem = rule.characterProblem(text) { return .failure(FieldProblem(problem)) }
      return .success(text)
    case .number:
      guard let number = value.integer else { return .failure("Enter a whole number.") }
      return .success(FieldValue.number(number).storedText)
    case .dropdown:
      guard let id = choice(value, field) else { return .failure(invalidChoice(value)) }
      return .success(FieldValue.choice(id).storedText)
    case .multipleChoice:
      let items: [JSONBody] =
        switch value {
        case .array(let list): list
        case .string(let text): text.split(separator: ",").map { .string(String($0)) }
        default: [value]
        }
      var ids: [Int] = []
      for item in items {
        guard let id = choice(item, field) else { return .failure(invalidChoice(item)) }
        if !ids.contains(id) { ids.append(id) }
      }
      return .success(FieldValue.choices(ids).storedText)
    case .date:
      guard let text = value.text, let day = SearchDay.parse(text), day == text || text.contains("/"),
        (try? Date(day + "T00:00:00Z", strategy: .iso8601)) != nil
      else { return .failure("Enter a valid date as YYYY-MM-DD.") }
      return .success(day)
    case .boolean:
      guard case .bool(let flag) = value else { return .failure("Expected true or false.") }
      return .success(FieldValue.flag(flag).storedText)
    }
  }

  /// An option id (a number, a string of digits) or an option's label.
  static func choice(_ value: JSONBody, _ field: AssetField) -> Int? {
    if let id = value.integer { return field.choices.contains { $0.id == Int(id) } ? Int(id) : nil }
    guard let text = value.text?.trimmingCharacters(in: .whitespaces) else { return nil }
    // Labels compare case-insensitively, as the store folds names.
    return field.choices.first { NameFolding.fold($0.value) == NameFolding.fold(text) }?.id
  }

  static func invalidChoice(_ value: JSONBody) -> FieldProblem {
    let shown: String =
      switch value {
      case .int(let id): String(id)
      case .string(let text): text.count > 40 ? String(text.prefix(40)) + "…" : text
      default: "That value"
      }
    return FieldProblem("Provide a valid choice. \(shown) is not one of the available choices.")
  }
}

/// Why a value does not fit its field.
struct FieldProblem: Error, ExpressibleByStringLiteral {
  let message: String
  init(_ message: String) { self.message = message }
  init(stringLiteral value: String) { message = value }
}
