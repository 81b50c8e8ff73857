import AssetCore
import Foundation
import PostgresNIO

extension PostgresAssetStore {
  public func createContact(name: String, email: String, phones: [String], at now: Date) async throws -> Contact {
    let (name, email) = try StoreInput.person(name: name, email: email)
    let phonesJSON = String(decoding: try JSONEncoder().encode(phones), as: UTF8.self)
    let key = Contact.emailKey(email)
    do {
      return try await write { c in
        if try await c.exists("SELECT 1 FROM contacts WHERE email_key = \(key)", logger: logger) {
          throw StoreError.duplicateEmail(email)
        }
        let row = try await c.row(
          """
          INSERT INTO contacts (name, email, email_key, phones, created_at, updated_at)
          VALUES (\(name), \(email), \(key), \(phonesJSON), \(now.epoch), \(now.epoch)) RETURNING id
          """, logger: logger)
        return Contact(
          id: try row?["id"] ?? 0, name: name, email: email, phones: phones, createdAt: now, updatedAt: now)
      }
    } catch StoreError.duplicateEmail {
      throw StoreError.duplicateEmail(email)
    }
  }

  public func contact(id: Int64) async throws -> Contact? {
    try await read { c in try await c.row("SELECT * FROM contacts WHERE id = \(id)", logger: logger).map(Self.contact) }
  }

  public func contact(email: String) async throws -> Contact? {
    let key = Contact.emailKey(email)
    return try await read { c in
      try await c.row("SELECT * FROM contacts WHERE email_key = \(key)", logger: logger).map(Self.contact)
    }
  }

  public func contacts(_ query: ContactQuery) async throws -> Page<Contact> {
    var filter = SQLBuilder()
    var whereClause = ""
    if let search = query.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
      whereClause =
        "WHERE name ILIKE \(filter.bind("%\(search)%")) OR email_key LIKE \(filter.bind("%\(search.lowercased())%"))"
    }
    let (count, list) = filter.pageQueries(
      columns: "*", table: "contacts", where: whereClause, orderBy: "lower(name) COLLATE \"C\", id", page: query.page,
      size: query.size)
    return try await read { c in
      let total: Int64 = try await c.row(count, logger: logger)?["n"] ?? 0
      let rows = try await c.rows(list, logger: logger)
      return Page(items: try rows.map(Self.contact), total: Int(total), page: query.page, size: query.size)
    }
  }

  public func linkContact(_ contactID: Int64, toAsset assetID: Int64, at now: Date) async throws {
    try await write { c in
      guard try await c.exists("SELECT 1 FROM assets WHERE id = \(assetID)", logger: logger) else {
        throw StoreError.notFound("Asset \(assetID)")
      }
      guard try await c.exists("SELECT 1 FROM contacts WHERE id = \(contactID)", logger: logger) else {
        throw StoreError.notFound("Contact \(contactID)")
      }
      // An agent's link outranks the sync's: the sync never removes a manual link (R13).
      try await c.exec(
        """
        INSERT INTO asset_contacts (asset_id, contact_id, source, created_at) VALUES (\(assetID), \(contactID), 'manual',
          \(now.epoch))
        ON CONFLICT (asset_id, contact_id) DO UPDATE SET source = 'manual'
        """, logger: logger)
    }
  }

  public func unlinkContact(_ contactID: Int64, fromAsset assetID: Int64) async throws {
    try await write { c in
      let removed = try await c.exec(
        "DELETE FROM asset_contacts WHERE asset_id = \(assetID) AND contact_id = \(contactID) RETURNING 1",
        logger: logger)
      if removed == 0 { throw StoreError.notFound("A link between asset \(assetID) and contact \(contactID)") }
    }
  }

  public func contactLinks(assetID: Int64) async throws -> [ContactLink] {
    try await read { c in
      try await c.rows(
        """
        SELECT c.*, l.source AS link_source FROM asset_contacts l JOIN contacts c ON c.id = l.contact_id
        WHERE l.asset_id = \(assetID) ORDER BY lower(c.name) COLLATE "C", c.id
        """, logger: logger
      ).map {
        ContactLink(
          contact: try Self.contact($0), source: AssociationSource(rawValue: try $0["link_source"]) ?? .manual)
      }
    }
  }
}
