/// A picker that searches as the agent types (issue 20): a text field that, with JavaScript, asks
/// `/pick/<kind>?q=` after each pause in typing and lists a few matches in a listbox; choosing one
/// fills the field (and the hidden id field, when the form posts an id). Without JavaScript it is
/// a plain text field whose value (an email, a display ID, a ticket number) the server resolves
/// (`PickerLookup`). No page lists every row any more. Rendered by the `picker` partial; all
/// stored properties, since Mustache reads values by reflection.
struct Picker {
  /// What a picker finds; the raw value is its path under `/pick/`.
  enum Kind: String, CaseIterable {
    case contacts, assets, tickets
  }

  /// The visible field's `id` and `name`.
  var inputID, name: String
  var label: String
  /// The label is read by screen readers only (a one-field row such as "Add contact").
  var hideLabel: Bool
  var placeholder, hint: String
  /// `/pick/contacts`, `/pick/assets` or `/pick/tickets`.
  var source: String
  /// Characters typed before the first search (one finds ticket `6`; two for names and emails).
  var minLength: Int
  /// The text as typed or as chosen (a refused form keeps it).
  var text: String
  /// The hidden field's `id` and `name` (`contact_id`, `ticket_id`) and its value, if the form
  /// posts an id beside the text.
  var hiddenName: String?
  var hiddenValue: String
  var error: String?
  var hintID, errorID: String
  var required: Bool

  init(
    _ kind: Kind, inputID: String, name: String? = nil, label: String, hideLabel: Bool = false,
    placeholder: String, hint: String, hiddenName: String? = nil, required: Bool = false
  ) {
    self.inputID = inputID
    self.name = name ?? inputID
    self.label = label
    self.hideLabel = hideLabel
    self.placeholder = placeholder
    self.hint = hint
    source = "/pick/" + kind.rawValue
    minLength = kind == .tickets ? 1 : 2
    text = ""
    self.hiddenName = hiddenName
    hiddenValue = ""
    let base = inputID.replacingOccurrences(of: "_", with: "-")
    hintID = base + "-hint"
    errorID = base + "-error"
    self.required = required
  }

  /// The picker again with what a refused form sent, and why it was refused.
  func keeping(text: String?, hiddenValue: String? = nil, error: String?) -> Picker {
    var copy = self
    copy.text = text ?? ""
    copy.hiddenValue = hiddenValue ?? ""
    copy.error = error
    return copy
  }

  /// The contact on an asset page, or the requester of a new ticket: posts `contact` (the email)
  /// and `contact_id`.
  static func contact(label: String = "Contact", hideLabel: Bool = false, required: Bool = false) -> Picker {
    Picker(
      .contacts, inputID: "contact", label: label, hideLabel: hideLabel, placeholder: "Name or email",
      hint: "Type part of a name or email and choose a match, or enter the full email.", hiddenName: "contact_id",
      required: required)
  }

  /// The ticket on an asset page: posts `ticket` (its number) and `ticket_id`. It offers only
  /// tickets not yet linked to that asset (`/pick/tickets?asset=<id>`).
  static func ticket(forAsset assetID: Int64) -> Picker {
    var picker = Picker(
      .tickets, inputID: "ticket", label: "Ticket", hideLabel: true, placeholder: "Ticket number or subject",
      hint: "Type a ticket number (#GEN00000006 or 6) or words of its subject.", hiddenName: "ticket_id",
      required: true)
    picker.source += "?asset=\(assetID)"
    return picker
  }

  /// An asset on a ticket: posts the display ID itself, which is what a person types.
  static func asset(inputID: String, label: String, hideLabel: Bool = false, required: Bool = false) -> Picker {
    Picker(
      .assets, inputID: inputID, label: label, hideLabel: hideLabel, placeholder: "Display ID, name or serial",
      hint: "Type part of a display ID, name, serial or user and choose a match, or enter the display ID.",
      required: required)
  }
}
