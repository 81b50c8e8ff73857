import AssetCore
import AssetStore
import Foundation

/// The manual asset form: name, display ID and an input per custom field of the type (text,
/// text area, number, date, dropdown, multiple-choice checkboxes), read back through the same
/// checks as the API (`FieldInput`).
struct AssetFormModel {
  struct FieldInputRow {
    var id: Int64
    var name, value: String
    var isText, isTextarea, isNumber, isDate, isDropdown, isMultiple: Bool
    var options: [TicketPages.Option]
    var error: String?
  }

  var chrome: PageChrome
  var heading, action, typeName, cancelURL: String
  var typeManaged: Bool
  var name, displayID: String
  var nameError, displayIDError: String?
  var fields: [FieldInputRow]
  var hasFields: Bool

  init(
    chrome: PageChrome, heading: String, action: String, type: AssetType?, cancelURL: String, name: String,
    displayID: String, fields: [AssetField], values: [Int64: String]
  ) {
    self.chrome = chrome
    self.heading = heading
    self.action = action
    typeName = type?.name ?? ""
    self.cancelURL = cancelURL
    typeManaged = type?.isManaged ?? false
    self.name = name
    self.displayID = displayID
    let editable = fields.filter { !$0.isManaged }
    self.fields = editable.map { Self.row($0, stored: values[$0.id]) }
    hasFields = !editable.isEmpty
  }

  static func row(_ field: AssetField, stored: String?) -> FieldInputRow {
    let value = stored.map { FieldValue.stored($0, type: field.type) }
    let selected: Set<Int> =
      switch value {
      case .choice(let id)?: [id]
      case .choices(let ids)?: Set(ids)
      default: []
      }
    return FieldInputRow(
      id: field.id, name: field.name, value: field.type.hasChoices ? "" : stored ?? "",
      isText: field.type == .text, isTextarea: field.type == .textarea, isNumber: field.type == .number,
      isDate: field.type == .date, isDropdown: field.type == .dropdown, isMultiple: field.type == .multipleChoice,
      options: (field.type == .dropdown ? [TicketPages.Option(value: "", label: "—", selected: selected.isEmpty)] : [])
        + field.choices.map {
          TicketPages.Option(value: String($0.id), label: $0.value, selected: selected.contains($0.id))
        })
  }

  /// The values the form sent, by field id ("" clears one), with a message for each that does
  /// not fit its field.
  static func values(_ form: WebForm, fields: [AssetField]) -> (values: [Int64: String], errors: [Int64: String]) {
    var values: [Int64: String] = [:]
    var errors: [Int64: String] = [:]
    for field in fields where !field.isManaged {
      let input: JSONBody
      if field.type == .multipleChoice {
        let ids = field.choices.filter { form.values["cf_\(field.id)_\($0.id)"] != nil }.map {
          JSONBody.int(Int64($0.id))
        }
        input = .array(ids)
      } else {
        input = form["cf_\(field.id)"].map(JSONBody.string) ?? .null
      }
      switch FieldInput.parse(input, for: field) {
      case .success(let text): values[field.id] = text
      case .failure(let problem): errors[field.id] = problem.message
      }
    }
    return (values, errors)
  }

  /// Puts the form's values and their problems back on the form.
  mutating func show(_ values: [Int64: String], errors: [Int64: String], fields: [AssetField]) {
    let byID = Dictionary(uniqueKeysWithValues: fields.map { ($0.id, $0) })
    self.fields = self.fields.map { row in
      guard let field = byID[row.id] else { return row }
      var row = Self.row(field, stored: values[row.id])
      row.error = errors[field.id]
      return row
    }
  }
}
