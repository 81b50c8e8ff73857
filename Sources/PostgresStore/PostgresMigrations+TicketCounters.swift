extension PostgresMigrations {
  /// Migration v11, as SQLite's: each ticket counts its thread's entries and message characters,
  /// so the thread cap is one conditional `UPDATE` of the ticket row (the row lock makes two
  /// concurrent replies take turns under READ COMMITTED). Existing tickets are counted once here.
  static let v11TicketThreadCounters = Migration(
    version: "v11-ticket-thread-counters",
    statements: [
      "ALTER TABLE tickets ADD COLUMN thread_updates BIGINT NOT NULL DEFAULT 0",
      "ALTER TABLE tickets ADD COLUMN thread_characters BIGINT NOT NULL DEFAULT 0",
      """
      UPDATE tickets SET
        thread_updates = (SELECT COUNT(*) FROM ticket_updates WHERE ticket_updates.ticket_id = tickets.id),
        thread_characters = (
          SELECT COALESCE(SUM(LENGTH(message_text)), 0) FROM ticket_updates WHERE ticket_updates.ticket_id = tickets.id)
      """,
    ])
}
