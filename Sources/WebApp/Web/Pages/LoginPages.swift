import AssetCore
import Foundation
import HTTPTypes
import Hummingbird

/// Sign in and out. The sign-in form has no session yet, so it is protected by a double-submit
/// token (a cookie and a hidden field that must match); a wrong email and a wrong password get
/// the same message; repeated failures are slowed down (`LoginThrottle`).
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
    router.get("login") { request, _ -> Response in
      if try await services.sessions.current(request) != nil {
        return .seeOther(safeNext(request.uri.queryParameters["next"].map(String.init)))
      }
      return form(next: request.uri.queryParameters["next"].map(String.init), email: "", error: nil, status: .ok)
    }
    router.post("login") { request, _ -> Response in try await signIn(request) }
    router.post("logout") { request, context -> Response in
      guard let (_, session) = try await services.sessions.current(request) else { return .seeOther("/login") }
      var context = context
      context.session = session
      _ = try await WebForm.read(request, context)
      try await services.sessions.end(session)
      return .seeOther("/login", cookies: [cookie(SessionManager.cookieName, "", maxAge: 0)])
    }
    router.get("") { _, _ -> Response in .seeOther("/assets") }
  }

  func form(next: String?, email: String, error: String?, status: HTTPResponse.Status) -> Response {
    let token = SecretTokens.random()
    return renderer.page(
      "login", Model(csrf: token, next: safeNext(next), email: email, error: error), status: status
    ).with(cookies: [cookie(Self.loginCSRFCookie, token, maxAge: 3_600)])
  }

  func signIn(_ request: Request) async throws -> Response {
    let buffer = try await request.body.collect(upTo: 64 * 1024)
    let values = RequestInput.formValues(String(buffer: buffer))
    func value(_ key: String) -> String { (values[key] as? String)?.trimmingCharacters(in: .whitespaces) ?? "" }
    let email = value("email")
    let next = value("next")
    guard let cookieToken = request.cookies[Self.loginCSRFCookie]?.value, !cookieToken.isEmpty,
      cookieToken == value("_csrf")
    else {
      return form(next: next, email: email, error: "The sign-in form expired. Please try again.", status: .forbidden)
    }
    let wait = services.loginThrottle.delay(for: email)
    if wait > 0 {
      return form(
        next: next, email: email,
        error: "Too many failed attempts. Try again in \(Int(wait.rounded(.up))) seconds.", status: .tooManyRequests)
    }
    let password = (values["password"] as? String) ?? ""
    guard let found = try await services.store.agentCredentials(email: email),
      services.passwords.verify(password, hash: found.passwordHash)
    else {
      services.loginThrottle.recordFailure(email)
      return form(next: next, email: email, error: "Email or password is incorrect.", status: .unauthorized)
    }
    services.loginThrottle.recordSuccess(email)
    let (token, _) = try await services.sessions.start(agent: found.agent)
    return .seeOther(
      safeNext(next),
      cookies: [
        cookie(SessionManager.cookieName, token, maxAge: Int(services.sessions.lifetime)),
        cookie(Self.loginCSRFCookie, "", maxAge: 0),
      ])
  }

  /// Only local paths: `next` must not send the agent to another site after signing in.
  func safeNext(_ next: String?) -> String {
    guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.hasPrefix("/login") else {
      return "/assets"
    }
    return next
  }

  func cookie(_ name: String, _ value: String, maxAge: Int) -> String {
    "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax; Max-Age=\(maxAge)" + (secureCookies ? "; Secure" : "")
  }
}
