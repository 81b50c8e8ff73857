import Foundation
import JWTKit

/// Who the provider says signed in, after every check of the ID token passed.
public struct VerifiedIdentity: Sendable, Hashable {
  public var subject: String
  /// The email from the configured claim, trimmed; nil when absent.
  public var email: String?
  /// `email_verified` is true (or the configured claim is not `email`, which the admin vouches for).
  public var emailVerified: Bool
  public var name: String?
  /// The raw ID token, kept with the session for the provider's sign-out (`id_token_hint`).
  public var idToken: String
}

/// Checks an ID token (OpenID Connect Core §3.1.3.7): the signature against the provider's keys
/// with jwt-kit (RS*/PS*/ES256/ES384 only; never `none` or a shared-secret algorithm), then
/// `iss`, `aud`, `azp`, `exp`/`iat`/`nbf` with 60 seconds of skew by the injected clock, and
/// `nonce`.
public struct IDTokenVerifier: Sendable {
  public static let skew: TimeInterval = 60
  static let rsaAlgorithms: Set = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"]
  static let ecAlgorithms: Set = ["ES256", "ES384"]

  let directory: ProviderDirectory

  public init(directory: ProviderDirectory) { self.directory = directory }

  public func verify(
    _ token: String, metadata: ProviderMetadata, clientID: String, nonce: String, emailClaim: String, now: Date
  ) async throws(SignInProblem) -> VerifiedIdentity {
    let header = try Self.header(of: token)
    guard Self.rsaAlgorithms.contains(header.alg) || Self.ecAlgorithms.contains(header.alg) else {
      throw .untrustedToken(reason: "signature algorithm \(header.alg) is not accepted")
    }
    var jwk = try await directory.key(kid: header.kid, jwksURI: metadata.jwksURI)
    let family = Self.rsaAlgorithms.contains(header.alg) ? "RSA" : "EC"
    guard jwk.keyType.rawValue == family, jwk.algorithm.map({ $0.rawValue == header.alg }) ?? true else {
      throw .untrustedToken(reason: "the key \(header.kid ?? "(none)") is not a \(header.alg) key")
    }
    if jwk.keyIdentifier == nil { jwk.keyIdentifier = JWKIdentifier(string: "only") }
    let claims: [String: ClaimValue]
    do {
      // A collection holding only this key: jwt-kit falls back to its default key for an unknown
      // `kid`, which must never be some other key.
      let keys = JWTKeyCollection()
      try await keys.add(jwk: jwk, isDefault: true)
      claims = try await keys.verify(token, as: RawClaims.self).values
    } catch {
      throw .untrustedToken(reason: "the signature does not verify with key \(header.kid ?? "(none)")")
    }
    try Self.check(claims, issuer: metadata.issuer, clientID: clientID, nonce: nonce, now: now)
    let email = claims[emailClaim]?.string?.trimmingCharacters(in: .whitespacesAndNewlines)
    // With the standard claim the provider must vouch for the address; another claim (Entra's
    // `preferred_username`, say) is the admin's choice and carries no such flag.
    let verified = emailClaim == "email" ? claims["email_verified"]?.isTrue == true : true
    return VerifiedIdentity(
      subject: claims["sub"]?.string ?? "", email: (email?.isEmpty ?? true) ? nil : email, emailVerified: verified,
      name: claims["name"]?.string, idToken: token)
  }

  /// The claims checks, apart from the signature.
  static func check(_ claims: [String: ClaimValue], issuer: String, clientID: String, nonce: String, now: Date)
    throws(SignInProblem)
  {
    guard claims["iss"]?.string == issuer else {
      throw .untrustedToken(reason: "iss is \(claims["iss"]?.string ?? "missing"), not \(issuer)")
    }
    guard let subject = claims["sub"]?.string, !subject.isEmpty else { throw .untrustedToken(reason: "no sub") }
    let audiences: [String] =
      switch claims["aud"] {
      case .string(let one)?: [one]
      case .array(let many)?: many.compactMap(\.string)
      default: []
      }
    guard audiences.contains(clientID) else {
      throw .untrustedToken(reason: "aud \(audiences) does not contain this client")
    }
    if let azp = claims["azp"], azp.string != clientID {
      throw .untrustedToken(reason: "azp is not this client")
    }
    let time = now.timeIntervalSince1970
    guard let exp = claims["exp"]?.number, time < exp + skew else {
      throw .untrustedToken(
        reason: "the token expired (exp \(claims["exp"]?.number.map { "\(Int64($0))" } ?? "missing"))")
    }
    guard let iat = claims["iat"]?.number, iat <= time + skew else {
      throw .untrustedToken(reason: "iat is missing or in the future")
    }
    if let nbf = claims["nbf"] {
      guard let value = nbf.number, value <= time + skew else { throw .untrustedToken(reason: "nbf is in the future") }
    }
    guard let sent = claims["nonce"]?.string, Self.constantTimeEqual(sent, nonce) else {
      throw .untrustedToken(reason: "nonce does not match this sign-in")
    }
  }

  struct Header: Decodable {
    var alg: String
    var kid: String?
  }

  static func header(of token: String) throws(SignInProblem) -> Header {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, token.utf8.count < 64 * 1024, let data = PKCE.decodeBase64URL(parts[0]),
      let header = try? JSONDecoder().decode(Header.self, from: data)
    else { throw .untrustedToken(reason: "not a signed JWT") }
    return header
  }

  static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let left = Array(a.utf8)
    let right = Array(b.utf8)
    guard left.count == right.count else { return false }
    return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
  }
}

/// Claims as a dictionary; jwt-kit checks the signature, `IDTokenVerifier.check` the claims.
struct RawClaims: JWTPayload {
  var values: [String: ClaimValue]

  init(from decoder: any Decoder) throws { values = try [String: ClaimValue](from: decoder) }
  func encode(to encoder: any Encoder) throws { try values.encode(to: encoder) }
  func verify(using algorithm: some JWTAlgorithm) async throws {}
}
