import AssetCore
import Foundation

/// Validation every store applies before writing, so SQLite and PostgreSQL refuse the same input
/// with the same field-keyed messages.
package enum StoreInput {
  /// A manual asset's name and display ID (`nil`: not being changed).
  package static func checkAsset(name: String?, displayID: String?) throws {
    if let name {
      guard !name.isEmpty else { throw StoreError.invalid(field: "name", message: "This field is required.") }
      try singleLine(name, field: "name")
      guard !name.exceeds(characters: Asset.maxNameLength) else {
        throw StoreError.invalid(
          field: "name", message: "Ensure this field has no more than \(Asset.maxNameLength) characters.")
      }
    }
    if let displayID {
      guard !displayID.isEmpty else {
        throw StoreError.invalid(field: "display_id", message: "This field is required.")
      }
      try singleLine(displayID, field: "display_id")
      guard !displayID.exceeds(characters: 100) else {
        throw StoreError.invalid(field: "display_id", message: "Ensure this field has no more than 100 characters.")
      }
    }
  }

  /// A ticket's subject, trimmed and checked.
  package static func ticketSubject(_ text: String) throws -> String {
    let subject = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !subject.isEmpty else { throw StoreError.invalid(field: "subject", message: "This field is required.") }
    try singleLine(subject, field: "subject")
    guard !subject.exceeds(characters: 500) else {
      throw StoreError.invalid(field: "subject", message: "Ensure this field has no more than 500 characters.")
    }
    return subject
  }

  /// A contact's or agent's name and email, trimmed and checked.
  package static func person(name: String, email: String) throws -> (name: String, email: String) {
    let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
    let email = email.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !name.isEmpty else { throw StoreError.invalid(field: "name", message: "This field is required.") }
    try singleLine(name, field: "name")
    guard !name.exceeds(characters: 200) else {
      throw StoreError.invalid(field: "name", message: "Ensure this field has no more than 200 characters.")
    }
    guard isEmail(email), !email.exceeds(characters: 254) else {
      throw StoreError.invalid(field: "email", message: "Enter a valid email address.")
    }
    return (name, email)
  }

  /// A contact has at most this many phones.
  package static let maxPhones = 10

  /// Phone numbers: 1 to 50 characters on one line, trimmed; at most `maxPhones`.
  package static func phones(_ drafts: [PhoneDraft]) throws -> [PhoneDraft] {
    guard drafts.count <= maxPhones else {
      throw StoreError.invalid(field: "phones", message: "A contact has at most \(maxPhones) phones.")
    }
    return try drafts.map { draft in
      var draft = draft
      draft.number = draft.number.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !draft.number.isEmpty, !draft.number.exceeds(characters: 50) else {
        throw StoreError.invalid(field: "phones", message: "A phone number has 1 to 50 characters.")
      }
      try singleLine(draft.number, field: "phones")
      return draft
    }
  }

  /// A name of a type, field, group or category: trimmed, 1 to `maxLength` characters, one line.
  package static func name(_ text: String, field: String = "name", maxLength: Int = 100) throws -> String {
    let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !name.isEmpty else { throw StoreError.invalid(field: field, message: "This field is required.") }
    try singleLine(name, field: field)
    guard !name.exceeds(characters: maxLength) else {
      throw StoreError.invalid(field: field, message: "Ensure this field has no more than \(maxLength) characters.")
    }
    return name
  }

  /// `local@domain`: one `@`, both sides non-empty, no whitespace or control characters (the
  /// OpenAPI document's pattern for emails says the same).
  static func isEmail(_ text: String) -> Bool {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
    return text.isOneLine && !text.unicodeScalars.contains { $0.properties.isWhitespace }
  }

  /// Names, display IDs and subjects are one line of text (`String.isOneLine`: no control
  /// characters, line separators or bidi overrides), as the API and web forms require.
  static func singleLine(_ text: String, field: String) throws {
    if !text.isOneLine {
      throw StoreError.invalid(
        field: field,
        message: "Use one line without control characters (line separators and text-direction controls included).")
    }
  }

  /// A Kandji connection's name: one line, 1 to 100 characters, trimmed.
  package static func connectionName(_ text: String) throws -> String {
    let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !name.isEmpty else { throw StoreError.invalid(field: "name", message: "This field is required.") }
    try singleLine(name, field: "name")
    guard !name.exceeds(characters: 100) else {
      throw StoreError.invalid(field: "name", message: "Ensure this field has no more than 100 characters.")
    }
    return name
  }
}
