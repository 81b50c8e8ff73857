import AssetCore
import Foundation
import HTTPTypes
import Hummingbird
import SingleSignOn

/// Sign in and out. The sign-in form has no session yet, so it is protected by a double-submit
/// token (a cookie and a hidden field that must match); a wrong email and a wrong password get
/// the same message and take the same time; attempts are reserved with `LoginThrottle` before
/// any password is checked, and checked on `PasswordWork`'s own threads. With single sign-on on
/// (issue 22) the page offers "Sign in with <provider>" and, when password sign-in is off, keeps
/// only a small break-glass path to the password form.
struct LoginPages {
  let services: AppServices
  let renderer: PageRenderer
  let secureCookies: Bool
  static let loginCSRFCookie = "assetsync_login_csrf"

  struct Model {
    var csrf: String
    var next: String
    var email: String
    var error: String?
    /// The provider's name when single sign-on is on.
    var sso: String?
    /// Whether the password form shows (always without single sign-on).
    var passwordForm: Bool
    /// The link to the password form when it is hidden (break-glass admin, agents allowed passwords).
    var breakGlassLink: Bool
    var nextQuery: String
  }

  func register(_ router: Router<AppRequestContext>) {
    router.get("login") { request, context -> Response in
      if try await services.sessions.current(request) != nil {
        return .seeOther(LocalRedirect.target(request.uri.queryParameters["next"].map(String.init)))
      }
      return try await form(
        next: request.uri.queryParameters["next"].map(String.init), email: "", error: nil, status: .ok,
        secure: secure(request, context), showPassword: request.uri.queryParameters["password"] == "1")
    }
    router.post("login") { request, context -> Response in try await signIn(request, context) }
    router.post("logout") { request, context -> Response in
      guard let (_, session) = try await services.sessions.current(request) else { return .seeOther("/login") }
      var context = context
      context.session = session
      _ = try await WebForm.read(request, context)
      let idToken = try await services.store.sessionIDToken(tokenHash: session.tokenHash)
      try await services.sessions.end(session)
      let clear = AppCookie.clear(SessionManager.cookieName, secure: secure(request, context))
      // A session that began at the provider ends there too (RP-initiated logout). A page that
      // moves on by itself, not a redirect: the pages' CSP (`form-action 'self'`) would stop a
      // form's redirect to another site.
      if let url = await services.singleSignOn.logoutURL(idToken: idToken, publicURL: services.publicURL.url) {
        return renderer.page("signed-out", SignedOutModel(providerURL: url)).with(cookies: [clear])
      }
      return .seeOther("/login", cookies: [clear])
    }
    router.get("") { _, _ -> Response in .seeOther("/assets") }
  }

  /// Cookies are `Secure` unless the server was told it serves plain HTTP on loopback
  /// (`--plain-http`, the demo); even then when a trusted proxy says the browser came over HTTPS.
  func secure(_ request: Request, _ context: AppRequestContext) -> Bool {
    secureCookies || services.trustedProxies.origin(of: request, context: context).isHTTPS
  }

  func form(
    next: String?, email: String, error: String?, status: HTTPResponse.Status, secure: Bool,
    retryAfter: TimeInterval? = nil, showPassword: Bool = true
  ) async throws -> Response {
    let token = SecretTokens.random()
    let sso = try await services.singleSignOn.activeSettings()
    let passwordForm = sso == nil || sso?.passwordSignIn == true || showPassword
    let target = LocalRedirect.target(next)
    let model = Model(
      csrf: token, next: target, email: email, error: error, sso: sso?.name, passwordForm: passwordForm,
      breakGlassLink: !passwordForm,
      nextQuery: target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    var response = renderer.page("login", model, status: status)
      .with(cookies: [AppCookie.make(Self.loginCSRFCookie, token, maxAge: 3_600, secure: secure)])
    if let retryAfter { response.headers[.retryAfter] = String(Int(retryAfter.rounded(.up))) }
    return response
  }

  func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let secure = secure(request, context)
    let expired = "The sign-in form expired. Please try again."
    // The double-submit cookie first: a post without it is refused before its body is read.
    guard let cookieToken = request.cookies[Self.loginCSRFCookie]?.value, !cookieToken.isEmpty else {
      return try await form(next: nil, email: "", error: expired, status: .forbidden, secure: secure)
    }
    let buffer: ByteBuffer
    do { buffer = try await request.body.collect(upTo: 64 * 1024) } catch {
      throw APIError(.contentTooLarge, "The form is too large.")
    }
    let values: [String: String]
    do throws(URLEncodedForm.TooManyFields) {
      values = try JSONBody.formStrings(buffer.readableBytesView)
    } catch {
      return try await form(
        next: nil, email: "", error: "The sign-in form has too many fields.", status: .contentTooLarge, secure: secure)
    }
    func value(_ key: String) -> String { values[key]?.trimmingCharacters(in: .whitespaces) ?? "" }
    let email = String(value("email").unicodeScalars.prefix(254))
    let next = value("next")
    guard cookieToken == value("_csrf") else {
      return try await form(next: next, email: email, error: expired, status: .forbidden, secure: secure)
    }
    let address = services.trustedProxies.origin(of: request, context: context).address
    // Who is asking decides which limits apply (issue 16): the global budget holds back only
    // guesses at emails that are not an active agent, and a browser that signed in as this agent
    // before counts only its own failures.
    let found = try await services.store.agentCredentials(email: email)
    let agentID = found.flatMap { $0.agent.isActive ? $0.agent.id : nil }
    let device = agentID.flatMap {
      services.deviceCookies.device(
        request.cookies[DeviceCookie.name]?.value, agentID: $0, email: email, now: services.now())
    }
    let reservation: LoginThrottle.Reservation
    switch services.loginThrottle.reserve(
      .init(email: email, address: address, device: device, knownAgent: agentID != nil))
    {
    case .wait(let seconds):
      return try await form(
        next: next, email: email,
        error: "Too many failed attempts. Try again in \(Int(seconds.rounded(.up))) seconds.",
        status: .tooManyRequests, secure: secure, retryAfter: seconds)
    case .proceed(let granted):
      reservation = granted
    }
    let password = values["password"] ?? ""
    let matches: Bool
    do {
      matches = try await services.passwordWork.verify(
        password, hash: found?.passwordHash, lane: device != nil ? .reserved : .signIn)
    } catch is PasswordWork.Busy {
      services.loginThrottle.finish(reservation, succeeded: false, counted: false)
      return try await form(
        next: next, email: email, error: "Many people are signing in right now. Try again in a few seconds.",
        status: .serviceUnavailable, secure: secure, retryAfter: TimeInterval(PasswordWork.Busy.retryAfter))
    } catch {
      services.loginThrottle.finish(reservation, succeeded: false, counted: false)
      throw error
    }
    guard let found, matches else {
      services.loginThrottle.finish(reservation, succeeded: false)
      return try await form(
        next: next, email: email, error: "Email or password is incorrect.", status: .unauthorized, secure: secure)
    }
    guard found.agent.isActive else {
      // Only someone who knows the password learns that the account is disabled.
      services.loginThrottle.finish(reservation, succeeded: false)
      return try await form(
        next: next, email: email, error: "This account is disabled. Ask an admin to enable it.",
        status: .forbidden, secure: secure)
    }
    // With single sign-on, a right password signs in only where passwords are still allowed
    // (asked only now, so only someone who knows the password learns it).
    let rule = try await services.singleSignOn.passwordSignInAllowed(for: found.agent)
    guard rule.allowed else {
      services.loginThrottle.finish(reservation, succeeded: false, counted: false)
      return try await form(
        next: next, email: email, error: SignInProblem.passwordSignInOff(provider: rule.provider).description,
        status: .forbidden, secure: secure)
    }
    services.loginThrottle.finish(reservation, succeeded: true)
    return try await startSession(for: found.agent, email: email, next: next, secure: secure, idToken: nil)
  }

  /// Signs `agent` in on this browser (password or single sign-on): the session cookie, the
  /// device cookie renewed, the sign-in form's cookie cleared.
  func startSession(for agent: Agent, email: String, next: String, secure: Bool, idToken: String?) async throws
    -> Response
  {
    let (token, session) = try await services.sessions.start(agent: agent)
    if let idToken { try await services.store.setSessionIDToken(tokenHash: session.tokenHash, idToken: idToken) }
    let maxAge = Int(min(services.sessions.lifetime, session.endsAt.timeIntervalSince(services.now())))
    return .seeOther(
      LocalRedirect.target(next),
      cookies: [
        AppCookie.make(SessionManager.cookieName, token, maxAge: maxAge, secure: secure),
        AppCookie.clear(Self.loginCSRFCookie, secure: secure),
        // Renewed on every sign-in: this browser is known for `DeviceCookie.lifetime` more.
        AppCookie.make(
          DeviceCookie.name, services.deviceCookies.issue(agentID: agent.id, email: email, at: services.now()),
          maxAge: Int(DeviceCookie.lifetime), secure: secure),
      ])
  }
}

/// The page shown after signing out of a session that began at the provider: it moves on to the
/// provider's sign-out by itself.
struct SignedOutModel {
  var providerURL: String
}
