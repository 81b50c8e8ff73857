/// Types of asset fields: HappyFox's six (text, textarea, number, dropdown, multiple choice,
/// date) and `boolean`, which only the Kandji "Supervised" field has.
public enum AssetFieldType: String, Sendable, Hashable, Codable, CaseIterable {
  case text, textarea, number, date, dropdown
  case multipleChoice = "multiple_choice"
  case boolean

  /// The types an admin can give a field of a manual type (HappyFox's six).
  public static let creatable: [AssetFieldType] = [.text, .textarea, .number, .dropdown, .multipleChoice, .date]

  /// Whether values are option ids of `choices`.
  public var hasChoices: Bool { self == .dropdown || self == .multipleChoice }

  public var label: String {
    switch self {
    case .text: "Text"
    case .textarea: "Text area"
    case .number: "Number"
    case .date: "Date"
    case .dropdown: "Dropdown"
    case .multipleChoice: "Multiple choice"
    case .boolean: "Yes/No"
    }
  }
}
