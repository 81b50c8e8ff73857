import AssetCore
import Foundation

/// An API key as admins see it: whose it is and whether it still works. The auth code is never
/// stored in the clear, so it is not here either.
public struct APIKeyRecord: Sendable, Hashable {
  public var key: String
  public var agent: Agent
  public var createdAt: Date
  /// Set once revoked: the key answers 401 from the next request on, on every replica.
  public var revokedAt: Date?

  public init(key: String, agent: Agent, createdAt: Date, revokedAt: Date?) {
    self.key = key
    self.agent = agent
    self.createdAt = createdAt
    self.revokedAt = revokedAt
  }

  public var isActive: Bool { revokedAt == nil && agent.isActive }
}

/// A live web session: whose, its CSRF token, and its sliding and absolute limits.
public struct SessionRecord: Sendable, Hashable {
  public var agent: Agent
  public var csrfToken: String
  public var expiresAt: Date
  /// When the agent signed in; sessions end a fixed time after this however active they are.
  public var createdAt: Date

  public init(agent: Agent, csrfToken: String, expiresAt: Date, createdAt: Date) {
    self.agent = agent
    self.csrfToken = csrfToken
    self.expiresAt = expiresAt
    self.createdAt = createdAt
  }
}
