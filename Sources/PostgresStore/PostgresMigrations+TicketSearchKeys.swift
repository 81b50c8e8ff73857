extension PostgresMigrations {
  /// Migration v12, as SQLite's: tickets' search keys are cleared and written again after the
  /// migrations (`KeyBackfill`) with the folding assets and contacts got in v10.
  static let v12TicketSearchKeys = Migration(
    version: "v12-ticket-search-keys", statements: ["UPDATE tickets SET search_key = NULL"])
}
