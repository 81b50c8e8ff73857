import SQLStore

extension PostgresMigrations {
  /// Migration v13 (issue 19), as SQLite's: the list's and the details call's other attributes as
  /// canonical JSON text (`list_attributes`, `details_attributes`; NULL details: not read by a
  /// release that keeps them) and the "Kandji" group's read-only rows for every attribute
  /// (`KandjiAttributeFieldsSeed`). Frozen once shipped.
  static let v13KandjiAttributes = Migration(
    version: "v13-kandji-attributes",
    statements: [
      "ALTER TABLE assets ADD COLUMN list_attributes TEXT",
      "ALTER TABLE assets ADD COLUMN details_attributes TEXT",
      KandjiAttributeFieldsSeed.statement,
    ])
}
