import AssetCore
import AssetSyncApplication
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
///
/// What one attempt costs the server (issue 16): a post without the double-submit cookie, or
/// whose field does not match it, or with too many fields, and every 429 and 503, is answered
/// without touching the database (the refusal's page is the password form without the provider's
/// button, rendered from memory). A post that passes the cookie check costs one indexed read of
/// the account by email, then either one bcrypt check on `PasswordWork`'s threads or, for an
/// unknown email over the global budget, a sleep of about one check's time (no CPU); a wrong
/// password then costs one more read (the single sign-on settings, for the page).
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

  func register(_ router: PageRoutes<AppRequestContext>) {
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
  func secure(_ request: Request, _ context: some SessionContext) -> Bool {
    secureCookies || services.trustedProxies.origin(of: request, context: context).isHTTPS
  }

  /// The sign-in page. `singleSignOn: false` renders it without reading the single sign-on
  /// settings (no provider button, the password form shown): refusals of `POST /login` that come
  /// before the password check, so a flood of them never reaches the database.
  func form(
    next: String?, email: String, error: String?, status: HTTPResponse.Status, secure: Bool,
    retryAfter: TimeInterval? = nil, showPassword: Bool = true, singleSignOn: Bool = true
  ) async throws -> Response {
    let token = SecretTokens.random()
    let sso = singleSignOn ? try await services.singleSignOn.activeSettings() : nil
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
      return try await form(
        next: nil, email: "", error: expired, status: .forbidden, secure: secure, singleSignOn: false)
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
        next: nil, email: "", error: "The sign-in form has too many fields.", status: .contentTooLarge, secure: secure,
        singleSignOn: false)
    }
    func value(_ key: String) -> String { values[key]?.trimmingCharacters(in: .whitespaces) ?? "" }
    let email = String(value("email").unicodeScalars.prefix(254))
    let next = value("next")
    guard cookieToken == value("_csrf") else {
      return try await form(
        next: next, email: email, error: expired, status: .forbidden, secure: secure, singleSignOn: false)
    }
    let address = services.trustedProxies.origin(of: request, context: context).address
    // Who is asking decides which limits apply (issue 16): the global budget holds back only
    // guesses at emails that are not an active agent, and a browser that signed in as this agent
    // (with the password it has now) before counts only its own failures. The one database read
    // an attempt costs before its check; every refusal before it and after it is rendered from
    // memory.
    let found = try await services.store.agentCredentials(email: email)
    let active = found.flatMap { $0.agent.isActive ? $0 : nil }
    let device = active.flatMap {
      services.deviceCookies.device(
        request.cookies[DeviceCookie.name]?.value, agentID: $0.agent.id, email: email, passwordHash: $0.passwordHash,
        now: services.now())
    }
    let busy = "Many people are signing in right now. Try again in a few seconds."
    let wrong = "Email or password is incorrect."
    let reservation: LoginThrottle.Reservation
    switch services.loginThrottle.reserve(
      .init(email: email, address: address, device: device, knownAgent: active != nil))
    {
    case .wait(let seconds):
      return try await form(
        next: next, email: email,
        error: "Too many failed attempts. Try again in \(Int(seconds.rounded(.up))) seconds.",
        status: .tooManyRequests, secure: secure, retryAfter: seconds, singleSignOn: false)
    case .decoy(let granted):
      // An unknown email over the global budget: answered as a wrong password, as late as a
      // check would answer and with a 503 exactly when a check would get one, but without one.
      guard services.passwordWork.hasRoom(.signIn) else {
        services.loginThrottle.finish(granted, succeeded: false, counted: false)
        return try await form(
          next: next, email: email, error: busy, status: .serviceUnavailable, secure: secure,
          retryAfter: TimeInterval(PasswordWork.Busy.retryAfter), singleSignOn: false)
      }
      do {
        let clock = services.clock
        try await clock.sleep(until: clock.now().addingTimeInterval(services.passwordWork.typicalCheck))
      } catch {
        services.loginThrottle.finish(granted, succeeded: false, counted: false)
        throw error
      }
      services.loginThrottle.finish(granted, succeeded: false)
      return try await form(next: next, email: email, error: wrong, status: .unauthorized, secure: secure)
    case .proceed(let granted):
      reservation = granted
    }
    let password = values["password"] ?? ""
    let matches: Bool
    do {
      matches = try await services.passwordWork.verify(
        password, hash: found?.passwordHash, lane: device != nil ? .knownBrowser : .signIn)
    } catch is PasswordWork.Busy {
      services.loginThrottle.finish(reservation, succeeded: false, counted: false)
      return try await form(
        next: next, email: email, error: busy, status: .serviceUnavailable, secure: secure,
        retryAfter: TimeInterval(PasswordWork.Busy.retryAfter), singleSignOn: false)
    } catch {
      services.loginThrottle.finish(reservation, succeeded: false, counted: false)
      throw error
    }
    guard let found, matches else {
      services.loginThrottle.finish(reservation, succeeded: false)
      return try await form(next: next, email: email, error: wrong, status: .unauthorized, secure: secure)
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
    return try await startSession(
      for: found.agent, email: email, next: next, secure: secure, idToken: nil, passwordHash: found.passwordHash)
  }

  /// Signs `agent` in on this browser (password or single sign-on): the session cookie, the
  /// device cookie renewed (bound to `passwordHash`, the agent's stored one, read here when nil),
  /// the sign-in form's cookie cleared.
  func startSession(
    for agent: Agent, email: String, next: String, secure: Bool, idToken: String?, passwordHash: String? = nil
  ) async throws -> Response {
    var passwordHash = passwordHash
    if passwordHash == nil {
      passwordHash = try await services.store.agentCredentials(email: agent.email)
        .flatMap { $0.agent.id == agent.id ? $0.passwordHash : nil }
    }
    let (token, session) = try await services.sessions.start(agent: agent)
    if let idToken { try await services.store.setSessionIDToken(tokenHash: session.tokenHash, idToken: idToken) }
    let maxAge = Int(min(services.sessions.lifetime, session.endsAt.timeIntervalSince(services.now())))
    var cookies = [
      AppCookie.make(SessionManager.cookieName, token, maxAge: maxAge, secure: secure),
      AppCookie.clear(Self.loginCSRFCookie, secure: secure),
    ]
    // Renewed on every sign-in: this browser is known for `DeviceCookie.lifetime` more, or
    // until the agent's password changes.
    if let passwordHash {
      cookies.append(
        AppCookie.make(
          DeviceCookie.name,
          services.deviceCookies.issue(agentID: agent.id, email: email, passwordHash: passwordHash, at: services.now()),
          maxAge: Int(DeviceCookie.lifetime), secure: secure))
    }
    return .seeOther(LocalRedirect.target(next), cookies: cookies)
  }
}

/// The page shown after signing out of a session that began at the provider: it moves on to the
/// provider's sign-out by itself.
struct SignedOutModel {
  var providerURL: String
}
