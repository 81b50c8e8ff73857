import AssetCore
import Foundation
import PostgresNIO

extension PostgresAssetStore {
  public func createTicket(_ draft: TicketDraft, at now: Date) async throws -> Ticket {
    let subject = try StoreInput.ticketSubject(draft.subject)
    return try await write { c in
      if let contactID = draft.contactID,
        try await !c.exists("SELECT 1 FROM contacts WHERE id = \(contactID)", logger: logger)
      {
        throw StoreError.invalid(field: "contact", message: "Contact \(contactID) does not exist.")
      }
      let row = try await c.row(
        """
        INSERT INTO tickets (subject, status, contact_id, created_by, created_at, updated_at)
        VALUES (\(subject), \(draft.status.rawValue), \(draft.contactID), \(draft.createdBy), \(now.epoch), \(now.epoch))
        RETURNING id
        """, logger: logger)
      let id: Int64 = try row?["id"] ?? 0
      for assetID in Set(draft.assetIDs).sorted() { try await linkTicket(c, ticketID: id, assetID: assetID) }
      return try await fetchTicket(c, id: id)!
    }
  }

  public func ticket(id: Int64) async throws -> Ticket? {
    try await read { c in try await fetchTicket(c, id: id) }
  }

  public func tickets(_ query: TicketQuery) async throws -> Page<Ticket> {
    var filter = SQLBuilder()
    var conditions: [String] = []
    if let assetID = query.assetID {
      conditions.append("id IN (SELECT ticket_id FROM ticket_assets WHERE asset_id = \(filter.bind(assetID)))")
    }
    if let contactID = query.contactID { conditions.append("contact_id = \(filter.bind(contactID))") }
    let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    let (count, list) = filter.pageQueries(
      columns: "id", table: "tickets", where: whereClause, orderBy: "created_at DESC, id DESC", page: query.page,
      size: query.size)
    return try await read { c in
      let total: Int64 = try await c.row(count, logger: logger)?["n"] ?? 0
      var items: [Ticket] = []
      for row in try await c.rows(list, logger: logger) {
        if let ticket = try await fetchTicket(c, id: try row["id"]) { items.append(ticket) }
      }
      return Page(items: items, total: Int(total), page: query.page, size: query.size)
    }
  }

  public func linkTicket(_ ticketID: Int64, toAsset assetID: Int64) async throws {
    try await write { c in
      guard try await c.exists("SELECT 1 FROM tickets WHERE id = \(ticketID)", logger: logger) else {
        throw StoreError.notFound("Ticket \(ticketID)")
      }
      try await linkTicket(c, ticketID: ticketID, assetID: assetID)
    }
  }

  public func unlinkTicket(_ ticketID: Int64, fromAsset assetID: Int64) async throws {
    try await write { c in
      let removed = try await c.exec(
        "DELETE FROM ticket_assets WHERE ticket_id = \(ticketID) AND asset_id = \(assetID) RETURNING 1",
        logger: logger)
      if removed == 0 { throw StoreError.notFound("A link between ticket \(ticketID) and asset \(assetID)") }
    }
  }

  public func updateTicketStatus(_ ticketID: Int64, status: TicketStatus, at now: Date) async throws -> Ticket {
    try await write { c in
      try await c.exec(
        "UPDATE tickets SET status = \(status.rawValue), updated_at = \(now.epoch) WHERE id = \(ticketID)",
        logger: logger)
      guard let ticket = try await fetchTicket(c, id: ticketID) else {
        throw StoreError.notFound("Ticket \(ticketID)")
      }
      return ticket
    }
  }

  func linkTicket(_ c: PostgresConnection, ticketID: Int64, assetID: Int64) async throws {
    guard try await c.exists("SELECT 1 FROM assets WHERE id = \(assetID)", logger: logger) else {
      throw StoreError.invalid(field: "asset_ids", message: "Asset \(assetID) does not exist.")
    }
    try await c.exec(
      "INSERT INTO ticket_assets (ticket_id, asset_id) VALUES (\(ticketID), \(assetID)) ON CONFLICT DO NOTHING",
      logger: logger)
  }

  func fetchTicket(_ c: PostgresConnection, id: Int64) async throws -> Ticket? {
    guard let row = try await c.row("SELECT * FROM tickets WHERE id = \(id)", logger: logger) else { return nil }
    var assetIDs: [Int64] = []
    for link in try await c.rows(
      "SELECT asset_id FROM ticket_assets WHERE ticket_id = \(id) ORDER BY asset_id", logger: logger)
    {
      assetIDs.append(try link["asset_id"])
    }
    return Ticket(
      id: try row["id"], subject: try row["subject"], status: TicketStatus(rawValue: try row["status"]) ?? .open,
      contactID: try row["contact_id"], assetIDs: assetIDs, createdBy: try row["created_by"],
      createdAt: Date(timeIntervalSince1970: try row["created_at"]),
      updatedAt: Date(timeIntervalSince1970: try row["updated_at"]))
  }
}
