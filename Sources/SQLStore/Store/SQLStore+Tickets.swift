import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  /// Tickets newest first.
  static func ticketsQuery(where condition: SQLStatement, limit: Int, offset: Int) -> SQLStatement {
    """
    SELECT \(raw: TicketRecord.columns) FROM tickets WHERE \(condition)
    ORDER BY tickets.created_at DESC, tickets.id DESC LIMIT \(limit) OFFSET \(offset)
    """
  }

  /// Ticket rows joined with their asset links (rows of `ticket_id, asset_id` in asset order).
  static func tickets(_ rows: [Database.Session.Row], links: [Database.Session.Row]) throws -> [Ticket] {
    var assets: [Int64: [Int64]] = [:]
    for link in links { assets[try link.int64(at: 0) ?? 0, default: []].append(try link.int64(at: 1) ?? 0) }
    return try rows.decoded { r in
      var peek = r
      let id = try peek.int64()
      return try TicketRecord.decode(&r, assetIDs: assets[id] ?? [])
    }
  }

  /// The tickets `condition` selects (one page of them), with their asset links, in one batch.
  static func tickets(_ s: Database.Session, where condition: SQLStatement, limit: Int = 1, offset: Int = 0)
    async throws
    -> [Ticket]
  {
    let page = ticketsQuery(where: condition, limit: limit, offset: offset)
    let results = try await s.fetch([
      page,
      "SELECT ticket_id, asset_id FROM ticket_assets WHERE ticket_id IN (SELECT id FROM (\(page)) AS page) ORDER BY asset_id",
    ])
    return try tickets(results[0], links: results[1])
  }

  public func createTicket(_ draft: TicketDraft, at now: Date) async throws -> Ticket {
    let subject = try StoreInput.ticketSubject(draft.subject)
    return try await write { s in
      let row: Database.Session.Row?
      do {
        row = try await s.fetchOne(
          """
          INSERT INTO tickets (subject, status, contact_id, created_by, created_at, updated_at)
          VALUES (\(subject), \(draft.status.rawValue), \(draft.contactID), \(draft.createdBy), \(now), \(now))
          RETURNING id
          """)
      } catch SQLFailure.foreignKeyViolation {
        throw StoreError.invalid(field: "contact", message: "Contact \(draft.contactID ?? 0) does not exist.")
      }
      let id = try row?.int64(at: 0) ?? 0
      try await Self.linkTicket(s, ticketID: id, assetIDs: Array(Set(draft.assetIDs)).sorted())
      return try await Self.tickets(s, where: "tickets.id = \(id)")[0]
    }
  }

  public func ticket(id: Int64) async throws -> Ticket? {
    try await read { s in try await Self.tickets(s, where: "tickets.id = \(id)").first }
  }

  public func tickets(_ query: TicketQuery) async throws -> Page<Ticket> {
    var conditions: [SQLStatement] = ["1 = 1"]
    if let assetID = query.assetID {
      conditions.append("tickets.id IN (SELECT ticket_id FROM ticket_assets WHERE asset_id = \(assetID))")
    }
    if let contactID = query.contactID { conditions.append("tickets.contact_id = \(contactID)") }
    let condition = SQLStatement.joined(conditions, separator: " AND ")
    return try await read { s in
      let total = try await s.fetchOne("SELECT COUNT(*) FROM tickets WHERE \(condition)")
      let items = try await Self.tickets(s, where: condition, limit: query.size, offset: query.offset)
      return Page(items: items, total: Int(try total?.int64(at: 0) ?? 0), page: query.page, size: query.size)
    }
  }

  public func linkTicket(_ ticketID: Int64, toAsset assetID: Int64) async throws {
    try await write { s in
      guard try await s.fetchOne("SELECT 1 FROM tickets WHERE id = \(ticketID)") != nil else {
        throw StoreError.notFound("Ticket \(ticketID)")
      }
      try await Self.linkTicket(s, ticketID: ticketID, assetIDs: [assetID])
    }
  }

  static func linkTicket(_ s: Database.Session, ticketID: Int64, assetIDs: [Int64]) async throws {
    guard !assetIDs.isEmpty else { return }
    let found = Set(
      try await s.fetch("SELECT id FROM assets WHERE id IN (\(list: assetIDs))").map { try $0.int64(at: 0) })
    if let missing = assetIDs.first(where: { !found.contains($0) }) {
      throw StoreError.invalid(field: "asset_ids", message: "Asset \(missing) does not exist.")
    }
    try await s.execute(
      assetIDs.map {
        "INSERT INTO ticket_assets (ticket_id, asset_id) VALUES (\(ticketID), \($0)) ON CONFLICT DO NOTHING"
      })
  }

  public func unlinkTicket(_ ticketID: Int64, fromAsset assetID: Int64) async throws {
    let removed = try await writeOne(
      "DELETE FROM ticket_assets WHERE ticket_id = \(ticketID) AND asset_id = \(assetID)")
    if removed == 0 { throw StoreError.notFound("A link between ticket \(ticketID) and asset \(assetID)") }
  }

  public func updateTicketStatus(_ ticketID: Int64, status: TicketStatus, at now: Date) async throws -> Ticket {
    try await write { s in
      try await s.execute("UPDATE tickets SET status = \(status.rawValue), updated_at = \(now) WHERE id = \(ticketID)")
      guard let ticket = try await Self.tickets(s, where: "tickets.id = \(ticketID)").first else {
        throw StoreError.notFound("Ticket \(ticketID)")
      }
      return ticket
    }
  }
}
