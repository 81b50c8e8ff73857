import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  public func createManualAsset(_ draft: ManualAssetDraft, at now: Date) async throws -> Asset {
    let name = draft.name.trimmingCharacters(in: .whitespacesAndNewlines)
    let displayID = draft.displayID.trimmingCharacters(in: .whitespacesAndNewlines)
    try StoreInput.checkAsset(name: name, displayID: displayID)
    return try await write { s in
      // The unique display ID and the asset type's foreign key refuse what they must.
      let inserted = try await Duplicate.mapping(Duplicate.displayID(displayID)) {
        do {
          return try await s.fetchOne(
            """
            INSERT INTO assets (asset_type_id, name, display_id, sort_key, search_key, created_by, updated_by,
              created_at, updated_at)
            VALUES (\(draft.assetTypeID), \(name), \(displayID), \(SearchKey.fold(name)),
              \(SearchKey.asset(name: name, displayID: displayID, serialNumber: nil)), \(draft.createdBy),
              NULL, \(now), \(now))
            RETURNING id
            """)
        } catch SQLFailure.foreignKeyViolation {
          throw StoreError.invalid(field: "asset_type", message: "Asset type \(draft.assetTypeID) does not exist.")
        }
      }
      let id = try inserted?.int64(at: 0) ?? 0
      try await s.execute(
        [ListTotals.bump]
          + AssetHistoryRows.insert(
            assetID: id, [.init(kind: .created)], by: .agent(draft.createdBy), at: now))
      try await Self.writeCustomValues(s, assetID: id, typeID: draft.assetTypeID, values: draft.customValues)
      let created = try await Self.contactIDs(s, for: draft.newContacts, at: now)
      try await Self.replaceManualContacts(
        s, assetID: id, contactIDs: draft.contactIDs + created, at: now, by: draft.createdBy)
      return try await Self.assets(s, where: "assets.id = \(id)")[0]
    }
  }

  public func updateManualAsset(id: Int64, _ change: ManualAssetChange, at now: Date) async throws -> Asset {
    let name = change.name?.trimmingCharacters(in: .whitespacesAndNewlines)
    let displayID = change.displayID?.trimmingCharacters(in: .whitespacesAndNewlines)
    try StoreInput.checkAsset(name: name, displayID: displayID)
    return try await write { s in
      guard let current = try await Self.assets(s, where: "assets.id = \(id)").first else {
        throw StoreError.notFound("Asset \(id)")
      }
      if let violation = AssetWriteRules.checkEdit(current) { throw StoreError.readOnly(violation) }
      let newName = name ?? current.name
      let newDisplayID = displayID ?? current.displayID
      // The history of the edit, decided before it is written (the old values are `current`).
      var entries: [AssetHistoryRows.Entry] = []
      if newName != current.name {
        entries.append(.init(kind: .fieldChanged, field: "Name", oldValue: current.name, newValue: newName))
      }
      if newDisplayID != current.displayID {
        entries.append(
          .init(kind: .fieldChanged, field: "Display ID", oldValue: current.displayID, newValue: newDisplayID))
      }
      if let values = change.customValues {
        entries += try await Self.customValueChanges(s, current: current, values: values)
      }
      try await s.execute(AssetHistoryRows.insert(assetID: id, entries, by: .agent(change.updatedBy), at: now))
      try await Duplicate.mapping(Duplicate.displayID(newDisplayID)) {
        try await s.execute(
          """
          UPDATE assets SET name = \(newName), display_id = \(newDisplayID), sort_key = \(SearchKey.fold(newName)),
            search_key = \(SearchKey.asset(name: newName, displayID: newDisplayID, serialNumber: nil)),
            updated_by = \(change.updatedBy), updated_at = \(now)
          WHERE id = \(id)
          """)
      }
      try await s.execute(ListTotals.bump)
      if let values = change.customValues {
        try await Self.writeCustomValues(s, assetID: id, typeID: current.assetTypeID, values: values)
      }
      let created = try await Self.contactIDs(s, for: change.newContacts, at: now)
      if let contacts = change.contactIDs {
        try await Self.replaceManualContacts(
          s, assetID: id, contactIDs: contacts + created, at: now, by: change.updatedBy)
      } else if !created.isEmpty {
        try await Self.requireAssociation(
          s, assetID: id, column: "enable_contact_association", field: "contacts")
        try await s.execute(
          created.flatMap {
            Self.contactLinkHistory(assetID: id, contactID: $0, kind: .contactLinked, by: change.updatedBy, at: now)
              + [Self.manualLink(assetID: id, contactID: $0, at: now)]
          })
      }
      return try await Self.assets(s, where: "assets.id = \(id)")[0]
    }
  }

  public func deleteManualAsset(id: Int64) async throws {
    try await write { s in
      guard let current = try await Self.assets(s, where: "assets.id = \(id)").first else {
        throw StoreError.notFound("Asset \(id)")
      }
      if let violation = AssetWriteRules.checkDelete(current) { throw StoreError.readOnly(violation) }
      try await s.execute(["DELETE FROM assets WHERE id = \(id)", ListTotals.bump])
    }
  }

  /// Sets custom field values ("" clears one); managed fields and fields of other types are refused.
  static func writeCustomValues(_ s: Database.Session, assetID: Int64, typeID: Int64, values: [Int64: String])
    async throws
  {
    guard !values.isEmpty else { return }
    let ids = values.keys.sorted()
    let fieldRows = try await s.fetch(
      "SELECT \(raw: AssetFieldRecord.columns) FROM asset_fields WHERE id IN (\(list: ids))"
    )
    let fields = try fieldRows.decoded(AssetFieldRecord.decode)
    var upserts: [SQLStatement] = []
    for (fieldID, value) in values.sorted(by: { $0.key < $1.key }) {
      guard let field = fields.first(where: { $0.id == fieldID }), field.assetTypeID == typeID else {
        throw StoreError.invalid(
          field: "custom_fields.\(fieldID)", message: "Unknown field \(fieldID) for this asset type.")
      }
      if let violation = AssetWriteRules.checkValue(of: field) { throw StoreError.readOnly(violation) }
      // An empty value clears the field (HappyFox's `null`).
      if value.isEmpty {
        upserts.append("DELETE FROM asset_field_values WHERE asset_id = \(assetID) AND field_id = \(fieldID)")
        continue
      }
      upserts.append(
        """
        INSERT INTO asset_field_values (asset_id, field_id, value) VALUES (\(assetID), \(fieldID), \(value))
        ON CONFLICT (asset_id, field_id) DO UPDATE SET value = excluded.value
        """)
    }
    try await s.execute(upserts)
  }

  /// Replaces an asset's manual contact links (the sync's link stays, R13); the history records
  /// each contact linked or unlinked.
  static func replaceManualContacts(
    _ s: Database.Session, assetID: Int64, contactIDs: [Int64], at now: Date, by agentID: Int64?
  ) async throws {
    let wanted = Array(Set(contactIDs)).sorted()
    if !wanted.isEmpty {
      try await requireAssociation(s, assetID: assetID, column: "enable_contact_association", field: "contact_ids")
      let found = Set(
        try await s.fetch("SELECT id FROM contacts WHERE id IN (\(list: wanted))").map { try $0.int64(at: 0) })
      if let missing = wanted.first(where: { !found.contains($0) }) {
        throw StoreError.invalid(field: "contact_ids", message: "Contact \(missing) does not exist.")
      }
    }
    let linked = Set(
      try await s.fetch("SELECT contact_id FROM asset_contacts WHERE asset_id = \(assetID)").map {
        try $0.int64(at: 0) ?? 0
      })
    let manual = Set(
      try await s.fetch("SELECT contact_id FROM asset_contacts WHERE asset_id = \(assetID) AND source = 'manual'").map {
        try $0.int64(at: 0) ?? 0
      })
    let history =
      manual.subtracting(wanted).sorted().flatMap {
        contactLinkHistory(assetID: assetID, contactID: $0, kind: .contactUnlinked, by: agentID, at: now)
      }
      + wanted.filter { !linked.contains($0) }.flatMap {
        contactLinkHistory(assetID: assetID, contactID: $0, kind: .contactLinked, by: agentID, at: now)
      }
    try await s.execute(
      history + ["DELETE FROM asset_contacts WHERE asset_id = \(assetID) AND source = 'manual'"]
        + wanted.map { Self.manualLink(assetID: assetID, contactID: $0, at: now) })
  }

  /// A contact linked to or unlinked from an asset, as history: the contact's name and email.
  static func contactLinkHistory(
    assetID: Int64, contactID: Int64, kind: AssetHistoryEntry.Kind, by agentID: Int64?, at now: Date
  ) -> [SQLStatement] {
    [
      """
      INSERT INTO asset_history (\(raw: AssetHistoryRows.columns))
      SELECT \(assetID), \(now), \(kind.rawValue), \(AssetHistoryEntry.Source.agent.rawValue), NULL, NULL, NULL,
        name || ' <' || email || '>', \(agentID), NULL, NULL
      FROM contacts WHERE id = \(contactID)
      """
    ]
  }

  /// The custom values an edit changes, by field label, old → new (option ids as their labels).
  static func customValueChanges(_ s: Database.Session, current: Asset, values: [Int64: String]) async throws
    -> [AssetHistoryRows.Entry]
  {
    let changed = values.filter { (current.customValues[$0.key] ?? "") != $0.value }
    guard !changed.isEmpty else { return [] }
    let rows = try await s.fetch(
      "SELECT \(raw: AssetFieldRecord.columns) FROM asset_fields WHERE id IN (\(list: changed.keys.sorted()))")
    let fields = try rows.decoded(AssetFieldRecord.decode)
    return changed.keys.sorted().compactMap { fieldID in
      guard let field = fields.first(where: { $0.id == fieldID }) else { return nil }
      func shown(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return FieldValue.stored(value, type: field.type).display(choices: field.choices)
      }
      return .init(
        kind: .fieldChanged, field: field.name, oldValue: shown(current.customValues[fieldID]),
        newValue: shown(changed[fieldID]))
    }
  }

  /// The ids of the contacts with these emails, creating those that do not exist yet (a new
  /// contact needs a name).
  static func contactIDs(_ s: Database.Session, for drafts: [ContactDraft], at now: Date) async throws -> [Int64] {
    var ids: [Int64] = []
    for draft in drafts {
      let key = Contact.emailKey(draft.email)
      if let existing = try await s.fetchOne("SELECT id FROM contacts WHERE email_key = \(key)") {
        ids.append(try existing.int64(at: 0) ?? 0)
        continue
      }
      let checked = try StoreInput.person(name: draft.name, email: draft.email)
      let phones = PhoneDraft.apply(try StoreInput.phones(draft.phones), to: [])
      ids.append(try await insertContact(s, name: checked.name, email: checked.email, phones: phones, at: now).id)
    }
    return ids
  }

  /// An agent's link outranks the sync's: it turns a sync link manual, and the sync never
  /// removes a manual link (R13).
  static func manualLink(assetID: Int64, contactID: Int64, at now: Date) -> SQLStatement {
    """
    INSERT INTO asset_contacts (asset_id, contact_id, source, created_at) VALUES (\(assetID), \(contactID), 'manual', \(now))
    ON CONFLICT (asset_id, contact_id) DO UPDATE SET source = 'manual'
    """
  }
}
