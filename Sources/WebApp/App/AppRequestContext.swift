import AssetCore
import Foundation
import Hummingbird
import NIOCore

/// Per-request state: who is signed in (API key or session) and their session's CSRF token.
public struct AppRequestContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  /// The authenticated agent; set by `AuthMiddleware`.
  public var agent: Agent?
  /// Set when the request came with a web session (not an API key).
  public var session: WebSession?
  /// The connection's peer address (a proxy's, behind one; see `TrustedProxies`); nil in
  /// in-process tests.
  public let peerAddress: String?

  public init(source: Source) {
    coreContext = .init(source: source)
    peerAddress = source.channel.remoteAddress?.ipAddress
  }

  /// The agent, or 401.
  public func requireAgent() throws -> Agent {
    guard let agent else { throw APIError.unauthorized }
    return agent
  }

  /// The agent if an admin, else 403 (R1: admin only).
  public func requireAdmin() throws -> Agent {
    let agent = try requireAgent()
    guard agent.isAdmin else { throw APIError.forbidden("Only admins can do this.") }
    return agent
  }
}

/// A signed-in browser session.
public struct WebSession: Sendable, Hashable {
  public var tokenHash: String
  public var csrfToken: String
  /// When the session must end however active it is (absolute lifetime).
  public var endsAt: Date
}
