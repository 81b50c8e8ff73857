import AssetCore
import AssetStore
import Foundation
import SyncService

/// Changing the single sign-on settings, shared by `assetsync sso …` and Admin › Sign-in so both
/// follow the same rules: every value checked, the provider's discovery checked before saving,
/// the client secret sealed (write-only), and the break-glass admin an active admin.
public struct SingleSignOnSetup: Sendable {
  let store: any AgentStore & SignInStore
  let sealer: ClientSecretSealer
  let clock: any WallClock
  let http: ProviderHTTP

  public init(
    store: any AgentStore & SignInStore, sealer: TokenSealer, clock: any WallClock = SystemClock(),
    http: ProviderHTTP = ProviderHTTP()
  ) {
    self.store = store
    self.sealer = ClientSecretSealer(sealer)
    self.clock = clock
    self.http = http
  }

  func now() -> Date { clock.now() }

  /// What to change; nil keeps the stored value (or the default on a first setup).
  public struct Change: Sendable {
    public var issuer: String
    public var clientID: String
    public var clientSecret: String?
    public var name: String?
    public var allowedDomains: [String]?
    /// `.some(nil)`: agents are not created.
    public var createAgents: AgentRole??
    public var passwordSignIn: Bool?
    public var emailClaim: String?
    public var allowInsecureIssuer: Bool?

    public init(
      issuer: String, clientID: String, clientSecret: String? = nil, name: String? = nil,
      allowedDomains: [String]? = nil, createAgents: AgentRole?? = nil, passwordSignIn: Bool? = nil,
      emailClaim: String? = nil, allowInsecureIssuer: Bool? = nil
    ) {
      self.issuer = issuer
      self.clientID = clientID
      self.clientSecret = clientSecret
      self.name = name
      self.allowedDomains = allowedDomains
      self.createAgents = createAgents
      self.passwordSignIn = passwordSignIn
      self.emailClaim = emailClaim
      self.allowInsecureIssuer = allowInsecureIssuer
    }
  }

  /// A refused change: which setting, and why (`field` matches the CLI flag and the form field).
  public struct Refusal: Error, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String
    public var description: String { message }
  }

  /// Checks the change, then the provider's discovery, and saves; returns the saved settings.
  @discardableResult
  public func save(_ change: Change) async throws -> SingleSignOnSettings {
    let existing = try await store.singleSignOnSettings()
    let issuer = change.issuer.trimmingCharacters(in: .whitespacesAndNewlines)
    let clientID = change.clientID.trimmingCharacters(in: .whitespacesAndNewlines)
    let insecure = change.allowInsecureIssuer ?? existing?.allowInsecureIssuer ?? false
    if let problem = ProviderMetadata.urlProblem(issuer, allowInsecure: insecure) {
      throw Refusal(field: "issuer", message: "The issuer \(problem).")
    }
    guard !clientID.isEmpty, clientID.utf8.count <= 255, Self.isOneLine(clientID) else {
      throw Refusal(field: "client_id", message: "The client ID must be 1 to 255 characters on one line.")
    }
    let sealedSecret: String
    if let secret = change.clientSecret?.trimmingCharacters(in: .newlines), !secret.isEmpty {
      guard secret.utf8.count <= 1_024, Self.isOneLine(secret) else {
        throw Refusal(field: "client_secret", message: "The client secret must be at most 1024 bytes on one line.")
      }
      sealedSecret = try sealer.seal(secret)
    } else if let existing, existing.issuer == issuer, existing.clientID == clientID {
      sealedSecret = existing.sealedClientSecret
    } else {
      throw Refusal(
        field: "client_secret", message: "Give the client secret (a new issuer or client ID needs it again).")
    }
    let name = (change.name ?? existing?.name ?? "SSO").trimmingCharacters(in: .whitespacesAndNewlines)
    guard (1...60).contains(name.unicodeScalars.count), Self.isOneLine(name) else {
      throw Refusal(field: "name", message: "The name must be 1 to 60 characters on one line.")
    }
    let domains = try Self.domains(change.allowedDomains ?? existing?.allowedDomains ?? [])
    let claim = (change.emailClaim ?? existing?.emailClaim ?? "email").trimmingCharacters(in: .whitespaces)
    guard (1...100).contains(claim.count), claim.unicodeScalars.allSatisfy({ Self.claimCharacters.contains($0) })
    else {
      throw Refusal(field: "email_claim", message: "The email claim must be a claim name such as email or upn.")
    }
    do {
      _ = try await ProviderDirectory.discover(issuer: issuer, allowInsecure: insecure, http: http)
    } catch {
      let why =
        error == .providerUnreachable
        ? "The issuer's discovery document (\(ProviderMetadata.discoveryURL(issuer: issuer))) could not be fetched: check the issuer URL and that this server reaches it."
        : error.description
      throw Refusal(field: "issuer", message: why)
    }
    var breakGlass = existing?.breakGlassAgentID
    if let id = breakGlass, let agent = try await store.agent(id: id), !(agent.isAdmin && agent.isActive) {
      breakGlass = nil
    }
    let settings = SingleSignOnSettings(
      enabled: true, name: name, issuer: issuer, clientID: clientID, sealedClientSecret: sealedSecret,
      allowedDomains: domains,
      createAgents: change.createAgents ?? existing?.createAgents ?? nil,
      passwordSignIn: change.passwordSignIn ?? existing?.passwordSignIn ?? true, emailClaim: claim,
      allowInsecureIssuer: insecure, breakGlassAgentID: breakGlass, updatedAt: now())
    try await store.saveSingleSignOnSettings(settings)
    return settings
  }

  /// Turns single sign-on off (the settings stay, so `sso set` can turn it on again); password
  /// sign-in works for every agent again.
  @discardableResult
  public func disable() async throws -> Bool {
    guard var settings = try await store.singleSignOnSettings(), settings.enabled else { return false }
    settings.enabled = false
    settings.updatedAt = now()
    try await store.saveSingleSignOnSettings(settings)
    return true
  }

  /// Names the one admin who may always sign in with a password (replacing any other).
  @discardableResult
  public func setBreakGlass(email: String) async throws -> Agent {
    guard var settings = try await store.singleSignOnSettings() else {
      throw Refusal(field: "email", message: "Set up single sign-on first (assetsync sso set).")
    }
    guard let agent = try await store.agentCredentials(email: email)?.agent else {
      throw Refusal(field: "email", message: "No agent has the email \(email).")
    }
    guard agent.isAdmin, agent.isActive else {
      throw Refusal(field: "email", message: "The break-glass account must be an active admin; \(agent.email) is not.")
    }
    settings.breakGlassAgentID = agent.id
    settings.updatedAt = now()
    try await store.saveSingleSignOnSettings(settings)
    return agent
  }

  static func domains(_ list: [String]) throws -> [String] {
    var result: [String] = []
    for raw in list {
      let domain = raw.trimmingCharacters(in: .whitespaces).lowercased()
      if domain.isEmpty { continue }
      guard domain.count <= 253, domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."),
        domain.unicodeScalars.allSatisfy({ domainCharacters.contains($0) })
      else {
        throw Refusal(field: "allowed_domains", message: "\"\(raw)\" is not an email domain such as example.com.")
      }
      if !result.contains(domain) { result.append(domain) }
    }
    return result
  }

  static let domainCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789.-")
  static let claimCharacters = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:/")

  static func isOneLine(_ text: String) -> Bool {
    !text.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }
  }
}
