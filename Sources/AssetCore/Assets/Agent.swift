import Foundation

/// Someone who signs in to AssetSync: an agent, or an admin who also manages the Kandji app.
public struct Agent: Sendable, Hashable, Codable, Identifiable {
  public var id: Int64
  public var email: String
  public var name: String
  public var role: AgentRole
  public var createdAt: Date
  /// When an admin disabled the agent: a disabled agent cannot sign in, and their sessions and
  /// API keys stop working at once.
  public var disabledAt: Date?

  public init(id: Int64, email: String, name: String, role: AgentRole, createdAt: Date, disabledAt: Date? = nil) {
    self.id = id
    self.email = email
    self.name = name
    self.role = role
    self.createdAt = createdAt
    self.disabledAt = disabledAt
  }

  public var isAdmin: Bool { role == .admin }
  public var isActive: Bool { disabledAt == nil }
}

public enum AgentRole: String, Sendable, Hashable, Codable, CaseIterable {
  case admin, agent
}
