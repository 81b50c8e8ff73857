import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  public func createContact(name: String, email: String, phones: [String], at now: Date) async throws -> Contact {
    let (name, email) = try StoreInput.person(name: name, email: email)
    let phonesJSON = try ContactRecord.phonesJSON(phones)
    let key = Contact.emailKey(email)
    return try await write { s in
      let row = try await Duplicate.mapping(Duplicate.email(email)) {
        try await s.fetchOne(
          """
          INSERT INTO contacts (name, email, email_key, phones, sort_key, search_key, created_at, updated_at)
          VALUES (\(name), \(email), \(key), \(phonesJSON), \(SearchKey.fold(name)),
            \(SearchKey.contact(name: name, email: key)), \(now), \(now))
          RETURNING id
          """)
      }
      return Contact(
        id: try row?.int64(at: 0) ?? 0, name: name, email: email, phones: phones, createdAt: now, updatedAt: now)
    }
  }

  public func contact(id: Int64) async throws -> Contact? {
    try await read { s in
      try await s.fetch("SELECT \(raw: ContactRecord.columns) FROM contacts WHERE id = \(id)").decoded(
        ContactRecord.decode
      )
      .first
    }
  }

  public func contact(email: String) async throws -> Contact? {
    let key = Contact.emailKey(email)
    return try await read { s in
      try await s.fetch("SELECT \(raw: ContactRecord.columns) FROM contacts WHERE email_key = \(key)")
        .decoded(ContactRecord.decode).first
    }
  }

  public func contacts(_ query: ContactQuery) async throws -> Page<Contact> {
    let filter: SQLStatement =
      if let term = AssetSearch.term(query.search) {
        "WHERE contacts.search_key LIKE \(AssetSearch.likePattern(term)) ESCAPE '\\'"
      } else {
        ""
      }
    return try await read { s in
      let results = try await s.fetch([
        "SELECT COUNT(*) FROM contacts \(filter)",
        """
        SELECT \(raw: ContactRecord.columns) FROM contacts \(filter) ORDER BY contacts.sort_key, contacts.id
        LIMIT \(query.size) OFFSET \(query.offset)
        """,
      ])
      return Page(
        items: try results[1].decoded(ContactRecord.decode), total: Int(try results[0].first?.int64(at: 0) ?? 0),
        page: query.page, size: query.size)
    }
  }

  public func linkContact(_ contactID: Int64, toAsset assetID: Int64, at now: Date) async throws {
    try await write { s in
      let found = try await s.fetchOne(
        "SELECT (SELECT COUNT(*) FROM assets WHERE id = \(assetID)), (SELECT COUNT(*) FROM contacts WHERE id = \(contactID))"
      )
      guard try found?.int64(at: 0) == 1 else { throw StoreError.notFound("Asset \(assetID)") }
      guard try found?.int64(at: 1) == 1 else { throw StoreError.notFound("Contact \(contactID)") }
      try await s.execute([Self.manualLink(assetID: assetID, contactID: contactID, at: now), ListTotals.bump])
    }
  }

  public func unlinkContact(_ contactID: Int64, fromAsset assetID: Int64) async throws {
    try await write { s in
      let removed = try await s.execute([
        "DELETE FROM asset_contacts WHERE asset_id = \(assetID) AND contact_id = \(contactID)", ListTotals.bump,
      ])[0]
      if removed == 0 { throw StoreError.notFound("A link between asset \(assetID) and contact \(contactID)") }
    }
  }
}
