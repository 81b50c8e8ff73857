extension SQLiteMigrations {
  /// Migration v11: each ticket counts its thread's entries and message characters, so the
  /// thread cap (`TicketThreadLimits`) is one conditional `UPDATE` of the ticket row instead of a
  /// sum over the whole thread on every action. Existing tickets are counted once here; `LENGTH`
  /// counts characters (code points), as the store does when it adds a message.
  static let v11TicketThreadCounters = """
    ALTER TABLE tickets ADD COLUMN thread_updates INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE tickets ADD COLUMN thread_characters INTEGER NOT NULL DEFAULT 0;
    UPDATE tickets SET
      thread_updates = (SELECT COUNT(*) FROM ticket_updates WHERE ticket_updates.ticket_id = tickets.id),
      thread_characters = (
        SELECT COALESCE(SUM(LENGTH(message_text)), 0) FROM ticket_updates WHERE ticket_updates.ticket_id = tickets.id);
    """
}
