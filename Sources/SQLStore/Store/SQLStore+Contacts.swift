import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  public func createContact(_ draft: ContactDraft, at now: Date) async throws -> Contact {
    let checked = try StoreInput.person(name: draft.name, email: draft.email)
    let phones = PhoneDraft.apply(try StoreInput.phones(draft.phones), to: [])
    return try await write { s in
      try await Self.insertContact(s, name: checked.name, email: checked.email, phones: phones, at: now)
    }
  }

  /// Inserts a checked contact and puts it in the groups that tag its email's domain.
  static func insertContact(_ s: Database.Session, name: String, email: String, phones: [Phone], at now: Date)
    async throws -> Contact
  {
    let key = Contact.emailKey(email)
    let row = try await Duplicate.mapping(Duplicate.email(email)) {
      try await s.fetchOne(
        """
        INSERT INTO contacts (name, email, email_key, phones, phone_key, sort_key, search_key, created_at, updated_at)
        VALUES (\(name), \(email), \(key), \(Phone.encodeStored(phones)), \(ContactRecord.phoneKey(phones)),
          \(SearchKey.fold(name)), \(SearchKey.contact(name: name, email: key)), \(now), \(now))
        RETURNING id
        """)
    }
    let id = try row?.int64(at: 0) ?? 0
    let groups = try await s.fetch("SELECT \(raw: ContactGroupRecord.columns) FROM contact_groups")
      .decoded(ContactGroupRecord.decode).filter { $0.tags(email: email) }
    try await s.execute(
      groups.map { "INSERT INTO contact_group_members (group_id, contact_id) VALUES (\($0.id), \(id))" })
    return Contact(id: id, name: name, email: email, phones: phones, createdAt: now, updatedAt: now)
  }

  public func updateContact(id: Int64, _ change: ContactChange, at now: Date) async throws -> Contact {
    let drafts = try change.phones.map(StoreInput.phones)
    return try await write { s in
      guard let current = try await Self.contacts(s, where: "contacts.id = \(id)").first else {
        throw StoreError.notFound("Contact \(id)")
      }
      let checked = try StoreInput.person(name: change.name ?? current.name, email: change.email ?? current.email)
      let phones = drafts.map { PhoneDraft.apply($0, to: current.phones) } ?? current.phones
      guard phones.count <= StoreInput.maxPhones else {
        throw StoreError.invalid(field: "phones", message: "A contact has at most \(StoreInput.maxPhones) phones.")
      }
      let key = Contact.emailKey(checked.email)
      try await Duplicate.mapping(Duplicate.email(checked.email)) {
        try await s.execute(
          """
          UPDATE contacts SET name = \(checked.name), email = \(checked.email), email_key = \(key),
            phones = \(Phone.encodeStored(phones)), phone_key = \(ContactRecord.phoneKey(phones)),
            sort_key = \(SearchKey.fold(checked.name)), search_key = \(SearchKey.contact(name: checked.name, email: key)),
            updated_at = \(now)
          WHERE id = \(id)
          """)
      }
      return Contact(
        id: id, name: checked.name, email: checked.email, phones: phones, createdAt: current.createdAt, updatedAt: now)
    }
  }

  static func contacts(_ s: Database.Session, where condition: SQLStatement) async throws -> [Contact] {
    try await s.fetch("SELECT \(raw: ContactRecord.columns) FROM contacts WHERE \(condition)")
      .decoded(ContactRecord.decode)
  }

  public func contact(id: Int64) async throws -> Contact? {
    try await read { s in try await Self.contacts(s, where: "contacts.id = \(id)").first }
  }

  public func contact(email: String) async throws -> Contact? {
    let key = Contact.emailKey(email)
    return try await read { s in try await Self.contacts(s, where: "contacts.email_key = \(key)").first }
  }

  public func contacts(ids: [Int64]) async throws -> [Contact] {
    guard !ids.isEmpty else { return [] }
    return try await read { s in try await Self.contacts(s, where: "contacts.id IN (\(list: ids))") }
  }

  public func contacts(_ query: ContactQuery) async throws -> Page<Contact> {
    let condition = ContactFilter.condition(query)
    return try await read { s in
      let results = try await s.fetch([
        "SELECT COUNT(*) FROM contacts WHERE \(condition)",
        """
        SELECT \(raw: ContactRecord.columns) FROM contacts WHERE \(condition) ORDER BY contacts.sort_key, contacts.id
        LIMIT \(query.size) OFFSET \(query.offset)
        """,
      ])
      return Page(
        items: try results[1].decoded(ContactRecord.decode), total: Int(try results[0].first?.int64(at: 0) ?? 0),
        page: query.page, size: query.size)
    }
  }

  public func contactProfiles(ids: [Int64]) async throws -> [Int64: ContactProfile] {
    let ids = Array(Set(ids)).sorted()
    guard !ids.isEmpty else { return [:] }
    return try await read { s in
      let results = try await s.fetch([
        """
        SELECT m.contact_id, m.access_tickets, \(raw: ContactGroupRecord.columns) FROM contact_group_members m
        JOIN contact_groups ON contact_groups.id = m.group_id WHERE m.contact_id IN (\(list: ids))
        ORDER BY contact_groups.name, contact_groups.id
        """,
        """
        SELECT t.contact_id, COUNT(*), SUM(CASE WHEN st.behavior = 'pending' THEN 1 ELSE 0 END) FROM tickets t
        LEFT JOIN ticket_statuses st ON st.id = t.status_id WHERE t.contact_id IN (\(list: ids)) GROUP BY t.contact_id
        """,
      ])
      var profiles = Dictionary(uniqueKeysWithValues: ids.map { ($0, ContactProfile()) })
      for row in results[0] {
        var r = RowReader(row)
        let contact = try r.int64()
        let access = try r.bool()
        profiles[contact]?.groups.append(
          GroupMembership(group: try ContactGroupRecord.decode(&r), accessTickets: access))
      }
      for row in results[1] {
        let contact = try row.int64(at: 0) ?? 0
        profiles[contact]?.ticketsCount = Int(try row.int64(at: 1) ?? 0)
        profiles[contact]?.pendingTicketsCount = Int(try row.int64(at: 2) ?? 0)
      }
      return profiles
    }
  }

  public func linkContact(_ contactID: Int64, toAsset assetID: Int64, at now: Date, by agentID: Int64?) async throws {
    try await write { s in
      let found = try await s.fetchOne(
        """
        SELECT (SELECT COUNT(*) FROM assets WHERE id = \(assetID)), (SELECT COUNT(*) FROM contacts WHERE id = \(contactID))
        """)
      guard try found?.int64(at: 0) == 1 else { throw StoreError.notFound("Asset \(assetID)") }
      guard try found?.int64(at: 1) == 1 else { throw StoreError.notFound("Contact \(contactID)") }
      try await Self.requireAssociation(s, assetID: assetID, column: "enable_contact_association", field: "contact_id")
      // Linking a contact already linked (by the sync, or twice) changes nothing worth a history entry.
      let known = try await s.fetchOne(
        "SELECT 1 FROM asset_contacts WHERE asset_id = \(assetID) AND contact_id = \(contactID)")
      let history =
        known == nil
        ? Self.contactLinkHistory(assetID: assetID, contactID: contactID, kind: .contactLinked, by: agentID, at: now)
        : []
      try await s.execute(
        history + [Self.manualLink(assetID: assetID, contactID: contactID, at: now), ListTotals.bump])
    }
  }

  public func unlinkContact(_ contactID: Int64, fromAsset assetID: Int64, at now: Date, by agentID: Int64?)
    async throws
  {
    try await write { s in
      let history = Self.contactLinkHistory(
        assetID: assetID, contactID: contactID, kind: .contactUnlinked, by: agentID, at: now)
      // The history row only once a link was removed: an unknown asset has none, and no row may
      // point at it.
      let removed = try await s.execute([
        "DELETE FROM asset_contacts WHERE asset_id = \(assetID) AND contact_id = \(contactID)", ListTotals.bump,
      ])[0]
      if removed == 0 { throw StoreError.notFound("A link between asset \(assetID) and contact \(contactID)") }
      _ = try await s.execute(history)
    }
  }

  /// Refuses a link the asset's type does not allow (HappyFox's type settings).
  static func requireAssociation(_ s: Database.Session, assetID: Int64, column: String, field: String) async throws {
    let row = try await s.fetchOne(
      """
      SELECT t.\(raw: column), t.name FROM assets a JOIN asset_types t ON t.id = a.asset_type_id WHERE a.id = \(assetID)
      """)
    guard let row, try row.bool(at: 0) == false else { return }
    let what = column == "enable_contact_association" ? "contacts" : "tickets"
    throw StoreError.invalid(
      field: field, message: "The asset type \(try row.string(at: 1) ?? "") does not allow \(what) to be associated.")
  }
}
