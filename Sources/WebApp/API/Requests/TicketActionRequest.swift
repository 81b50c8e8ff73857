import AssetCore
import AssetStore

/// The bodies of the ticket actions of article 1039 — `staff_update`, `staff_pvtnote`,
/// `user_reply`, `update_tags` and `move` — read into one `TicketAction`. The acting agent is
/// `staff` (or `staff_id`); ids are checked by the store. Accepted and not kept: `cc`, `bcc`,
/// `update_customer`, `send_survey`, `subject`, `last_staff_message`, `parent_update`, `alert`
/// (AssetSync sends no email). Problems are answered as `{"field": "message"}`.
enum TicketActionRequest {
  static let ignored: Set<String> = [
    "cc", "bcc", "update_customer", "send_survey", "subject", "last_staff_message", "parent_update", "alert",
  ]

  static func read(
    _ kind: TicketUpdate.Kind, _ body: BodyReader, caller: Agent, store: any AgentStore
  ) async throws -> TicketAction {
    switch kind {
    case .staffUpdate, .privateNote: return try await staff(kind, body, caller: caller, store: store)
    case .userReply: return try userReply(body)
    case .tags: return try await tags(body, caller: caller, store: store)
    case .move, .created: return try await move(body, caller: caller, store: store)
    }
  }

  static func message(_ body: BodyReader) -> TicketMessage? {
    let text = body.string("text", TextRules.ticketMessage)
    let plain = body.string("plaintext", TextRules.ticketMessage)
    let html = body.string("html", TextRules.ticketMessage)
    return TicketMessage.from(text: text ?? plain, html: html)
  }

  static func staff(_ kind: TicketUpdate.Kind, _ body: BodyReader, caller: Agent, store: any AgentStore) async throws
    -> TicketAction
  {
    var allowed: Set<String> = [
      "staff", "text", "plaintext", "html", "status", "priority", "assignee", "time_spent", "due_date", "tags",
    ]
    if kind == .staffUpdate { allowed.insert("category") }
    body.rejectUnknown(allowed: allowed.union(ignored))
    ignore(body)
    let staff = try await ActingAgent.resolve(
      body.id("staff"), field: "staff", caller: caller, store: store, body: body)
    var action = TicketAction(kind: kind, byAgentID: staff, message: message(body))
    action.statusID = body.id("status")
    action.priorityID = body.id("priority")
    action.categoryID = body.id("category")
    action.assignee = assignee(body, "assignee")
    action.timeSpent = body.int("time_spent", range: 0...100_000).map { Int($0) }
    action.dueDate = TicketDates.dueDate(body, "due_date")
    action.addTags = body.strings("tags") ?? []
    if kind == .privateNote, action.message == nil { body.add("html", "A private note needs text or html.") }
    if action.message == nil, action.statusID == nil, action.priorityID == nil, action.categoryID == nil,
      action.assignee == nil, action.timeSpent == nil, action.dueDate == nil, action.addTags.isEmpty,
      body.errors.isEmpty
    {
      body.add("html", "Give a reply, or a status, priority, assignee, category, tags, due date or time spent.")
    }
    try body.validate(.strings)
    return action
  }

  static func userReply(_ body: BodyReader) throws -> TicketAction {
    body.rejectUnknown(allowed: ["user", "text", "html", "cc", "bcc"])
    ignore(body)
    let user = body.id("user", required: true)
    let message = message(body)
    if message == nil { body.add("text", "This field is required.") }
    try body.validate(.strings)
    return TicketAction(kind: .userReply, byContactID: user, message: message)
  }

  static func tags(_ body: BodyReader, caller: Agent, store: any AgentStore) async throws -> TicketAction {
    body.rejectUnknown(allowed: ["add", "remove", "staff_id"])
    let staff = try await ActingAgent.resolve(
      body.id("staff_id"), field: "staff_id", caller: caller, store: store, body: body)
    let add = body.strings("add") ?? []
    let remove = body.strings("remove") ?? []
    try body.validate(.strings)
    return TicketAction(kind: .tags, byAgentID: staff, addTags: add, removeTags: remove)
  }

  static func move(_ body: BodyReader, caller: Agent, store: any AgentStore) async throws -> TicketAction {
    body.rejectUnknown(allowed: ["staff_id", "target_category_id", "move_note", "assign_to"])
    let staff = try await ActingAgent.resolve(
      body.id("staff_id"), field: "staff_id", caller: caller, store: store, body: body)
    let category = body.id("target_category_id", required: true)
    let note = body.string("move_note", TextRules.ticketMessage)
    let assignee = body.id("assign_to").map(TicketAction.Assignee.assign)
    try body.validate(.strings)
    return TicketAction(
      kind: .move, byAgentID: staff, message: TicketMessage.from(text: note, html: nil), categoryID: category,
      assignee: assignee)
  }

  /// `assignee`: an agent's id, or `null` to leave the ticket unassigned.
  static func assignee(_ body: BodyReader, _ key: String) -> TicketAction.Assignee? {
    if body.values[key] == .null { return .unassign }
    return body.id(key).map(TicketAction.Assignee.assign)
  }

  /// Reads the accepted-and-not-kept keys so a wrong type is still a 400.
  static func ignore(_ body: BodyReader) {
    for key in ["cc", "bcc", "subject", "alert"] { _ = body.string(key, maxLength: 2_000) }
    for key in ["update_customer", "send_survey"] { _ = body.bool(key) }
    for key in ["last_staff_message", "parent_update"] { _ = body.id(key) }
  }
}
