import AssetCore
import Foundation
import GRDB

extension SQLiteAssetStore {
  public func createContact(name: String, email: String, phones: [String], at now: Date) async throws -> Contact {
    let (name, email) = try StoreInput.person(name: name, email: email)
    let phonesJSON = String(decoding: try JSONEncoder().encode(phones), as: UTF8.self)
    return try await write { db in
      let key = Contact.emailKey(email)
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM contacts WHERE email_key = ?", arguments: [key]) == true {
        throw StoreError.duplicateEmail(email)
      }
      try db.execute(
        sql: "INSERT INTO contacts (name, email, email_key, phones, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [name, email, key, phonesJSON, now.epoch, now.epoch])
      return Contact(id: db.lastInsertedRowID, name: name, email: email, phones: phones, createdAt: now, updatedAt: now)
    }
  }

  public func contact(id: Int64) async throws -> Contact? {
    try await read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM contacts WHERE id = ?", arguments: [id]).map(Self.contact)
    }
  }

  public func contact(email: String) async throws -> Contact? {
    try await read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM contacts WHERE email_key = ?", arguments: [Contact.emailKey(email)])
        .map(Self.contact)
    }
  }

  public func contacts(_ query: ContactQuery) async throws -> Page<Contact> {
    try await read { db in
      var filter = ""
      var arguments: [(any DatabaseValueConvertible)?] = []
      if let search = query.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
        filter = "WHERE name LIKE ? OR email_key LIKE ?"
        arguments = ["%\(search)%", "%\(search.lowercased())%"]
      }
      let total =
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contacts \(filter)", arguments: StatementArguments(arguments))
        ?? 0
      let rows = try Row.fetchAll(
        db, sql: "SELECT * FROM contacts \(filter) ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?",
        arguments: StatementArguments(arguments + [query.size, query.offset]))
      return Page(items: rows.map(Self.contact), total: total, page: query.page, size: query.size)
    }
  }

  public func linkContact(_ contactID: Int64, toAsset assetID: Int64, at now: Date) async throws {
    try await write { db in
      guard try Bool.fetchOne(db, sql: "SELECT 1 FROM assets WHERE id = ?", arguments: [assetID]) == true else {
        throw StoreError.notFound("Asset \(assetID)")
      }
      guard try Bool.fetchOne(db, sql: "SELECT 1 FROM contacts WHERE id = ?", arguments: [contactID]) == true else {
        throw StoreError.notFound("Contact \(contactID)")
      }
      // An agent's link outranks the sync's: the sync never removes a manual link (R13).
      try db.execute(
        sql: """
          INSERT INTO asset_contacts (asset_id, contact_id, source, created_at) VALUES (?, ?, 'manual', ?)
          ON CONFLICT(asset_id, contact_id) DO UPDATE SET source = 'manual'
          """,
        arguments: [assetID, contactID, now.epoch])
    }
  }

  public func unlinkContact(_ contactID: Int64, fromAsset assetID: Int64) async throws {
    try await write { db in
      try db.execute(
        sql: "DELETE FROM asset_contacts WHERE asset_id = ? AND contact_id = ?", arguments: [assetID, contactID])
      if db.changesCount == 0 { throw StoreError.notFound("A link between asset \(assetID) and contact \(contactID)") }
    }
  }

  public func contactLinks(assetID: Int64) async throws -> [ContactLink] {
    try await read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT c.*, l.source AS link_source FROM asset_contacts l JOIN contacts c ON c.id = l.contact_id
          WHERE l.asset_id = ? ORDER BY c.name COLLATE NOCASE, c.id
          """,
        arguments: [assetID]
      ).map {
        ContactLink(contact: Self.contact($0), source: AssociationSource(rawValue: $0["link_source"]) ?? .manual)
      }
    }
  }
}
