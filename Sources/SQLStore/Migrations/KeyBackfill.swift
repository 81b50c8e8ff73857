/// Fills the sort and search keys (`SearchKey`) of rows written before migration v5 added them.
/// Not a migration: the keys are derived data, computed in Swift after the migrations ran, and
/// a row whose keys are set is never touched again.
public enum KeyBackfill {
  /// The rows without keys (`id`, then the texts their keys are made of).
  public static let missing: [SQLStatement] = [
    "SELECT id, name, display_id, serial_number FROM assets WHERE sort_key IS NULL OR search_key IS NULL",
    "SELECT id, name, email_key FROM contacts WHERE sort_key IS NULL OR search_key IS NULL",
  ]

  /// The updates that give the rows of `missing` their keys.
  public static func updates<Row: StoreRow>(_ results: [[Row]]) throws -> [SQLStatement] {
    var updates: [SQLStatement] = []
    for row in results[0] {
      var r = RowReader(row)
      let id = try r.int64()
      let name = try r.string()
      let displayID = try r.string()
      let serial = try r.optionalString()
      updates.append(
        """
        UPDATE assets SET sort_key = \(SearchKey.fold(name)),
          search_key = \(SearchKey.asset(name: name, displayID: displayID, serialNumber: serial)) WHERE id = \(id)
        """)
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
    return updates
  }
}
