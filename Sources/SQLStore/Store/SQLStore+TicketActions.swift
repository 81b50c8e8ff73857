import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  public func ticketCatalog() async throws -> TicketCatalog {
    try await read { s in try await Self.catalog(s) }
  }

  static func catalog(_ s: Database.Session) async throws -> TicketCatalog {
    let results = try await s.fetch([CatalogRecord.statuses, CatalogRecord.priorities, CatalogRecord.categories])
    return TicketCatalog(
      statuses: try results[0].decoded(CatalogRecord.status),
      priorities: try results[1].decoded(CatalogRecord.priority),
      categories: try results[2].decoded(CatalogRecord.category))
  }

  public func createTicketCategory(name: String, description: String, prefix: String) async throws -> TicketCategory {
    let name = try StoreInput.name(name)
    guard (1...5).contains(prefix.count), prefix.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
      throw StoreError.invalid(field: "prefix", message: "Use 1 to 5 capital letters A–Z.")
    }
    let now = Date()
    return try await write { s in
      let row = try await Duplicate.mapping(Duplicate.name(name)) {
        try await s.fetchOne(
          """
          INSERT INTO ticket_categories (name, description, prefix, is_public, created_at)
          VALUES (\(name), \(description), \(prefix), \(true), \(now)) RETURNING id
          """)
      }
      return TicketCategory(id: try row?.int64(at: 0) ?? 0, name: name, description: description, prefix: prefix)
    }
  }

  /// The item with `id` when one is asked for; `.invalid(field)` when it names nothing.
  static func require<T: Identifiable>(_ id: Int64?, in items: [T], field: String) throws -> T? where T.ID == Int64 {
    guard let id else { return nil }
    guard let item = items.first(where: { $0.id == id }) else {
      throw StoreError.invalid(
        field: field, message: "Select a valid choice. \(id) is not one of the available choices.")
    }
    return item
  }

  static func requireActiveAgent(_ s: Database.Session, _ id: Int64, field: String) async throws {
    let row = try await s.fetchOne("SELECT disabled_at FROM agents WHERE id = \(id)")
    guard let row, try row.double(at: 0) == nil else {
      throw StoreError.invalid(field: field, message: "Select a valid choice. \(id) is not an active agent.")
    }
  }

  public func applyTicketAction(_ ticketID: Int64, _ action: TicketAction, at now: Date) async throws -> Ticket {
    try await write { s in
      guard let ticket = try await Self.tickets(s, where: "tickets.id = \(ticketID)").first else {
        throw StoreError.notFound("Ticket \(ticketID)")
      }
      let catalog = try await Self.catalog(s)
      let status = try Self.require(action.statusID, in: catalog.statuses, field: "status")
      _ = try Self.require(action.priorityID, in: catalog.priorities, field: "priority")
      _ = try Self.require(action.categoryID, in: catalog.categories, field: "category")
      if let agent = action.byAgentID { try await Self.requireActiveAgent(s, agent, field: "staff") }
      if case .assign(let agent)? = action.assignee { try await Self.requireActiveAgent(s, agent, field: "assignee") }
      if let contact = action.byContactID,
        try await s.fetchOne("SELECT 1 FROM contacts WHERE id = \(contact)") == nil
      {
        throw StoreError.invalid(field: "user", message: "Contact \(contact) does not exist.")
      }
      let change = TicketChange(ticket: ticket, action: action, catalog: catalog)
      guard action.message != nil || !change.changes.isEmpty else { return ticket }
      let isPrivate = action.kind == .privateNote || action.kind == .move
      let reply = action.message != nil && !isPrivate
      try await Self.takeRoom(s, ticketID: ticketID, adding: action.message)
      let closed = status.map { $0.behavior == .completed && $0.id != ticket.statusID } ?? false
      let updated = change.ticket
      var statements: [SQLStatement] = [
        """
        UPDATE tickets SET status = \(catalog.status(updated.statusID)?.name.lowercased() ?? "open"),
          status_id = \(updated.statusID), priority_id = \(updated.priorityID), category_id = \(updated.categoryID),
          assignee_id = \(updated.assigneeID), due_date = \(updated.dueDate), time_spent = \(updated.timeSpent),
          updated_at = \(now)
        WHERE id = \(ticketID)
        """
      ]
      // The search key is the subject and every message in order: a new message is appended to
      // it, never rebuilt from the whole thread (`TicketRecord.searchKey` gives the same text).
      if let message = action.message {
        statements.append(
          """
          UPDATE tickets SET search_key =
            COALESCE(search_key, \(TicketRecord.searchKey(subject: ticket.subject, messages: [])))
            || \(TicketRecord.appendedSearchText(message.text))
          WHERE id = \(ticketID)
          """)
      }
      if reply { statements.append("UPDATE tickets SET last_updated_at = \(now) WHERE id = \(ticketID)") }
      if reply && action.kind == .userReply {
        statements.append("UPDATE tickets SET last_user_reply_at = \(now) WHERE id = \(ticketID)")
      } else if reply {
        statements.append("UPDATE tickets SET last_staff_reply_at = \(now) WHERE id = \(ticketID)")
      }
      if closed { statements.append("UPDATE tickets SET last_closed_at = \(now) WHERE id = \(ticketID)") }
      if updated.tags != ticket.tags {
        statements.append("DELETE FROM ticket_tags WHERE ticket_id = \(ticketID)")
        statements += updated.tags.enumerated().map {
          "INSERT INTO ticket_tags (ticket_id, tag, position) VALUES (\(ticketID), \($0.element), \($0.offset))"
        }
      }
      try await s.execute(statements)
      try await Self.insertUpdate(
        s,
        TicketUpdate(
          id: 0, ticketID: ticketID, kind: action.kind, byAgentID: action.byAgentID, byContactID: action.byContactID,
          at: now, message: action.message, isPrivate: isPrivate && action.message != nil, changes: change.changes))
      return try await Self.tickets(s, where: "tickets.id = \(ticketID)")[0]
    }
  }

  /// Counts one more entry (and its message's characters) in the ticket's thread counters, or
  /// refuses it with `TicketThreadFull` when that would take the thread past
  /// `TicketThreadLimits`. One conditional `UPDATE` of the ticket row: no read of the thread, and
  /// under PostgreSQL's READ COMMITTED a second concurrent reply waits for the first one's row
  /// lock and then re-checks the condition against the counters the first one left, so two
  /// replies near the cap cannot both pass. The counters are kept since migration v11.
  /// Characters are Unicode scalars, as `LENGTH` counts them on both backends.
  static func takeRoom(_ s: Database.Session, ticketID: Int64, adding message: TicketMessage?) async throws {
    let adding = Int64(message?.text.unicodeScalars.count ?? 0)
    let changed = try await s.execute(
      """
      UPDATE tickets SET thread_updates = thread_updates + 1, thread_characters = thread_characters + \(adding)
      WHERE id = \(ticketID) AND thread_updates + 1 <= \(Int64(TicketThreadLimits.maxUpdates))
        AND thread_characters + \(adding) <= \(Int64(TicketThreadLimits.maxCharacters))
      """)
    if changed == 0 { throw TicketThreadFull(ticketID: ticketID) }
  }

  public func deleteTicket(id: Int64) async throws {
    let removed = try await writeOne("DELETE FROM tickets WHERE id = \(id)")
    if removed == 0 { throw StoreError.notFound("Ticket \(id)") }
  }
}

/// A ticket after an action, and what the action changed (only what differs counts).
struct TicketChange {
  var ticket: Ticket
  var changes = TicketChanges()

  init(ticket old: Ticket, action: TicketAction, catalog: TicketCatalog) {
    ticket = old
    if let id = action.statusID, id != old.statusID {
      ticket.statusID = id
      changes.status = .init(old: old.statusID, new: id)
    }
    if let id = action.priorityID, id != old.priorityID {
      ticket.priorityID = id
      changes.priority = .init(old: old.priorityID, new: id)
    }
    if let id = action.categoryID, id != old.categoryID {
      ticket.categoryID = id
      changes.category = .init(old: old.categoryID, new: id)
    }
    if let assignee = action.assignee {
      let id: Int64? =
        switch assignee {
        case .unassign: nil
        case .assign(let agent): agent
        }
      if id != old.assigneeID {
        ticket.assigneeID = id
        changes.assignee = .init(old: old.assigneeID, new: id)
      }
    }
    if let due = action.dueDate, due != old.dueDate {
      ticket.dueDate = due
      changes.dueDateOld = old.dueDate
      changes.dueDateNew = due
      changes.dueDateChanged = true
    }
    let removed = Set(action.removeTags)
    let kept = old.tags.filter { !removed.contains($0) }
    ticket.tags = TicketTags.unique(kept + action.addTags)
    changes.tagsAdded = ticket.tags.filter { !old.tags.contains($0) }
    changes.tagsRemoved = old.tags.filter { !ticket.tags.contains($0) }
    if let minutes = action.timeSpent, minutes > 0 {
      ticket.timeSpent += minutes
      changes.timeSpent = minutes
    }
  }
}
