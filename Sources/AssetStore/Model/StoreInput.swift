import AssetCore
import Foundation

/// Validation every store applies before writing, so SQLite and PostgreSQL refuse the same input
/// with the same field-keyed messages.
package enum StoreInput {
  /// A manual asset's name and display ID (`nil`: not being changed).
  package static func checkAsset(name: String?, displayID: String?) throws {
    if let name {
      guard !name.isEmpty else { throw StoreError.invalid(field: "name", message: "This field is required.") }
      guard name.count <= Asset.maxNameLength else {
        throw StoreError.invalid(
          field: "name", message: "Ensure this field has no more than \(Asset.maxNameLength) characters.")
      }
    }
    if let displayID {
      guard !displayID.isEmpty else {
        throw StoreError.invalid(field: "display_id", message: "This field is required.")
      }
      guard displayID.count <= 100 else {
        throw StoreError.invalid(field: "display_id", message: "Ensure this field has no more than 100 characters.")
      }
    }
  }

  /// A ticket's subject, trimmed and checked.
  package static func ticketSubject(_ text: String) throws -> String {
    let subject = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !subject.isEmpty else { throw StoreError.invalid(field: "subject", message: "This field is required.") }
    guard subject.count <= 500 else {
      throw StoreError.invalid(field: "subject", message: "Ensure this field has no more than 500 characters.")
    }
    return subject
  }

  /// A contact's or agent's name and email, trimmed and checked.
  package static func person(name: String, email: String) throws -> (name: String, email: String) {
    let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
    let email = email.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !name.isEmpty else { throw StoreError.invalid(field: "name", message: "This field is required.") }
    guard email.contains("@"), !email.contains(" "), email.count <= 254 else {
      throw StoreError.invalid(field: "email", message: "Enter a valid email address.")
    }
    return (name, email)
  }
}
