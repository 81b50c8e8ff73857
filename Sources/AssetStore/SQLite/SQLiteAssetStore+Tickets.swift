import AssetCore
import Foundation
import GRDB

extension SQLiteAssetStore {
  public func createTicket(_ draft: TicketDraft, at now: Date) async throws -> Ticket {
    let subject = try StoreInput.ticketSubject(draft.subject)
    return try await write { db in
      if let contactID = draft.contactID,
        try Bool.fetchOne(db, sql: "SELECT 1 FROM contacts WHERE id = ?", arguments: [contactID]) != true
      {
        throw StoreError.invalid(field: "contact", message: "Contact \(contactID) does not exist.")
      }
      try db.execute(
        sql:
          "INSERT INTO tickets (subject, status, contact_id, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [subject, draft.status.rawValue, draft.contactID, draft.createdBy, now.epoch, now.epoch])
      let id = db.lastInsertedRowID
      for assetID in Set(draft.assetIDs) { try Self.linkTicket(db, ticketID: id, assetID: assetID) }
      return try Self.fetchTicket(db, id: id)!
    }
  }

  public func ticket(id: Int64) async throws -> Ticket? {
    try await read { db in try Self.fetchTicket(db, id: id) }
  }

  public func tickets(_ query: TicketQuery) async throws -> Page<Ticket> {
    try await read { db in
      var conditions: [String] = []
      var arguments: [(any DatabaseValueConvertible)?] = []
      if let assetID = query.assetID {
        conditions.append("id IN (SELECT ticket_id FROM ticket_assets WHERE asset_id = ?)")
        arguments.append(assetID)
      }
      if let contactID = query.contactID {
        conditions.append("contact_id = ?")
        arguments.append(contactID)
      }
      let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
      let total =
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets \(filter)", arguments: StatementArguments(arguments))
        ?? 0
      let ids = try Int64.fetchAll(
        db, sql: "SELECT id FROM tickets \(filter) ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
        arguments: StatementArguments(arguments + [query.size, query.offset]))
      return Page(
        items: try ids.compactMap { try Self.fetchTicket(db, id: $0) }, total: total, page: query.page, size: query.size
      )
    }
  }

  public func linkTicket(_ ticketID: Int64, toAsset assetID: Int64) async throws {
    try await write { db in
      guard try Bool.fetchOne(db, sql: "SELECT 1 FROM tickets WHERE id = ?", arguments: [ticketID]) == true else {
        throw StoreError.notFound("Ticket \(ticketID)")
      }
      try Self.linkTicket(db, ticketID: ticketID, assetID: assetID)
    }
  }

  public func unlinkTicket(_ ticketID: Int64, fromAsset assetID: Int64) async throws {
    try await write { db in
      try db.execute(
        sql: "DELETE FROM ticket_assets WHERE ticket_id = ? AND asset_id = ?", arguments: [ticketID, assetID])
      if db.changesCount == 0 { throw StoreError.notFound("A link between ticket \(ticketID) and asset \(assetID)") }
    }
  }

  public func updateTicketStatus(_ ticketID: Int64, status: TicketStatus, at now: Date) async throws -> Ticket {
    try await write { db in
      try db.execute(
        sql: "UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?",
        arguments: [status.rawValue, now.epoch, ticketID])
      guard let ticket = try Self.fetchTicket(db, id: ticketID) else { throw StoreError.notFound("Ticket \(ticketID)") }
      return ticket
    }
  }

  static func linkTicket(_ db: Database, ticketID: Int64, assetID: Int64) throws {
    guard try Bool.fetchOne(db, sql: "SELECT 1 FROM assets WHERE id = ?", arguments: [assetID]) == true else {
      throw StoreError.invalid(field: "asset_ids", message: "Asset \(assetID) does not exist.")
    }
    try db.execute(
      sql: "INSERT INTO ticket_assets (ticket_id, asset_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
      arguments: [ticketID, assetID])
  }

  static func fetchTicket(_ db: Database, id: Int64) throws -> Ticket? {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM tickets WHERE id = ?", arguments: [id]) else { return nil }
    let assetIDs = try Int64.fetchAll(
      db, sql: "SELECT asset_id FROM ticket_assets WHERE ticket_id = ? ORDER BY asset_id", arguments: [id])
    return Ticket(
      id: row["id"], subject: row["subject"], status: TicketStatus(rawValue: row["status"]) ?? .open,
      contactID: row["contact_id"], assetIDs: assetIDs, createdBy: row["created_by"],
      createdAt: Date(timeIntervalSince1970: row["created_at"]),
      updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
  }
}
