extension SQLiteMigrations {
  /// Migration v12 (issue 20): tickets' search keys folded like assets' and contacts' since v10
  /// (`SearchKey.match`: case, diacritics, curly quotes and repeated spaces never matter). The
  /// keys are cleared here and written again in Swift after the migrations (`KeyBackfill`), from
  /// the subject and every message of the thread. Frozen once shipped.
  static let v12TicketSearchKeys = "UPDATE tickets SET search_key = NULL"
}
