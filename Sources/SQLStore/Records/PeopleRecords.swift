import AssetCore
import AssetStore
import Foundation

/// How contacts are stored (phones as a JSON list).
enum ContactRecord {
  static let columns =
    "contacts.id, contacts.name, contacts.email, contacts.phones, contacts.created_at, contacts.updated_at"

  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> Contact {
    let id = try r.int64()
    let name = try r.string()
    let email = try r.string()
    let phones = (try? JSONDecoder().decode([String].self, from: Data(try r.string().utf8))) ?? []
    return Contact(id: id, name: name, email: email, phones: phones, createdAt: try r.date(), updatedAt: try r.date())
  }

  static func phonesJSON(_ phones: [String]) throws -> String {
    String(decoding: try JSONEncoder().encode(phones), as: UTF8.self)
  }
}

/// How agents are stored (the password hash is read only by `agentCredentials`).
enum AgentRecord {
  static let columns = "agents.id, agents.email, agents.name, agents.role, agents.created_at, agents.disabled_at"

  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> Agent {
    Agent(
      id: try r.int64(), email: try r.string(), name: try r.string(),
      role: AgentRole(rawValue: try r.string()) ?? .agent, createdAt: try r.date(), disabledAt: try r.optionalDate())
  }
}

/// How tickets are stored; their asset links come from `ticket_assets`.
enum TicketRecord {
  static let columns =
    "tickets.id, tickets.subject, tickets.status, tickets.contact_id, tickets.created_by, tickets.created_at, tickets.updated_at"

  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>, assetIDs: [Int64]) throws -> Ticket {
    Ticket(
      id: try r.int64(), subject: try r.string(), status: TicketStatus(rawValue: try r.string()) ?? .open,
      contactID: try r.optionalInt64(), assetIDs: assetIDs, createdBy: try r.optionalInt64(), createdAt: try r.date(),
      updatedAt: try r.date())
  }
}
