import AssetCore

/// Fills the sort and search keys (`SearchKey`) of rows written before migration v5 added them,
/// the phone and ticket keys of rows written before v7, and the asset and contact search keys
/// that v10 cleared (wider, and folded by `SearchKey.match`), and the ticket keys that v12 cleared
/// (the subject and every message, folded the same way).
/// Not a migration: the keys are derived data, computed in Swift after the migrations ran, and
/// a row whose keys are set is never touched again. Assets and contacts are filled in one round
/// (`missing`, `updates`); tickets `ticketBatch` at a time (their threads can be long), callers
/// repeating `missingTickets` and `ticketUpdates` until there are none.
public enum KeyBackfill {
  /// Tickets given their keys per round.
  static let ticketBatch = 500

  /// The rows without keys (`id`, then the texts their keys are made of).
  public static let missing: [SQLStatement] = [
    """
    SELECT id, name, display_id, serial_number, asset_tag, user_email, user_name FROM assets
    WHERE sort_key IS NULL OR search_key IS NULL
    """,
    "SELECT id, name, email_key FROM contacts WHERE sort_key IS NULL OR search_key IS NULL",
    "SELECT id, phones FROM contacts WHERE phone_key IS NULL",
  ]

  /// The next `ticketBatch` tickets without a key (`id`, subject), then their messages.
  public static let missingTickets: [SQLStatement] = [
    "SELECT id, subject FROM tickets WHERE search_key IS NULL ORDER BY id LIMIT \(ticketBatch)",
    """
    SELECT ticket_id, message_text FROM ticket_updates
    WHERE message_text IS NOT NULL
      AND ticket_id IN (SELECT id FROM tickets WHERE search_key IS NULL ORDER BY id LIMIT \(ticketBatch))
    ORDER BY ticket_id, id
    """,
  ]

  /// The updates that give the rows of `missing` their keys.
  public static func updates<Row: StoreRow>(_ results: [[Row]]) throws -> [SQLStatement] {
    var updates: [SQLStatement] = []
    for row in results[0] {
      var r = RowReader(row)
      let id = try r.int64()
      let name = try r.string()
      let displayID = try r.string()
      let key = SearchKey.asset(
        name: name, displayID: displayID, serialNumber: try r.optionalString(), assetTag: try r.optionalString(),
        userEmail: try r.optionalString(), userName: try r.optionalString())
      updates.append("UPDATE assets SET sort_key = \(SearchKey.fold(name)), search_key = \(key) WHERE id = \(id)")
    }
    for row in results[1] {
      var r = RowReader(row)
      let id = try r.int64()
      let name = try r.string()
      let email = try r.string()
      updates.append(
        """
        UPDATE contacts SET sort_key = \(SearchKey.fold(name)), search_key = \(SearchKey.contact(name: name, email: email))
        WHERE id = \(id)
        """)
    }
    for row in results[2] {
      let id = try row.int64(at: 0) ?? 0
      let phones = Phone.decodeStored(try row.string(at: 1) ?? "[]")
      updates.append("UPDATE contacts SET phone_key = \(ContactRecord.phoneKey(phones)) WHERE id = \(id)")
    }
    return updates
  }

  /// The updates that give the tickets of `missingTickets` their keys; empty when none was missing.
  public static func ticketUpdates<Row: StoreRow>(_ results: [[Row]]) throws -> [SQLStatement] {
    var updates: [SQLStatement] = []
    // Each ticket's messages in thread order, as `TicketRecord.searchKey` joins them when written.
    var messages: [Int64: [String]] = [:]
    for row in results[1] {
      messages[try row.int64(at: 0) ?? 0, default: []].append(try row.string(at: 1) ?? "")
    }
    for row in results[0] {
      let id = try row.int64(at: 0) ?? 0
      let key = TicketRecord.searchKey(subject: try row.string(at: 1) ?? "", messages: messages[id] ?? [])
      updates.append("UPDATE tickets SET search_key = \(key) WHERE id = \(id)")
    }
    return updates
  }
}
