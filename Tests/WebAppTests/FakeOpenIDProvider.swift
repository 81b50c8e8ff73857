import AssetCore
import CryptoExtras
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import SingleSignOn
import Synchronization

/// An OpenID provider on loopback for the single sign-on tests: discovery, JWKS and a token
/// endpoint (client_secret_basic, PKCE S256, single-use codes) that signs ID tokens with keys the
/// test controls. The test plays the browser: it "authorizes" by asking for a code directly.
final class FakeOpenIDProvider: Sendable {
  static let clientID = "assetsync-test"
  static let clientSecret = "s3cret-Client-Value-7f1e"

  /// What the next ID token says; tests change it to break one check at a time.
  struct Grant: Sendable {
    var email: String
    var emailVerified = true
    var audience: String = FakeOpenIDProvider.clientID
    var expiresIn: TimeInterval = 300
    var nonce: String?
    var kid = "k1"
    /// Sign with a key the JWKS does not hold under that kid (a forged signature).
    var forged = false
  }

  struct State {
    var issuer = ""
    var codes: [String: (grant: Grant, nonce: String, challenge: String, redirectURI: String)] = [:]
    var published: [JWK] = []
    var jwksFetches = 0
    var tokenRequests = 0
  }

  let state = Mutex(State())
  let signers = JWTKeyCollection()
  let forger = JWTKeyCollection()
  /// The test's clock: what the tokens' `iat` and `exp` count from.
  let clock: any WallClock

  init(clock: any WallClock) async throws {
    self.clock = clock
    let rsa = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
    await signers.add(rsa: rsa, digestAlgorithm: .sha256, kid: "k1")
    let primitives = try rsa.publicKey.getKeyPrimitives()
    let k1 = JWK.rsa(
      .rs256, identifier: "k1", modulus: PKCE.base64URL(primitives.modulus),
      exponent: PKCE.base64URL(primitives.publicExponent))
    state.withLock { $0.published = [k1] }
    let other = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
    await forger.add(rsa: other, digestAlgorithm: .sha256, kid: "k1")
    // The key the provider rotates to later (ES256), not published yet.
    await signers.add(ecdsa: rotated, kid: "k2")
  }

  let rotated = ES256PrivateKey()

  /// Publishes the rotated key (k2) beside k1.
  func rotate() {
    let parameters = rotated.publicKey.parameters!
    let k2 = JWK.ecdsa(.es256, identifier: "k2", x: parameters.x, y: parameters.y, curve: .p256)
    state.withLock { $0.published.append(k2) }
  }

  var issuer: String { state.withLock { $0.issuer } }
  var jwksFetches: Int { state.withLock { $0.jwksFetches } }

  /// A code for the sign-in whose authorization URL AssetSync sent the browser to.
  func authorize(_ authorizationURL: String, grant: Grant) throws -> (code: String, state: String) {
    let items = URLComponents(string: authorizationURL)?.queryItems ?? []
    func item(_ name: String) -> String { items.first { $0.name == name }?.value ?? "" }
    let code = PKCE.random()
    state.withLock {
      $0.codes[code] = (grant, item("nonce"), item("code_challenge"), item("redirect_uri"))
    }
    return (code, item("state"))
  }

  /// Runs the provider on a loopback port for `body`.
  func run<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
    let router = Router()
    let provider = self
    router.get(".well-known/openid-configuration") { _, _ -> Response in
      let issuer = provider.issuer
      return Self.json([
        "issuer": issuer, "authorization_endpoint": issuer + "/authorize", "token_endpoint": issuer + "/token",
        "jwks_uri": issuer + "/jwks", "end_session_endpoint": issuer + "/logout",
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
      ])
    }
    router.get("jwks") { _, _ -> Response in
      let keys = provider.state.withLock { state -> [JWK] in
        state.jwksFetches += 1
        return state.published
      }
      let data = try JSONEncoder().encode(JWKS(keys: keys))
      return Self.json(data)
    }
    router.post("token") { request, _ -> Response in
      try await provider.token(request)
    }
    let app = Application(router: router)
    return try await app.test(.live) { client in
      let url = "http://127.0.0.1:\(client.port!)"
      provider.state.withLock { $0.issuer = url }
      return try await body(url)
    }
  }

  private func token(_ request: Request) async throws -> Response {
    state.withLock { $0.tokenRequests += 1 }
    let body = try await request.body.collect(upTo: 64 * 1024)
    var fields: [String: String] = [:]
    for pair in String(buffer: body).split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1).map {
        String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
      }
      if parts.count == 2 { fields[parts[0]] = parts[1] }
    }
    let expected = "Basic " + Data("\(Self.clientID):\(Self.clientSecret)".utf8).base64EncodedString()
    guard request.headers[.authorization] == expected else {
      return Self.json(["error": "invalid_client"], status: .unauthorized)
    }
    let code = fields["code"] ?? ""
    guard let entry = state.withLock({ $0.codes.removeValue(forKey: code) }),
      PKCE.challenge(for: fields["code_verifier"] ?? "") == entry.challenge,
      fields["redirect_uri"] == entry.redirectURI
    else { return Self.json(["error": "invalid_grant"], status: .badRequest) }
    let now = clock.now().timeIntervalSince1970
    let grant = entry.grant
    let claims = TestClaims(
      iss: issuer, sub: "user-" + grant.email, aud: grant.audience, exp: now + grant.expiresIn, iat: now,
      nonce: grant.nonce ?? entry.nonce, email: grant.email, emailVerified: grant.emailVerified, name: "Test Person")
    let keys = grant.forged ? forger : signers
    let idToken = try await keys.sign(claims, kid: JWKIdentifier(string: grant.kid))
    return Self.json(["id_token": idToken, "access_token": "at", "token_type": "Bearer"])
  }

  static func json(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
    json((try? JSONSerialization.data(withJSONObject: object)) ?? Data(), status: status)
  }

  static func json(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }
}

struct TestClaims: JWTPayload {
  var iss: String
  var sub: String
  var aud: String
  var exp: Double
  var iat: Double
  var nonce: String
  var email: String
  var emailVerified: Bool
  var name: String

  enum CodingKeys: String, CodingKey {
    case iss, sub, aud, exp, iat, nonce, email, name
    case emailVerified = "email_verified"
  }

  func verify(using algorithm: some JWTAlgorithm) async throws {}
}
