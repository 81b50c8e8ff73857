import AssetCore
import AssetStore
import Foundation
import Logging
import SyncService

/// OpenID Connect sign-in for agents (issue 22): starts the authorization code flow (PKCE S256,
/// `state`, `nonce`, all kept in the store, single use, 10 minutes, bound to the browser),
/// finishes it (code exchange, ID token checks) and decides who may enter. The settings are read
/// from the store on every attempt, so a change by the CLI or another replica holds at once.
public final class SingleSignOnService: Sendable {
  public static let signInLifetime: TimeInterval = 600
  public static let callbackPath = "/login/oidc/callback"

  let store: any AgentStore & SignInStore
  let secrets: ClientSecretSealer
  public let directory: ProviderDirectory
  let http: ProviderHTTP
  let clock: any WallClock
  let hashPassword: @Sendable (String) async throws -> String
  let logger: Logger

  public init(
    store: any AgentStore & SignInStore, sealer: TokenSealer, clock: any WallClock,
    hashPassword: @escaping @Sendable (String) async throws -> String, http: ProviderHTTP = ProviderHTTP(),
    logger: Logger
  ) {
    self.store = store
    secrets = ClientSecretSealer(sealer)
    directory = ProviderDirectory(http: http, clock: clock)
    self.http = http
    self.clock = clock
    self.hashPassword = hashPassword
    self.logger = logger
  }

  func now() -> Date { clock.now() }

  /// The settings when single sign-on is on, else nil.
  public func activeSettings() async throws -> SingleSignOnSettings? {
    guard let settings = try await store.singleSignOnSettings(), settings.enabled else { return nil }
    return settings
  }

  /// Where to send the browser, and the cookie value that binds this sign-in to it.
  public struct Start: Sendable {
    public var authorizationURL: String
    public var browserToken: String
  }

  public func start(next: String, publicURL: String?) async throws -> Start {
    guard let settings = try await activeSettings() else { throw SignInProblem.notConfigured("Single sign-on is off.") }
    let redirectURI = try Self.redirectURI(publicURL)
    let metadata = try await directory.metadata(
      issuer: settings.issuer, allowInsecure: settings.allowInsecureIssuer)
    let state = PKCE.random()
    let nonce = PKCE.random()
    let verifier = PKCE.random()
    let browser = PKCE.random()
    let now = now()
    try await store.createPendingSignIn(
      PendingSignIn(
        stateHash: PKCE.hash(state), browserHash: PKCE.hash(browser), nonce: nonce, codeVerifier: verifier, next: next,
        expiresAt: now.addingTimeInterval(Self.signInLifetime)), at: now)
    guard var components = URLComponents(string: metadata.authorizationEndpoint) else {
      throw SignInProblem.providerUnreachable
    }
    components.percentEncodedQueryItems =
      (components.percentEncodedQueryItems ?? [])
      + [
        ("response_type", "code"), ("client_id", settings.clientID), ("redirect_uri", redirectURI),
        ("scope", "openid email profile"), ("state", state), ("nonce", nonce),
        ("code_challenge", PKCE.challenge(for: verifier)), ("code_challenge_method", "S256"),
      ].map { URLQueryItem(name: $0.0, value: ProviderHTTP.formComponent($0.1)) }
    guard let url = components.string else { throw SignInProblem.providerUnreachable }
    return Start(authorizationURL: url, browserToken: browser)
  }

  /// A finished sign-in: who entered, the ID token (for sign-out) and where to go.
  public struct Finished: Sendable {
    public var agent: Agent
    public var idToken: String
    public var next: String
  }

  /// Finishes the flow from the callback's query. Every refusal is a `SignInProblem`, logged with
  /// its reason (never a token, code or secret).
  public func finish(
    code: String?, state: String?, error: String?, browserToken: String?, publicURL: String?
  ) async throws -> Finished {
    do {
      return try await finishChecked(
        code: code, state: state, error: error, browserToken: browserToken, publicURL: publicURL)
    } catch let problem as SignInProblem {
      var metadata: Logger.Metadata = ["reason": "\(problem.code)"]
      if case .untrustedToken(let reason) = problem { metadata["detail"] = "\(reason)" }
      logger.notice("single sign-on refused", metadata: metadata)
      throw problem
    }
  }

  private func finishChecked(
    code: String?, state: String?, error: String?, browserToken: String?, publicURL: String?
  ) async throws -> Finished {
    guard let settings = try await activeSettings() else { throw SignInProblem.notConfigured("Single sign-on is off.") }
    // The state is taken (deleted) before anything else: whatever happens next, it is used up.
    guard let state, !state.isEmpty, state.utf8.count <= 512,
      let pending = try await store.takePendingSignIn(stateHash: PKCE.hash(state))
    else {
      if let error { throw SignInProblem.providerRefused(Self.errorCode(error)) }
      throw SignInProblem.expiredOrUsed
    }
    if let error { throw SignInProblem.providerRefused(Self.errorCode(error)) }
    guard pending.expiresAt > now(), let browserToken,
      IDTokenVerifier.constantTimeEqual(PKCE.hash(browserToken), pending.browserHash)
    else { throw SignInProblem.expiredOrUsed }
    guard let code, !code.isEmpty, code.utf8.count <= 4_096 else {
      throw SignInProblem.providerRefused("no_code")
    }
    let redirectURI = try Self.redirectURI(publicURL)
    let metadata = try await directory.metadata(issuer: settings.issuer, allowInsecure: settings.allowInsecureIssuer)
    let secret = try secrets.open(settings.sealedClientSecret)
    let idToken = try await TokenExchange(http: http).idToken(
      metadata: metadata, code: code, verifier: pending.codeVerifier, redirectURI: redirectURI,
      clientID: settings.clientID, secret: secret)
    let identity = try await IDTokenVerifier(directory: directory).verify(
      idToken, metadata: metadata, clientID: settings.clientID, nonce: pending.nonce, emailClaim: settings.emailClaim,
      now: now())
    let agent = try await admit(identity, settings: settings)
    logger.info("single sign-on", metadata: ["agent": "\(agent.id)"])
    return Finished(agent: agent, idToken: idToken, next: pending.next)
  }

  /// Who may enter: a verified email, of an allowed domain, that is an active agent (or becomes
  /// one, when the settings create agents).
  func admit(_ identity: VerifiedIdentity, settings: SingleSignOnSettings) async throws -> Agent {
    guard let email = identity.email, email.contains("@") else {
      throw SignInProblem.missingEmail(claim: settings.emailClaim)
    }
    guard identity.emailVerified else { throw SignInProblem.emailNotVerified }
    let domain = String(email.split(separator: "@").last ?? "").lowercased()
    if !settings.allowedDomains.isEmpty && !settings.allowedDomains.contains(domain) {
      throw SignInProblem.domainNotAllowed(domain)
    }
    if let found = try await store.agentCredentials(email: email) {
      guard found.agent.isActive else { throw SignInProblem.agentDisabled }
      return found.agent
    }
    guard let role = settings.createAgents else { throw SignInProblem.notAnAgent }
    // A password nobody knows: the new agent signs in through the provider (an admin may set one).
    let name = identity.name.flatMap { $0.isEmpty ? nil : String($0.prefix(200)) } ?? String(email.prefix { $0 != "@" })
    let agent = try await store.createAgent(
      email: email, name: name, role: role, passwordHash: try await hashPassword(PKCE.random()), at: now())
    logger.notice("single sign-on created an agent", metadata: ["agent": "\(agent.id)", "role": "\(role.rawValue)"])
    return agent
  }

  /// Whether `agent` may sign in with a password: always without single sign-on; the break-glass
  /// admin always; otherwise the agent's own rule, else the instance's.
  public func passwordSignInAllowed(for agent: Agent) async throws -> (allowed: Bool, provider: String) {
    guard let settings = try await activeSettings() else { return (true, "") }
    if settings.breakGlassAgentID == agent.id && agent.isAdmin && agent.isActive { return (true, settings.name) }
    let own = try await store.agentPasswordSignIn(id: agent.id)
    return (own ?? settings.passwordSignIn, settings.name)
  }

  /// The provider's sign-out address for a session that began with `idToken` (RP-initiated
  /// logout), or nil when there is none to go to.
  public func logoutURL(idToken: String?, publicURL: String?) async -> String? {
    guard let idToken, let publicURL, let settings = try? await activeSettings(),
      let metadata = try? await directory.metadata(
        issuer: settings.issuer, allowInsecure: settings.allowInsecureIssuer),
      let endpoint = metadata.endSessionEndpoint, var components = URLComponents(string: endpoint)
    else { return nil }
    components.percentEncodedQueryItems =
      (components.percentEncodedQueryItems ?? [])
      + [
        ("id_token_hint", idToken), ("post_logout_redirect_uri", Self.trimmed(publicURL) + "/login"),
        ("client_id", settings.clientID),
      ].map { URLQueryItem(name: $0.0, value: ProviderHTTP.formComponent($0.1)) }
    return components.string
  }

  static func redirectURI(_ publicURL: String?) throws -> String {
    guard let publicURL, !publicURL.isEmpty else {
      throw SignInProblem.notConfigured(
        "Single sign-on needs the server's public URL: start it with serve --public-url https://assetsync.example.com.")
    }
    return trimmed(publicURL) + callbackPath
  }

  static func trimmed(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }

  /// An OAuth error code as shown: letters, digits and `_` only, at most 40 characters (the
  /// provider's free text is not shown).
  static func errorCode(_ text: String) -> String {
    let code = String(
      text.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }.prefix(40))
    return code.isEmpty ? "error" : code
  }
}
