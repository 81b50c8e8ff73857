import AssetCore
import Foundation
import HTTPTypes
import Hummingbird

/// Sign in and out. The sign-in form has no session yet, so it is protected by a double-submit
/// token (a cookie and a hidden field that must match); a wrong email and a wrong password get
/// the same message and take the same time; attempts are reserved with `LoginThrottle` before
/// any password is checked, and checked on `PasswordWork`'s own threads.
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
  }

  func register(_ router: Router<AppRequestContext>) {
    router.get("login") { request, context -> Response in
      if try await services.sessions.current(request) != nil {
        return .seeOther(LocalRedirect.target(request.uri.queryParameters["next"].map(String.init)))
      }
      return form(
        next: request.uri.queryParameters["next"].map(String.init), email: "", error: nil, status: .ok,
        secure: secure(request, context))
    }
    router.post("login") { request, context -> Response in try await signIn(request, context) }
    router.post("logout") { request, context -> Response in
      guard let (_, session) = try await services.sessions.current(request) else { return .seeOther("/login") }
      var context = context
      context.session = session
      _ = try await WebForm.read(request, context)
      try await services.sessions.end(session)
      return .seeOther(
        "/login", cookies: [AppCookie.clear(SessionManager.cookieName, secure: secure(request, context))])
    }
    router.get("") { _, _ -> Response in .seeOther("/assets") }
  }

  /// Cookies are `Secure` with `--secure-cookies`, or when a trusted proxy says the browser
  /// came over HTTPS.
  func secure(_ request: Request, _ context: AppRequestContext) -> Bool {
    secureCookies || services.trustedProxies.origin(of: request, context: context).isHTTPS
  }

  func form(
    next: String?, email: String, error: String?, status: HTTPResponse.Status, secure: Bool,
    retryAfter: TimeInterval? = nil
  ) -> Response {
    let token = SecretTokens.random()
    var response = renderer.page(
      "login", Model(csrf: token, next: LocalRedirect.target(next), email: email, error: error), status: status
    ).with(cookies: [AppCookie.make(Self.loginCSRFCookie, token, maxAge: 3_600, secure: secure)])
    if let retryAfter { response.headers[.retryAfter] = String(Int(retryAfter.rounded(.up))) }
    return response
  }

  func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let buffer: ByteBuffer
    do { buffer = try await request.body.collect(upTo: 64 * 1024) } catch {
      throw APIError(.contentTooLarge, "The form is too large.")
    }
    let values = JSONBody.formStrings(String(buffer: buffer))
    func value(_ key: String) -> String { values[key]?.trimmingCharacters(in: .whitespaces) ?? "" }
    let email = String(value("email").unicodeScalars.prefix(254))
    let next = value("next")
    let secure = secure(request, context)
    guard let cookieToken = request.cookies[Self.loginCSRFCookie]?.value, !cookieToken.isEmpty,
      cookieToken == value("_csrf")
    else {
      return form(
        next: next, email: email, error: "The sign-in form expired. Please try again.", status: .forbidden,
        secure: secure)
    }
    let address = services.trustedProxies.origin(of: request, context: context).address
    let reservation: LoginThrottle.Reservation
    switch services.loginThrottle.reserve(email: email, address: address) {
    case .wait(let seconds):
      return form(
        next: next, email: email,
        error: "Too many failed attempts. Try again in \(Int(seconds.rounded(.up))) seconds.",
        status: .tooManyRequests, secure: secure, retryAfter: seconds)
    case .proceed(let granted):
      reservation = granted
    }
    let password = values["password"] ?? ""
    let found: (agent: Agent, passwordHash: String)?
    let matches: Bool
    do {
      found = try await services.store.agentCredentials(email: email)
      matches = try await services.passwordWork.verify(password, hash: found?.passwordHash)
    } catch is PasswordWork.Busy {
      services.loginThrottle.finish(reservation, succeeded: false, counted: false)
      return form(
        next: next, email: email, error: "Many people are signing in right now. Try again in a few seconds.",
        status: .serviceUnavailable, secure: secure, retryAfter: 2)
    } catch {
      services.loginThrottle.finish(reservation, succeeded: false, counted: false)
      throw error
    }
    guard let found, matches else {
      services.loginThrottle.finish(reservation, succeeded: false)
      return form(
        next: next, email: email, error: "Email or password is incorrect.", status: .unauthorized, secure: secure)
    }
    guard found.agent.isActive else {
      // Only someone who knows the password learns that the account is disabled.
      services.loginThrottle.finish(reservation, succeeded: false)
      return form(
        next: next, email: email, error: "This account is disabled. Ask an admin to enable it.",
        status: .forbidden, secure: secure)
    }
    services.loginThrottle.finish(reservation, succeeded: true)
    let (token, session) = try await services.sessions.start(agent: found.agent)
    let maxAge = Int(min(services.sessions.lifetime, session.endsAt.timeIntervalSince(services.now())))
    return .seeOther(
      LocalRedirect.target(next),
      cookies: [
        AppCookie.make(SessionManager.cookieName, token, maxAge: maxAge, secure: secure),
        AppCookie.clear(Self.loginCSRFCookie, secure: secure),
      ])
  }
}
