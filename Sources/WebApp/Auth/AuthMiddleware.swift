import AssetStore
import Foundation
import HTTPTypes
import Hummingbird

/// Authenticates API requests: HTTP Basic with an API key as user and its auth code as password
/// (HappyFox's scheme), or a signed-in browser session (cookie) for the web UI's own scripts.
/// Unauthenticated requests end here with 401.
struct AuthMiddleware: RouterMiddleware {
  typealias Context = AppRequestContext
  let store: any AssetStore
  let sessions: SessionManager

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var context = context
    if let header = request.headers[.authorization], header.lowercased().hasPrefix("basic ") {
      guard let (key, code) = Self.basicCredentials(header), let found = try await store.apiKey(key),
        SecretTokens.matches(code, hash: found.authCodeHash)
      else { throw APIError.unauthorized }
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
      throw APIError.unauthorized
    }
    return try await next(request, context)
  }

  static func basicCredentials(_ header: String) -> (String, String)? {
    let encoded = header.dropFirst("basic ".count).trimmingCharacters(in: .whitespaces)
    guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8),
      let colon = text.firstIndex(of: ":")
    else { return nil }
    return (String(text[..<colon]), String(text[text.index(after: colon)...]))
  }
}
