import Foundation

/// A field's value with its JSON type, as HappyFox writes and answers it: text → string,
/// number → integer, dropdown → option id, multiple choice → option ids, date → `YYYY-MM-DD`
/// (and the Kandji "Supervised" field a boolean). Stored as text (`storedText`).
public enum FieldValue: Sendable, Hashable {
  case text(String)
  case number(Int64)
  case choice(Int)
  case choices([Int])
  case date(String)
  case flag(Bool)

  /// The value stored for a field of `type`; text that does not read as the type (written
  /// before the type was enforced) stays text rather than being lost.
  public static func stored(_ text: String, type: AssetFieldType) -> FieldValue {
    switch type {
    case .text, .textarea: return .text(text)
    case .number: return Int64(text).map(FieldValue.number) ?? .text(text)
    case .dropdown: return Int(text).map(FieldValue.choice) ?? .text(text)
    case .multipleChoice:
      let ids = try? JSONDecoder().decode([Int].self, from: Data(text.utf8))
      return ids.map(FieldValue.choices) ?? .text(text)
    case .date: return .date(text.count > 10 ? String(text.prefix(10)) : text)
    case .boolean: return text == "true" ? .flag(true) : text == "false" ? .flag(false) : .text(text)
    }
  }

  public var storedText: String {
    switch self {
    case .text(let text), .date(let text): text
    case .number(let number): String(number)
    case .choice(let id): String(id)
    case .choices(let ids): "[" + ids.map(String.init).joined(separator: ",") + "]"
    case .flag(let flag): flag ? "true" : "false"
    }
  }

  /// For people: option ids become their labels.
  public func display(choices: [FieldChoice]) -> String {
    func label(_ id: Int) -> String { choices.first { $0.id == id }?.value ?? "#\(id)" }
    switch self {
    case .text(let text), .date(let text): return text
    case .number(let number): return String(number)
    case .choice(let id): return label(id)
    case .choices(let ids): return ids.map(label).joined(separator: ", ")
    case .flag(let flag): return flag ? "Yes" : "No"
    }
  }
}

extension ManagedField {
  /// The typed value of this field in `attributes`: `last_check_in` as its day (the field is a
  /// date field; the moment itself is `checkInMoment`), `supervised` as a boolean.
  public func fieldValue(in attributes: ManagedAttributes) -> FieldValue? {
    switch self {
    case .lastCheckIn: attributes.lastCheckIn.map { .date(String(ISO8601.string($0).prefix(10))) }
    case .supervised: attributes.supervised.map(FieldValue.flag)
    default: value(in: attributes).map(FieldValue.text)
    }
  }
}
