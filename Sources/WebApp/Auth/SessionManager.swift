import AssetCore
import AssetStore
import AssetSyncApplication
import Foundation
import Hummingbird

/// Browser sessions: an opaque random cookie (only its hash is stored), a CSRF token per
/// session, sliding expiry after `lifetime` without a request, and an absolute end
/// `absoluteLifetime` after signing in. A disabled agent's sessions end at once (the store
/// finds none), on every replica.
public struct SessionManager: Sendable {
  public static let cookieName = "assetsync_session"
  let store: any SessionStore
  let lifetime: TimeInterval
  let absoluteLifetime: TimeInterval
  let clock: any WallClock

  public init(
    store: any SessionStore, lifetime: TimeInterval = 8 * 3_600, absoluteLifetime: TimeInterval = 24 * 3_600,
    clock: any WallClock
  ) {
    self.store = store
    self.lifetime = lifetime
    self.absoluteLifetime = max(lifetime, absoluteLifetime)
    self.clock = clock
  }

  func now() -> Date { clock.now() }

  /// Starts a session; returns the cookie value and the session.
  func start(agent: Agent) async throws -> (token: String, session: WebSession) {
    let token = SecretTokens.random()
    let csrf = SecretTokens.random()
    let hash = SecretTokens.hash(token)
    let now = now()
    try await store.createSession(
      tokenHash: hash, agentID: agent.id, csrfToken: csrf, expiresAt: now.addingTimeInterval(lifetime), at: now)
    return (token, WebSession(tokenHash: hash, csrfToken: csrf, endsAt: now.addingTimeInterval(absoluteLifetime)))
  }

  /// The signed-in agent of a request, if its session is valid; extends the session.
  func current(_ request: Request) async throws -> (Agent, WebSession)? {
    guard let token = request.cookies[Self.cookieName]?.value, !token.isEmpty else { return nil }
    let hash = SecretTokens.hash(token)
    guard let found = try await store.session(tokenHash: hash) else { return nil }
    let now = now()
    let endsAt = found.createdAt.addingTimeInterval(absoluteLifetime)
    guard found.expiresAt > now, endsAt > now else {
      try await store.deleteSession(tokenHash: hash)
      return nil
    }
    // Extend at most once a minute, so page loads do not each cost a write; never past the end.
    let extended = min(now.addingTimeInterval(lifetime), endsAt)
    if extended.timeIntervalSince(found.expiresAt) >= 60 {
      try await store.touchSession(tokenHash: hash, expiresAt: extended)
    }
    return (found.agent, WebSession(tokenHash: hash, csrfToken: found.csrfToken, endsAt: endsAt))
  }

  func end(_ session: WebSession) async throws { try await store.deleteSession(tokenHash: session.tokenHash) }
}
