import Foundation

/// Someone who signs in to AssetSync: an agent, or an admin who also manages the Kandji app.
public struct Agent: Sendable, Hashable, Codable, Identifiable {
  public var id: Int64
  public var email: String
  public var name: String
  public var role: AgentRole
  public var createdAt: Date

  public init(id: Int64, email: String, name: String, role: AgentRole, createdAt: Date) {
    self.id = id
    self.email = email
    self.name = name
    self.role = role
    self.createdAt = createdAt
  }

  public var isAdmin: Bool { role == .admin }
}

public enum AgentRole: String, Sendable, Hashable, Codable, CaseIterable {
  case admin, agent
}
