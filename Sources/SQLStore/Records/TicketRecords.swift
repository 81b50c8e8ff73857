import AssetCore
import AssetStore
import Foundation

/// How tickets are stored; their tags come from `ticket_tags` and their asset links from
/// `ticket_assets`.
enum TicketRecord {
  static let columns = """
    tickets.id, tickets.subject, tickets.status_id, tickets.priority_id, tickets.category_id, tickets.contact_id,
    tickets.assignee_id, tickets.created_by, tickets.created_at, tickets.updated_at,
    tickets.last_updated_at, tickets.last_staff_reply_at, tickets.last_user_reply_at, tickets.last_closed_at,
    tickets.due_date, tickets.time_spent
    """

  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>, tags: [String], assetIDs: [Int64]) throws -> Ticket {
    let id = try r.int64()
    let subject = try r.string()
    let status = try r.optionalInt64() ?? 0
    let priority = try r.optionalInt64() ?? 0
    let category = try r.optionalInt64() ?? 0
    let contact = try r.optionalInt64()
    let assignee = try r.optionalInt64()
    let createdBy = try r.optionalInt64()
    let createdAt = try r.date()
    let updatedAt = try r.date()
    return Ticket(
      id: id, subject: subject, statusID: status, priorityID: priority, categoryID: category, contactID: contact,
      assigneeID: assignee, tags: tags, assetIDs: assetIDs, createdBy: createdBy, createdAt: createdAt,
      updatedAt: updatedAt, lastUpdatedAt: try r.optionalDate(), lastStaffReplyAt: try r.optionalDate(),
      lastUserReplyAt: try r.optionalDate(), lastClosedAt: try r.optionalDate(), dueDate: try r.optionalString(),
      timeSpent: try r.int())
  }

  /// What free words of a search are matched against: the subject, then every message.
  static func searchKey(subject: String, messages: [String]) -> String {
    ([subject] + messages).map(SearchKey.match).joined(separator: SearchKey.separator)
  }

  /// What one more message adds to the end of a search key: the key of a thread and then this
  /// message equals `searchKey(subject:messages:)` of the longer thread.
  static func appendedSearchText(_ message: String) -> String { SearchKey.separator + SearchKey.match(message) }
}

/// How a thread's entries are stored (what they changed as JSON).
enum TicketUpdateRecord {
  static let columns = """
    ticket_updates.id, ticket_updates.ticket_id, ticket_updates.kind, ticket_updates.by_agent_id,
    ticket_updates.by_contact_id, ticket_updates.created_at, ticket_updates.message_text, ticket_updates.message_html,
    ticket_updates.is_private, ticket_updates.changes
    """

  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> TicketUpdate {
    let id = try r.int64()
    let ticketID = try r.int64()
    let kind = TicketUpdate.Kind(rawValue: try r.string()) ?? .staffUpdate
    let agent = try r.optionalInt64()
    let contact = try r.optionalInt64()
    let at = try r.date()
    let text = try r.optionalString()
    let html = try r.optionalString()
    let isPrivate = try r.bool()
    let changes = (try? JSONDecoder().decode(TicketChanges.self, from: Data(try r.string().utf8))) ?? TicketChanges()
    return TicketUpdate(
      id: id, ticketID: ticketID, kind: kind, byAgentID: agent, byContactID: contact, at: at,
      message: text.map { TicketMessage(text: $0, html: html ?? "") }, isPrivate: isPrivate, changes: changes)
  }

  static func changesJSON(_ changes: TicketChanges) -> String {
    (try? JSONEncoder().encode(changes)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }
}

/// Statuses, priorities and categories, as the migrations seed them.
enum CatalogRecord {
  static let statuses: SQLStatement =
    "SELECT id, name, color, position, is_default, behavior FROM ticket_statuses ORDER BY position, id"
  static let priorities: SQLStatement =
    "SELECT id, name, position, is_default FROM ticket_priorities ORDER BY position, id"
  static let categories: SQLStatement =
    "SELECT id, name, description, prefix, is_public FROM ticket_categories ORDER BY id"

  static func status<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> TicketStatus {
    TicketStatus(
      id: try r.int64(), name: try r.string(), color: try r.string(), order: try r.int(), isDefault: try r.bool(),
      behavior: TicketStatus.Behavior(rawValue: try r.string()) ?? .pending)
  }

  static func priority<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> TicketPriority {
    TicketPriority(id: try r.int64(), name: try r.string(), order: try r.int(), isDefault: try r.bool())
  }

  static func category<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> TicketCategory {
    TicketCategory(
      id: try r.int64(), name: try r.string(), description: try r.string(), prefix: try r.string(),
      isPublic: try r.bool())
  }
}

/// How contact groups are stored.
enum ContactGroupRecord {
  static let columns =
    "contact_groups.id, contact_groups.name, contact_groups.description, contact_groups.tagged_domains"

  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> ContactGroup {
    ContactGroup(id: try r.int64(), name: try r.string(), description: try r.string(), taggedDomains: try r.string())
  }
}
