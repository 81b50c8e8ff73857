import AssetCore

/// `tickets/?fields=id,last_user_reply_at`: only those top-level keys of each ticket.
enum TicketFields {
  static func parse(_ text: String?) throws -> Set<String>? {
    guard let text else { return nil }
    let names = Set(text.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
    guard names.isSubset(of: Set(Self.known)) else {
      throw APIError.field("fields", "Name top-level ticket keys, comma-separated, e.g. id,last_user_reply_at.")
    }
    return names
  }

  static let known = [
    "id", "display_id", "subject", "status", "priority", "category", "user", "assigned_to", "tags", "custom_fields",
    "messages_count", "attachments_count", "first_message", "created_at", "last_updated_at", "last_modified",
    "last_staff_reply_at", "last_user_reply_at", "due_date", "time_spent", "unresponded", "sla_breaches",
    "merged_tickets", "merged_to", "visible_only_staff", "subscribers", "source", "updates", "asset_ids", "contact_id",
    "created_by", "updated_at",
  ]

  static func select(_ ticket: JSONValue, _ fields: Set<String>?) -> JSONValue {
    guard let fields, case .object(let members) = ticket else { return ticket }
    return .object(members.filter { fields.contains($0.0) })
  }
}
