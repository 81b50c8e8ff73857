import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  /// Tickets `condition` selects, in `order` (newest first by default: an asset's Recent Tickets).
  static func ticketsQuery(
    where condition: SQLStatement, order: SQLStatement = "tickets.created_at DESC, tickets.id DESC", limit: Int,
    offset: Int
  ) -> SQLStatement {
    "SELECT \(raw: TicketRecord.columns) FROM tickets WHERE \(condition) ORDER BY \(order) LIMIT \(limit) OFFSET \(offset)"
  }

  /// The two statements that read the tags and asset links of the tickets `page` selects.
  static func ticketExtras(of page: SQLStatement) -> [SQLStatement] {
    [
      "SELECT ticket_id, tag FROM ticket_tags WHERE ticket_id IN (SELECT id FROM (\(page)) AS t) ORDER BY position",
      "SELECT ticket_id, asset_id FROM ticket_assets WHERE ticket_id IN (SELECT id FROM (\(page)) AS t) ORDER BY asset_id",
    ]
  }

  /// Ticket rows joined with their tags and asset links (rows of `ticket_id, value`).
  static func tickets(_ rows: [Database.Session.Row], tags: [Database.Session.Row], links: [Database.Session.Row])
    throws -> [Ticket]
  {
    var tagsByTicket: [Int64: [String]] = [:]
    for row in tags { tagsByTicket[try row.int64(at: 0) ?? 0, default: []].append(try row.string(at: 1) ?? "") }
    var assets: [Int64: [Int64]] = [:]
    for link in links { assets[try link.int64(at: 0) ?? 0, default: []].append(try link.int64(at: 1) ?? 0) }
    return try rows.decoded { r in
      var peek = r
      let id = try peek.int64()
      return try TicketRecord.decode(&r, tags: tagsByTicket[id] ?? [], assetIDs: assets[id] ?? [])
    }
  }

  /// The tickets `condition` selects (one page of them), with their tags and asset links, in one batch.
  static func tickets(
    _ s: Database.Session, where condition: SQLStatement,
    order: SQLStatement = "tickets.created_at DESC, tickets.id DESC", limit: Int = 1, offset: Int = 0
  ) async throws -> [Ticket] {
    let page = ticketsQuery(where: condition, order: order, limit: limit, offset: offset)
    let results = try await s.fetch([page] + ticketExtras(of: page))
    return try tickets(results[0], tags: results[1], links: results[2])
  }

  public func ticket(id: Int64) async throws -> Ticket? {
    try await read { s in try await Self.tickets(s, where: "tickets.id = \(id)").first }
  }

  public func tickets(_ query: TicketQuery) async throws -> Page<Ticket> {
    let condition = TicketList.condition(query)
    let order = TicketList.order(query.sort)
    return try await read { s in
      let page = Self.ticketsQuery(where: condition, order: order, limit: query.size, offset: query.offset)
      let results = try await s.fetch(
        ["SELECT COUNT(*) FROM tickets WHERE \(condition)", page] + Self.ticketExtras(of: page))
      return Page(
        items: try Self.tickets(results[1], tags: results[2], links: results[3]),
        total: Int(try results[0].first?.int64(at: 0) ?? 0), page: query.page, size: query.size)
    }
  }

  public func ticketUpdates(ticketIDs: [Int64]) async throws -> [Int64: [TicketUpdate]] {
    guard !ticketIDs.isEmpty else { return [:] }
    return try await read { s in
      let updates = try await s.fetch(
        """
        SELECT \(raw: TicketUpdateRecord.columns) FROM ticket_updates WHERE ticket_id IN (\(list: ticketIDs))
        ORDER BY ticket_id, id
        """
      ).decoded(TicketUpdateRecord.decode)
      return Dictionary(grouping: updates, by: \.ticketID)
    }
  }

  public func ticketThread(ticketID: Int64, before: Int64?, limit: Int) async throws -> TicketThreadPage {
    let limit = max(1, limit)
    let older: SQLStatement = before.map { "AND id < \($0)" } ?? ""
    return try await read { s in
      let results = try await s.fetch([
        "SELECT COUNT(*) FROM ticket_updates WHERE ticket_id = \(ticketID)",
        // One more than shown tells whether older entries exist.
        """
        SELECT \(raw: TicketUpdateRecord.columns) FROM ticket_updates WHERE ticket_id = \(ticketID) \(older)
        ORDER BY id DESC LIMIT \(limit + 1)
        """,
      ])
      let newestFirst = try results[1].decoded(TicketUpdateRecord.decode)
      return TicketThreadPage(
        updates: newestFirst.prefix(limit).reversed(), hasOlder: newestFirst.count > limit,
        total: Int(try results[0].first?.int64(at: 0) ?? 0))
    }
  }

  public func createTicket(_ draft: TicketDraft, at now: Date) async throws -> Ticket {
    let subject = try StoreInput.ticketSubject(draft.subject)
    let tags = TicketTags.unique(draft.tags)
    return try await write { s in
      let catalog = try await Self.catalog(s)
      let status = try Self.require(draft.statusID, in: catalog.statuses, field: "status") ?? catalog.defaultStatus
      let priority =
        try Self.require(draft.priorityID, in: catalog.priorities, field: "priority") ?? catalog.defaultPriority
      let category =
        try Self.require(draft.categoryID, in: catalog.categories, field: "category") ?? catalog.categories.first
      guard let status, let priority, let category else {
        throw StoreError.invalid(field: "category", message: "Add a ticket category first.")
      }
      if let assignee = draft.assigneeID { try await Self.requireActiveAgent(s, assignee, field: "assignee") }
      let byAgent = draft.messageByAgent || draft.contactID == nil
      let replied: SQLStatement = draft.message == nil ? "NULL" : "\(now)"
      let row: Database.Session.Row?
      do {
        row = try await s.fetchOne(
          """
          INSERT INTO tickets (subject, status, status_id, priority_id, category_id, contact_id, assignee_id,
            created_by, created_at, updated_at, last_updated_at, last_staff_reply_at, last_user_reply_at, due_date,
            search_key)
          VALUES (\(subject), \(status.name.lowercased()), \(status.id), \(priority.id), \(category.id),
            \(draft.contactID), \(draft.assigneeID), \(draft.createdBy), \(now), \(now), \(now),
            \(byAgent ? replied : "NULL"), \(byAgent ? "NULL" : replied), \(draft.dueDate),
            \(TicketRecord.searchKey(subject: subject, messages: draft.message.map { [$0.text] } ?? [])))
          RETURNING id
          """)
      } catch SQLFailure.foreignKeyViolation {
        throw StoreError.invalid(field: "contact", message: "Contact \(draft.contactID ?? 0) does not exist.")
      }
      let id = try row?.int64(at: 0) ?? 0
      // The first entry counts in the thread counters like every later one (v11).
      try await Self.takeRoom(s, ticketID: id, adding: draft.message)
      try await s.execute(
        tags.enumerated().map {
          "INSERT INTO ticket_tags (ticket_id, tag, position) VALUES (\(id), \($0.element), \($0.offset))"
        })
      try await Self.insertUpdate(
        s,
        TicketUpdate(
          id: 0, ticketID: id, kind: .created, byAgentID: byAgent ? draft.createdBy : nil,
          byContactID: byAgent ? nil : draft.contactID, at: now, message: draft.message))
      try await Self.linkTicket(
        s, ticketID: id, assetIDs: Array(Set(draft.assetIDs)).sorted(), at: now, by: draft.createdBy)
      return try await Self.tickets(s, where: "tickets.id = \(id)")[0]
    }
  }

  static func insertUpdate(_ s: Database.Session, _ update: TicketUpdate) async throws {
    try await s.execute(
      """
      INSERT INTO ticket_updates (ticket_id, kind, by_agent_id, by_contact_id, created_at, message_text, message_html,
        is_private, changes)
      VALUES (\(update.ticketID), \(update.kind.rawValue), \(update.byAgentID), \(update.byContactID), \(update.at),
        \(update.message?.text), \(update.message?.html), \(update.isPrivate),
        \(TicketUpdateRecord.changesJSON(update.changes)))
      """)
  }

  public func linkTicket(_ ticketID: Int64, toAsset assetID: Int64, at now: Date, by agentID: Int64?) async throws {
    try await write { s in
      guard try await s.fetchOne("SELECT 1 FROM tickets WHERE id = \(ticketID)") != nil else {
        throw StoreError.notFound("Ticket \(ticketID)")
      }
      try await Self.linkTicket(s, ticketID: ticketID, assetIDs: [assetID], at: now, by: agentID)
    }
  }

  /// Links the assets; each asset not linked yet records it in its history.
  static func linkTicket(
    _ s: Database.Session, ticketID: Int64, assetIDs: [Int64], at now: Date, by agentID: Int64?
  ) async throws {
    guard !assetIDs.isEmpty else { return }
    let found = Set(
      try await s.fetch("SELECT id FROM assets WHERE id IN (\(list: assetIDs))").map { try $0.int64(at: 0) })
    if let missing = assetIDs.first(where: { !found.contains($0) }) {
      throw StoreError.invalid(field: "asset_ids", message: "Asset \(missing) does not exist.")
    }
    for assetID in assetIDs {
      try await requireAssociation(s, assetID: assetID, column: "enable_ticket_association", field: "asset_ids")
    }
    let linked = Set(
      try await s.fetch(
        "SELECT asset_id FROM ticket_assets WHERE ticket_id = \(ticketID) AND asset_id IN (\(list: assetIDs))"
      ).map { try $0.int64(at: 0) ?? 0 })
    let note = try await ticketNote(s, ticketID: ticketID)
    try await s.execute(
      assetIDs.filter { !linked.contains($0) }.flatMap {
        AssetHistoryRows.insert(
          assetID: $0, [.init(kind: .ticketLinked, note: note)], by: .agent(agentID), at: now)
      }
        + assetIDs.map {
          "INSERT INTO ticket_assets (ticket_id, asset_id) VALUES (\(ticketID), \($0)) ON CONFLICT DO NOTHING"
        })
  }

  /// A ticket as the asset history names it: its ticket ID and subject.
  static func ticketNote(_ s: Database.Session, ticketID: Int64) async throws -> String {
    let row = try await s.fetchOne(
      """
      SELECT tickets.subject, ticket_categories.prefix FROM tickets
      LEFT JOIN ticket_categories ON ticket_categories.id = tickets.category_id WHERE tickets.id = \(ticketID)
      """)
    let subject = try row?.string(at: 0) ?? ""
    let number = String(ticketID)
    let displayID =
      "#" + (try row?.string(at: 1) ?? "") + String(repeating: "0", count: max(0, 8 - number.count)) + number
    return "\(displayID) \(subject)"
  }

  public func unlinkTicket(_ ticketID: Int64, fromAsset assetID: Int64, at now: Date, by agentID: Int64?)
    async throws
  {
    try await write { s in
      let note = try await Self.ticketNote(s, ticketID: ticketID)
      // The history row only once a link was removed: an unknown asset has none, and no row may
      // point at it.
      let removed = try await s.execute([
        "DELETE FROM ticket_assets WHERE ticket_id = \(ticketID) AND asset_id = \(assetID)"
      ])[0]
      if removed == 0 { throw StoreError.notFound("A link between ticket \(ticketID) and asset \(assetID)") }
      _ = try await s.execute(
        AssetHistoryRows.insert(
          assetID: assetID, [.init(kind: .ticketUnlinked, note: note)], by: .agent(agentID), at: now))
    }
  }
}
