import AssetCore
import Foundation
import Hummingbird
import NIOCore

/// Per-request state: who is signed in (API key or session) and their session's CSRF token.
public struct AppRequestContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  /// The authenticated agent; set by `AuthMiddleware` or `WebSessionMiddleware`. Handlers never
  /// read it: routes get it, role checked, from `SignedInContext`.
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
}

/// A signed-in browser session.
public struct WebSession: Sendable, Hashable {
  public var tokenHash: String
  public var csrfToken: String
  /// When the session must end however active it is (absolute lifetime).
  public var endsAt: Date
}
