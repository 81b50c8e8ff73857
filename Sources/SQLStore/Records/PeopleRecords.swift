import AssetCore
import AssetStore
import Foundation

/// How contacts are stored: phones as a JSON list of HappyFox's phone objects (plain strings
/// before issue 12, still read), and their digits in `phone_key` for `q=phone:`.
enum ContactRecord {
  static let columns =
    "contacts.id, contacts.name, contacts.email, contacts.phones, contacts.created_at, contacts.updated_at"

  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> Contact {
    let id = try r.int64()
    let name = try r.string()
    let email = try r.string()
    let phones = Phone.decodeStored(try r.string())
    return Contact(id: id, name: name, email: email, phones: phones, createdAt: try r.date(), updatedAt: try r.date())
  }

  /// Every phone's digits, one per line (a term cannot match across two numbers).
  static func phoneKey(_ phones: [Phone]) -> String {
    phones.map(\.digits).joined(separator: SearchKey.separator)
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
