import AssetCore
import AssetSyncApplication
import Foundation
import HTTPTypes
import Hummingbird

/// The signed-in agent of a page request, or a redirect to the sign-in page.
struct WebSessionMiddleware: RouterMiddleware {
  typealias Context = AppRequestContext
  let sessions: SessionManager

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    guard let (agent, session) = try await sessions.current(request) else {
      let target = request.method == .get ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "") : "/assets"
      return .seeOther("/login?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }
    var context = context
    context.agent = agent
    context.session = session
    return try await next(request, context)
  }
}

/// Page errors as pages (not JSON): 403 for roles and read-only writes, 404 for unknown ids, a
/// CSRF failure explained, anything else a 500 page whose details stay in the log.
struct WebErrorMiddleware: RouterMiddleware {
  typealias Context = AppRequestContext
  let renderer: PageRenderer

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    do {
      return try await next(request, context)
    } catch {
      guard let agent = context.agent, let session = context.session else { throw error }
      let known = APIError.from(error)
      let status = known?.status ?? (error as? HTTPError)?.status ?? .internalServerError
      if status == .internalServerError { context.logger.error("page failed", metadata: ["error": "\(error)"]) }
      let message: String
      if let known {
        // Field errors: say what is wrong, not just that something is.
        let texts = known.fieldMessages.flatMap(\.messages)
        message = known.message ?? (texts.isEmpty ? "The form has errors." : texts.joined(separator: " "))
      } else {
        message =
          status == .notFound ? "That page does not exist." : "Something went wrong; the details are in the server log."
      }
      // A refused form never leads to a page without the form: back to the page it was sent
      // from (a path on this site, from `Referer`), the reason in an error notice there.
      if request.method == .post, [.badRequest, .conflict, .contentTooLarge].contains(status),
        let back = Self.localReferer(request)
      {
        return .seeOther(back, cookies: [Flash.error(message)])
      }
      let heading =
        switch status {
        case .forbidden: "Not allowed"
        case .notFound: "Not found"
        case .badRequest, .contentTooLarge: "Check the form"
        case .serviceUnavailable, .tooManyRequests: "Try again shortly"
        default: "Something went wrong"
        }
      var response = renderer.page(
        "error",
        ErrorPageModel(
          chrome: PageChrome(title: heading, agent: agent, csrf: session.csrfToken, section: ""), heading: heading,
          message: message), status: status)
      // `Retry-After` and the like travel with the page as with the API's answer.
      for (name, value) in known?.headers ?? [] { if let key = HTTPField.Name(name) { response.headers[key] = value } }
      return response
    }
  }
}

extension WebErrorMiddleware {
  /// The path (and query) of the page a form was sent from, when it is a page on this site.
  static func localReferer(_ request: Request) -> String? {
    guard let referer = request.headers[.referer], let url = URLComponents(string: referer) else { return nil }
    let path = url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
    guard !path.isEmpty, LocalRedirect.isLocalPath(path) else { return nil }
    return path
  }
}

struct ErrorPageModel {
  var chrome: PageChrome
  var heading: String
  var message: String
}

/// A submitted form, with its CSRF token checked against the session's.
struct WebForm {
  let values: [String: String]

  static func read(_ request: Request, _ context: some SessionContext) async throws -> WebForm {
    let buffer: ByteBuffer
    do { buffer = try await request.body.collect(upTo: 256 * 1024) } catch {
      throw APIError(.contentTooLarge, "The form is too large.")
    }
    let values: [String: String]
    do throws(URLEncodedForm.TooManyFields) {
      values = try JSONBody.formStrings(buffer.readableBytesView)
    } catch { throw error.apiError }
    guard let session = context.session, let token = values["_csrf"],
      SecretTokens.matches(token, hash: SecretTokens.hash(session.csrfToken))
    else {
      throw APIError.forbidden("The form expired or did not come from this site. Reload the page and try again.")
    }
    return WebForm(values: values)
  }

  subscript(key: String) -> String? {
    guard let value = values[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
    return value
  }
}

extension Response {
  /// 303 See Other: after a form, the browser loads the page with GET.
  static func seeOther(_ location: String, cookies: [Cookie] = []) -> Response {
    var headers = HTTPFields()
    headers[.location] = location
    var response = Response(status: .seeOther, headers: headers)
    for cookie in cookies { response.setCookie(cookie) }
    return response
  }
}

/// The cookies AssetSync sets: host-only, `Path=/`, `HttpOnly`, `SameSite=Lax`, and `Secure`
/// when asked (always, unless the server serves plain HTTP on loopback: `--plain-http`, the demo).
enum AppCookie {
  static func make(_ name: String, _ value: String, maxAge: Int, secure: Bool = false) -> Cookie {
    Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
  }

  static func clear(_ name: String, secure: Bool = false) -> Cookie { make(name, "", maxAge: 0, secure: secure) }
}

/// One-shot messages shown on the next page (set on a redirect, cleared when shown): a notice
/// (green, `role="status"`) or an error (red, `role="alert"`), so a refusal never reads as a
/// success. An error's cookie value starts with a bare `!`, which a percent-encoded message never
/// does (`!` is encoded).
enum Flash {
  static let cookie = "assetsync_flash"

  static func set(_ message: String) -> Cookie {
    AppCookie.make(cookie, encoded(message), maxAge: 60)
  }

  /// A refusal or failure, shown in the error style on the next page.
  static func error(_ message: String) -> Cookie {
    AppCookie.make(cookie, "!" + encoded(message), maxAge: 60)
  }

  static func take(_ request: Request) -> (message: String?, isError: Bool, clear: Cookie?) {
    guard let raw = request.cookies[cookie]?.value, !raw.isEmpty else { return (nil, false, nil) }
    let isError = raw.hasPrefix("!")
    return (String(raw.dropFirst(isError ? 1 : 0)).removingPercentEncoding, isError, AppCookie.clear(cookie))
  }

  private static func encoded(_ message: String) -> String {
    message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
  }
}

/// Dates as agents read them: `2026-11-29 08:15 UTC`.
enum DisplayDate {
  static func text(_ date: Date?) -> String {
    guard let date else { return "—" }
    return date.formatted(
      Date.VerbatimFormatStyle(
        format:
          "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits) UTC",
        timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
  }

  /// `YYYY-MM-DD` in UTC, which also sorts chronologically as text.
  static func day(_ date: Date) -> String {
    date.formatted(
      Date.VerbatimFormatStyle(
        format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits)", timeZone: .gmt,
        calendar: Calendar(identifier: .gregorian)))
  }
}

extension Response {
  /// Adds `Set-Cookie` headers (e.g. clearing a flash once shown).
  func with(cookies: [Cookie?]) -> Response {
    var response = self
    for cookie in cookies.compactMap({ $0 }) { response.setCookie(cookie) }
    return response
  }
}

extension Optional {
  /// `map` with an async transform.
  func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
    guard let value = self else { return nil }
    return try await transform(value)
  }
}
