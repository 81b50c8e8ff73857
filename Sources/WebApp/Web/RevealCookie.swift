import AssetSyncApplication
import Crypto
import Foundation
import Hummingbird

/// A secret shown once after a redirect (POST → 303 → GET): a new API key's auth code or a new
/// agent's initial password. The secret is never stored: it travels to the next page in a cookie
/// sealed with AES-GCM under a key derived from the server's secret key (so any replica can open
/// it, nobody else can read or forge it), bound to the session that created it, valid for five
/// minutes, and cleared by the page that shows it; a page load that finds it spent (a reload, a
/// replayed copy on this server) shows nothing.
struct RevealCookie: Sendable {
  static let name = "assetsync_reveal"
  static let purpose = "assetsync reveal cookie v1"
  static let lifetime: TimeInterval = 300

  /// What is revealed.
  struct Secret: Codable, Equatable, Sendable {
    enum Kind: String, Codable, Sendable {
      case apiKey = "api_key"
      case password
    }
    var kind: Kind
    var agentEmail: String
    /// The API key (for `.apiKey`); not secret, shown beside the code.
    var key: String?
    var secret: String
  }

  private struct Sealed: Codable {
    var session: String
    var expires: Double
    var nonce: String
    var secret: Secret
  }

  private let key: SymmetricKey
  private let spent = SpentNonces()

  init(key: SymmetricKey) { self.key = key }

  /// The cookie carrying `secret` for the session whose CSRF token is `sessionToken`.
  func cookie(_ secret: Secret, sessionToken: String, now: Date, secure: Bool) throws -> Cookie {
    let sealed = Sealed(
      session: Self.binding(sessionToken), expires: now.timeIntervalSince1970 + Self.lifetime,
      nonce: SecretTokens.random(bytes: 12), secret: secret)
    let box = try AES.GCM.seal(try JSONEncoder().encode(sealed), using: key)
    guard let combined = box.combined else { throw APIError(.internalServerError, "Could not seal the secret.") }
    let value = combined.base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    return Cookie(
      name: Self.name, value: value, maxAge: Int(Self.lifetime), path: AgentsAdminPage.base, secure: secure,
      httpOnly: true, sameSite: .strict)
  }

  /// The secret in `request`'s cookie, once: only for the session that sealed it, before it
  /// expires, and not after this server showed it already.
  func take(_ request: Request, sessionToken: String, now: Date) async -> Secret? {
    guard let value = request.cookies[Self.name]?.value, !value.isEmpty, value.utf8.count < 4_096 else { return nil }
    var base64 = value.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
    guard let data = Data(base64Encoded: base64), let box = try? AES.GCM.SealedBox(combined: data),
      let plain = try? AES.GCM.open(box, using: key), let sealed = try? JSONDecoder().decode(Sealed.self, from: plain),
      sealed.session == Self.binding(sessionToken), sealed.expires > now.timeIntervalSince1970
    else { return nil }
    guard await spent.spend(sealed.nonce, until: sealed.expires, now: now.timeIntervalSince1970) else { return nil }
    return sealed.secret
  }

  /// Clears the cookie (the page that shows the secret sends it).
  func clear(secure: Bool) -> Cookie {
    Cookie(
      name: Self.name, value: "", maxAge: 0, path: AgentsAdminPage.base, secure: secure, httpOnly: true,
      sameSite: .strict)
  }

  /// The session's binding: a hash of its CSRF token (itself a per-session secret).
  private static func binding(_ token: String) -> String {
    SHA256.hash(data: Data(("reveal:" + token).utf8)).map { String(format: "%02x", $0) }.joined()
  }
}

/// Nonces of reveal cookies this server has shown, kept until they would have expired anyway.
private actor SpentNonces {
  private var spent: [String: Double] = [:]

  /// Whether `nonce` was fresh (and is now spent).
  func spend(_ nonce: String, until expires: Double, now: Double) -> Bool {
    spent = spent.filter { $0.value > now }
    guard spent[nonce] == nil else { return false }
    spent[nonce] = expires
    return true
  }
}
