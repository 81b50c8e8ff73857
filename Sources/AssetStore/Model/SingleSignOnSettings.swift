import AssetCore
import Foundation

/// How agents sign in through the company's OpenID Connect provider (issue 22), as stored: one
/// document per instance, read on every sign-in attempt so a change made by the CLI or another
/// replica holds at once. The client secret is kept only sealed (AES-256-GCM under the instance's
/// secret key, like the Kandji token) and never leaves the server.
public struct SingleSignOnSettings: Sendable, Hashable, Codable {
  /// Whether the sign-in page offers the provider (and password sign-in may be turned off).
  public var enabled: Bool
  /// What the button says: "Sign in with <name>".
  public var name: String
  /// The provider's issuer URL (discovery is `<issuer>/.well-known/openid-configuration`).
  public var issuer: String
  public var clientID: String
  /// The client secret, sealed; never shown, logged or returned.
  public var sealedClientSecret: String
  /// Lowercased email domains allowed in; empty: any domain.
  public var allowedDomains: [String]
  /// The role of agents created on their first sign-in; nil: only existing agents enter.
  public var createAgents: AgentRole?
  /// Whether agents may still sign in with a password (each agent's own setting overrides it).
  public var passwordSignIn: Bool
  /// The ID token claim that holds the agent's email (`email`: then `email_verified` must be true).
  public var emailClaim: String
  /// Plain-HTTP issuers (tests, a provider on loopback); off: the issuer must be HTTPS.
  public var allowInsecureIssuer: Bool
  /// The admin who may always sign in with a password, even when password sign-in is off.
  public var breakGlassAgentID: Int64?
  public var updatedAt: Date

  public init(
    enabled: Bool = true, name: String, issuer: String, clientID: String, sealedClientSecret: String,
    allowedDomains: [String] = [], createAgents: AgentRole? = nil, passwordSignIn: Bool = true,
    emailClaim: String = "email", allowInsecureIssuer: Bool = false, breakGlassAgentID: Int64? = nil,
    updatedAt: Date
  ) {
    self.enabled = enabled
    self.name = name
    self.issuer = issuer
    self.clientID = clientID
    self.sealedClientSecret = sealedClientSecret
    self.allowedDomains = allowedDomains
    self.createAgents = createAgents
    self.passwordSignIn = passwordSignIn
    self.emailClaim = emailClaim
    self.allowInsecureIssuer = allowInsecureIssuer
    self.breakGlassAgentID = breakGlassAgentID
    self.updatedAt = updatedAt
  }
}

/// An OpenID Connect sign-in under way: what the callback must find again. Kept server-side,
/// taken once (`SignInStore.takePendingSignIn`), and bound to the browser that started it.
public struct PendingSignIn: Sendable, Hashable {
  /// SHA-256 of the `state` sent to the provider.
  public var stateHash: String
  /// SHA-256 of the browser's sign-in cookie.
  public var browserHash: String
  public var nonce: String
  /// The PKCE code verifier (the provider saw only its S256 challenge).
  public var codeVerifier: String
  /// Where to go after signing in (a local path).
  public var next: String
  public var expiresAt: Date

  public init(
    stateHash: String, browserHash: String, nonce: String, codeVerifier: String, next: String, expiresAt: Date
  ) {
    self.stateHash = stateHash
    self.browserHash = browserHash
    self.nonce = nonce
    self.codeVerifier = codeVerifier
    self.next = next
    self.expiresAt = expiresAt
  }
}
