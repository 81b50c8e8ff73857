import AssetCore
import Foundation
import JWTKit

/// Discovery documents and signing keys of providers, cached per replica (issue 22).
///
/// A discovery document is kept for an hour. A key set is kept until a token names a key id it
/// does not hold: then it is fetched again (the provider rotated its keys), but at most once a
/// minute per key set, so tokens with made-up key ids cannot make AssetSync hammer the provider.
/// Time comes from the injected clock.
public actor ProviderDirectory {
  struct Discovered {
    var metadata: ProviderMetadata
    var fetchedAt: Date
  }

  struct KeySet {
    var keys: [JWK]
    var fetchedAt: Date
  }

  static let discoveryLifetime: TimeInterval = 3_600
  static let keySetLifetime: TimeInterval = 24 * 3_600
  /// The least time between two fetches of one key set.
  static let refetchInterval: TimeInterval = 60

  let http: ProviderHTTP
  let clock: any WallClock
  private var discovered: [String: Discovered] = [:]
  private var keySets: [String: KeySet] = [:]
  /// Key set fetches so far (tests of the rate limit).
  public private(set) var keySetFetches = 0

  public init(http: ProviderHTTP = ProviderHTTP(), clock: any WallClock) {
    self.http = http
    self.clock = clock
  }

  func now() -> Date { clock.now() }

  /// The issuer's discovery document, checked (`ProviderMetadata.problem`); a document that fails
  /// the checks is `.notConfigured` with the reason, an unreachable one `.providerUnreachable`.
  public func metadata(issuer: String, allowInsecure: Bool) async throws(SignInProblem) -> ProviderMetadata {
    if let cached = discovered[issuer], now().timeIntervalSince(cached.fetchedAt) < Self.discoveryLifetime {
      return cached.metadata
    }
    let metadata = try await Self.discover(issuer: issuer, allowInsecure: allowInsecure, http: http)
    discovered[issuer] = Discovered(metadata: metadata, fetchedAt: now())
    return metadata
  }

  /// Fetches and checks a discovery document without caching it (`sso set` checks before saving).
  public static func discover(issuer: String, allowInsecure: Bool, http: ProviderHTTP = ProviderHTTP())
    async throws(SignInProblem) -> ProviderMetadata
  {
    if let problem = ProviderMetadata.urlProblem(issuer, allowInsecure: allowInsecure) {
      throw .notConfigured("The issuer \(problem).")
    }
    let metadata = try await http.getJSON(ProviderMetadata.discoveryURL(issuer: issuer), as: ProviderMetadata.self)
    if let problem = metadata.problem(forIssuer: issuer, allowInsecure: allowInsecure) {
      throw .notConfigured("The provider's discovery document cannot be used: \(problem).")
    }
    return metadata
  }

  /// Forgets an issuer's discovery document (the settings changed).
  public func forget(issuer: String) { discovered[issuer] = nil }

  /// The key a token names: by `kid`, or the only signing key when the token names none. An
  /// unknown `kid` fetches the key set again unless it was fetched within the last minute.
  func key(kid: String?, jwksURI: String) async throws(SignInProblem) -> JWK {
    let now = now()
    var set = keySets[jwksURI]
    if set == nil || now.timeIntervalSince(set!.fetchedAt) >= Self.keySetLifetime {
      set = try await fetch(jwksURI)
    }
    if let found = Self.find(kid, in: set!.keys) { return found }
    guard now.timeIntervalSince(set!.fetchedAt) >= Self.refetchInterval else {
      throw .untrustedToken(reason: "unknown key id \(kid ?? "(none)"); the key set was fetched less than a minute ago")
    }
    set = try await fetch(jwksURI)
    guard let found = Self.find(kid, in: set!.keys) else {
      throw .untrustedToken(reason: "unknown key id \(kid ?? "(none)") after fetching the key set again")
    }
    return found
  }

  private func fetch(_ jwksURI: String) async throws(SignInProblem) -> KeySet {
    keySetFetches += 1
    let document = try await http.getJSON(jwksURI, as: LenientKeySet.self)
    let set = KeySet(keys: document.keys.compactMap(\.key), fetchedAt: now())
    keySets[jwksURI] = set
    return set
  }

  static func find(_ kid: String?, in keys: [JWK]) -> JWK? {
    guard let kid else { return keys.count == 1 ? keys[0] : nil }
    return keys.first { $0.keyIdentifier?.string == kid }
  }
}

/// A JWKS whose keys AssetSync cannot use (another key type, a malformed entry) are skipped
/// rather than failing the whole set.
struct LenientKeySet: Decodable {
  struct Entry: Decodable {
    var key: JWK?
    init(from decoder: any Decoder) throws {
      key = try? JWK(from: decoder)
      // Encryption keys are not for checking signatures.
      if let use = try? decoder.container(keyedBy: UseKey.self).decodeIfPresent(String.self, forKey: .use),
        use != "sig"
      {
        key = nil
      }
    }
    enum UseKey: String, CodingKey { case use }
  }
  var keys: [Entry]
}
