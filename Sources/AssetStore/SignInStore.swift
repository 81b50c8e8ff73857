import AssetCore
import Foundation

/// Single sign-on's state (issue 22): its settings, each agent's password rule, the sign-ins under
/// way and the ID token a session began with.
public protocol SignInStore: Sendable {
  /// The settings, or nil when single sign-on was never set up.
  func singleSignOnSettings() async throws -> SingleSignOnSettings?
  /// Saves the settings (nil removes them).
  func saveSingleSignOnSettings(_ settings: SingleSignOnSettings?) async throws
  /// An agent's own password rule: true allowed, false refused, nil as the instance's setting.
  func agentPasswordSignIn(id: Int64) async throws -> Bool?
  func setAgentPasswordSignIn(id: Int64, allowed: Bool?) async throws
  /// Records a sign-in under way; sign-ins whose time ran out are dropped in the same transaction.
  func createPendingSignIn(_ pending: PendingSignIn, at: Date) async throws
  /// Removes and returns the sign-in with this state hash (a second call finds nothing).
  func takePendingSignIn(stateHash: String) async throws -> PendingSignIn?
  /// Keeps the ID token a session began with (for the provider's sign-out), or reads it back.
  func setSessionIDToken(tokenHash: String, idToken: String) async throws
  func sessionIDToken(tokenHash: String) async throws -> String?
}
