import AssetCore
import Foundation

extension Representation {
  /// A ticket as article 1039 answers it (`ticket/<n>/` and every item of `tickets/`), plus
  /// AssetSync's `asset_ids`, `contact_id`, `created_by` and `updated_at`. AssetSync keeps no
  /// attachments, SLAs, subscribers, merges or ticket custom fields: those keys are always empty.
  static func ticket(_ ticket: Ticket, _ context: TicketContext) -> JSONValue {
    let updates = context.updates[ticket.id] ?? []
    let messages = updates.compactMap(\.message)
    let contact = ticket.contactID.flatMap { context.contacts[$0] }
    let assignee = ticket.assigneeID.flatMap { context.agents[$0] }
    return .object([
      ("id", .int(Int(ticket.id))), ("display_id", .string(context.displayID(ticket))),
      ("subject", .string(ticket.subject)),
      ("status", context.catalog.status(ticket.statusID).map(status) ?? .null),
      ("priority", context.catalog.priority(ticket.priorityID).map(priority) ?? .null),
      ("category", context.catalog.category(ticket.categoryID).map(category) ?? .null),
      ("user", contact.map { self.contact($0, profile: context.profiles[$0.id]) } ?? .null),
      ("assigned_to", assignee.map { staff($0, categories: context.catalog.categories) } ?? .null),
      ("tags", .string(TicketTags.text(ticket.tags))), ("custom_fields", .array([])),
      ("messages_count", .int(messages.count)), ("attachments_count", .int(0)),
      ("first_message", .string(messages.first?.text)),
      ("created_at", HappyFoxDate.json(ticket.createdAt)), ("last_updated_at", HappyFoxDate.json(ticket.lastUpdatedAt)),
      ("last_modified", HappyFoxDate.json(ticket.updatedAt)),
      ("last_staff_reply_at", HappyFoxDate.json(ticket.lastStaffReplyAt)),
      ("last_user_reply_at", HappyFoxDate.json(ticket.lastUserReplyAt)), ("due_date", .string(ticket.dueDate)),
      ("time_spent", .int(ticket.timeSpent)), ("unresponded", .bool(ticket.lastStaffReplyAt == nil)),
      ("sla_breaches", .int(0)), ("merged_tickets", .array([])), ("merged_to", .null),
      ("visible_only_staff", .bool(false)), ("subscribers", .array([])), ("source", .string("TKT_CREATION_API")),
      ("updates", .array(updates.map { update($0, context) })),
      ("asset_ids", .array(ticket.assetIDs.map { .int(Int($0)) })), ("contact_id", .int(ticket.contactID)),
      ("created_by", .int(ticket.createdBy)), ("updated_at", HappyFoxDate.json(ticket.updatedAt)),
    ])
  }

  /// One thread entry: who, when, the message, and each change as HappyFox's `*_change`.
  static func update(_ update: TicketUpdate, _ context: TicketContext) -> JSONValue {
    let changes = update.changes
    func change(_ value: TicketChanges.Change?, name: (Int64) -> String?) -> JSONValue {
      guard let value else { return .null }
      return .object([
        ("old", .int(value.old)), ("new", .int(value.new)), ("old_name", .string(value.old.flatMap(name))),
        ("new_name", .string(value.new.flatMap(name))),
      ])
    }
    let message: JSONValue =
      update.message.map { message in
        .object([
          ("text", .string(message.text)), ("html", .string(message.html)), ("subject", .string("")),
          ("cc_list", .string("")), ("bcc_list", .string("")), ("forward_list", .null), ("attachments", .array([])),
          ("customer_updated", .bool(update.kind == .userReply)),
          ("message_type", .string(update.isPrivate ? "private_note" : nil)),
        ])
      } ?? .null
    return .object([
      ("update_id", .int(Int(update.id))), ("timestamp", HappyFoxDate.json(update.at)),
      (
        "by",
        author(
          agent: update.byAgentID.flatMap { context.agents[$0] },
          contact: update.byContactID.flatMap { context.contacts[$0] })
      ),
      ("message", message),
      ("status_change", change(changes.status) { context.catalog.status($0)?.name }),
      ("priority_change", change(changes.priority) { context.catalog.priority($0)?.name }),
      ("category_change", change(changes.category) { context.catalog.category($0)?.name }),
      ("assignee_change", change(changes.assignee) { context.agents[$0]?.name }),
      (
        "due_date_change",
        changes.dueDateChanged
          ? .object([("old", .string(changes.dueDateOld)), ("new", .string(changes.dueDateNew))]) : .null
      ),
      ("custom_field_change", .null), ("time_spent", changes.timeSpent.map { .int($0) } ?? .null),
      ("satisfaction_survey", .null), ("kind", .string(update.kind.rawValue)), ("is_private", .bool(update.isPrivate)),
      ("tags_added", .array(changes.tagsAdded.map(JSONValue.string))),
      ("tags_removed", .array(changes.tagsRemoved.map(JSONValue.string))),
    ])
  }
}
