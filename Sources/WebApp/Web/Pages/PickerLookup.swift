import AssetCore
import AssetStore
import Foundation

/// What a picker's form sent, resolved (issue 20): the hidden id the script filled in when a
/// match was chosen, else the text as typed, which is how the form works without JavaScript (an
/// email, a ticket number, a display ID; display IDs and emails without regard to case).
enum PickerLookup {
  enum Outcome<Value> {
    /// Nothing was typed or chosen.
    case empty
    case found(Value)
    /// The text names nothing; the message says so, for beside the field.
    case unknown(String)
  }

  /// The longest text a picker takes, as the search box.
  static let maxText = 200

  /// A contact by the chosen id, else by the typed email.
  static func contact(id: String?, text: String?, store: any ContactStore) async throws -> Outcome<Contact> {
    if let id = id.flatMap({ Int64($0) }), let contact = try await store.contact(id: id) { return .found(contact) }
    guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return .empty }
    if let problem = problem(text) { return .unknown(problem) }
    if let contact = try await store.contact(email: text) { return .found(contact) }
    return .unknown("No contact has the email “\(text)”. Type part of a name or email and choose a match.")
  }

  /// A ticket by the chosen id, else by its typed number: `#GEN00000006`, `GEN00000006` or `6`
  /// (the prefix, if typed, must be the ticket's category's).
  static func ticket(id: String?, text: String?, store: any TicketStore) async throws -> Outcome<Ticket> {
    if let id = id.flatMap({ Int64($0) }), let ticket = try await store.ticket(id: id) { return .found(ticket) }
    guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return .empty }
    if let problem = problem(text) { return .unknown(problem) }
    let unknown = Outcome<Ticket>.unknown(
      "No ticket has the number “\(text)”. Type a number such as #GEN00000006 or 6, or words of the subject, and choose a match."
    )
    let typed = text.hasPrefix("#") ? text.dropFirst() : Substring(text)
    let letters = typed.prefix { $0.isASCII && $0.isLetter }
    let digits = typed.dropFirst(letters.count)
    guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
      let number = Ticket.number(fromDisplayID: String(digits)), let ticket = try await store.ticket(id: number)
    else { return unknown }
    if !letters.isEmpty {
      let prefix = try await store.ticketCatalog().category(ticket.categoryID)?.prefix ?? ""
      guard letters.caseInsensitiveCompare(prefix) == .orderedSame else { return unknown }
    }
    return .found(ticket)
  }

  /// An asset by its typed (or chosen) display ID, without regard to case.
  static func asset(text: String?, store: any AssetRecordStore) async throws -> Outcome<Asset> {
    guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return .empty }
    if let problem = problem(text) { return .unknown(problem) }
    if let asset = try await AssetLookup.byDisplayID(text, store: store) { return .found(asset) }
    return .unknown("No asset has the display ID “\(text)”.")
  }

  /// Text no picker takes: too long, or with control characters.
  static func problem(_ text: String) -> String? {
    text.exceeds(characters: maxText) || text.hasControlCharacters()
      ? "Enter at most \(maxText) characters on one line." : nil
  }
}
