import AssetStore
import AssetSyncApplication
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// Authenticates API requests: HTTP Basic with an API key as user and its auth code as password
/// (HappyFox's scheme), or a signed-in browser session (cookie) for the web UI's own scripts.
/// Unauthenticated requests end here with 401. Every request looks its key or session up in the
/// database, so a revoked key or a disabled agent is refused from the next request on, on every
/// replica.
struct AuthMiddleware: RouterMiddleware {
  typealias Context = AppRequestContext
  let store: any APIKeyStore
  let sessions: SessionManager

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var context = context
    if let header = request.headers[.authorization], header.lowercased().hasPrefix("basic ") {
      try Self.refuseCrossSite(request)
      guard let (key, code) = Self.basicCredentials(header), let found = try await store.apiKey(key),
        SecretTokens.matches(code, hash: found.authCodeHash)
      else { throw Self.unauthorized(request) }
      context.agent = found.agent
    } else if let (agent, session) = try await sessions.current(request) {
      // Scripts of the web UI change things too: they must send the session's CSRF token.
      if request.method != .get && request.method != .head {
        guard request.headers[HTTPField.Name("X-CSRF-Token")!] == session.csrfToken else {
          throw APIError.forbidden("Missing or wrong CSRF token.")
        }
      }
      context.agent = agent
      context.session = session
    } else {
      throw Self.unauthorized(request)
    }
    return try await next(request, context)
  }

  /// The key and auth code of a Basic header, read by hummingbird-auth (`HTTPFields.basic`). The
  /// scheme is case-insensitive (RFC 7617), so it is written as hummingbird-auth expects; a
  /// header over 1 KB is refused unread.
  static func basicCredentials(_ header: String) -> (String, String)? {
    let encoded = header.dropFirst("basic ".count).trimmingCharacters(in: .whitespaces)
    guard encoded.utf8.count <= 1_024 else { return nil }
    var fields = HTTPFields()
    fields[.authorization] = "Basic " + encoded
    guard let basic = fields.basic else { return nil }
    return (basic.username, basic.password)
  }

  /// 401 with a Basic challenge for scripts, without one for browsers: a challenge makes a
  /// browser ask for and then remember credentials, which it would send with any later request
  /// to this site, forged cross-site forms included.
  static func unauthorized(_ request: Request) -> APIError {
    isBrowser(request) ? APIError.unauthorizedWithoutChallenge : APIError.unauthorized
  }

  static func isBrowser(_ request: Request) -> Bool {
    request.headers[HTTPField.Name("Sec-Fetch-Mode")!] != nil
      || request.headers[.accept]?.lowercased().contains("text/html") == true
  }

  /// Basic credentials on a request another site made a browser send (a form posted to the API,
  /// a cross-origin fetch) are refused: scripts and HappyFox clients send neither `Origin` nor
  /// `Sec-Fetch-Site: cross-site`.
  static func refuseCrossSite(_ request: Request) throws {
    let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!]?.lowercased()
    if site == "cross-site" || site == "same-site" {
      throw APIError.forbidden("API credentials are not accepted on requests made by another site.")
    }
    if let origin = request.headers[.origin], origin != "null" {
      let originHost = URL(string: origin)?.host?.lowercased()
      let authority = request.head.authority ?? request.headers[HTTPField.Name("Host")!]
      let host = authority.flatMap { URL(string: "http://" + $0)?.host?.lowercased() }
      guard originHost != nil, originHost == host else {
        throw APIError.forbidden("API credentials are not accepted on requests made by another site.")
      }
    }
  }
}
