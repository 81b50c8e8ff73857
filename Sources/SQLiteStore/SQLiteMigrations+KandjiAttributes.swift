import SQLStore

extension SQLiteMigrations {
  /// Migration v13 (issue 19): every Kandji attribute is kept. `list_attributes` holds the device
  /// list's other attributes and `details_attributes` the details call's, each as the canonical
  /// JSON document of `KandjiAttributeValues` (NULL for `details_attributes`: details not read by a
  /// release that keeps them, what the backfill reads again). The "Kandji" group gains a read-only
  /// row per attribute and managed type (`KandjiAttributeFieldsSeed`); a connection's selection
  /// decides which are shown, so an upgraded install still shows its 13. Frozen once shipped.
  static let v13KandjiAttributes = [
    "ALTER TABLE assets ADD COLUMN list_attributes TEXT",
    "ALTER TABLE assets ADD COLUMN details_attributes TEXT",
    KandjiAttributeFieldsSeed.statement,
  ]
}
