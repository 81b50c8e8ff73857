import AssetCore
import Foundation

/// The web UI's sessions.
public protocol SessionStore: Sendable {
  func createSession(tokenHash: String, agentID: Int64, csrfToken: String, expiresAt: Date, at: Date) async throws
  /// A session of an active agent (a disabled agent's sessions are gone or ignored).
  func session(tokenHash: String) async throws -> SessionRecord?
  func deleteSession(tokenHash: String) async throws
  /// Ends every session of an agent; returns how many ended.
  @discardableResult func deleteSessions(agentID: Int64) async throws -> Int
  func touchSession(tokenHash: String, expiresAt: Date) async throws
}
