import Foundation

/// The parts of a provider's discovery document (`/.well-known/openid-configuration`) that
/// AssetSync uses.
public struct ProviderMetadata: Sendable, Hashable, Decodable {
  public var issuer: String
  public var authorizationEndpoint: String
  public var tokenEndpoint: String
  public var jwksURI: String
  /// RP-initiated logout, when the provider offers it.
  public var endSessionEndpoint: String?
  public var tokenEndpointAuthMethodsSupported: [String]?
  public var codeChallengeMethodsSupported: [String]?

  enum CodingKeys: String, CodingKey {
    case issuer
    case authorizationEndpoint = "authorization_endpoint"
    case tokenEndpoint = "token_endpoint"
    case jwksURI = "jwks_uri"
    case endSessionEndpoint = "end_session_endpoint"
    case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
    case codeChallengeMethodsSupported = "code_challenge_methods_supported"
  }

  /// `client_secret_basic` unless the provider lists only `client_secret_post` (RFC 8414: no
  /// list means basic).
  public var usesPostAuthentication: Bool {
    guard let methods = tokenEndpointAuthMethodsSupported, !methods.isEmpty else { return false }
    return !methods.contains("client_secret_basic") && methods.contains("client_secret_post")
  }

  /// The discovery URL of an issuer.
  public static func discoveryURL(issuer: String) -> String {
    (issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer) + "/.well-known/openid-configuration"
  }

  /// Why this document cannot be used for `issuer`, or nil. The issuer must be the one asked for
  /// (OpenID Connect Discovery §4.3), every endpoint an absolute URL, HTTPS unless `allowInsecure`.
  public func problem(forIssuer issuer: String, allowInsecure: Bool) -> String? {
    func trimmed(_ text: String) -> String { text.hasSuffix("/") ? String(text.dropLast()) : text }
    guard trimmed(self.issuer) == trimmed(issuer) else {
      return "the discovery document names the issuer \(self.issuer), not \(issuer)"
    }
    for (name, value) in [
      ("authorization_endpoint", authorizationEndpoint), ("token_endpoint", tokenEndpoint), ("jwks_uri", jwksURI),
    ] + (endSessionEndpoint.map { [("end_session_endpoint", $0)] } ?? []) {
      if let problem = Self.urlProblem(value, allowInsecure: allowInsecure) { return "\(name): \(problem)" }
    }
    if let methods = codeChallengeMethodsSupported, !methods.isEmpty, !methods.contains("S256") {
      return "the provider does not support PKCE with S256"
    }
    return nil
  }

  /// Why `text` is not an acceptable provider URL, or nil.
  public static func urlProblem(_ text: String, allowInsecure: Bool) -> String? {
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
      url.user == nil, url.password == nil
    else { return "\(text) is not an absolute URL" }
    if scheme == "https" { return nil }
    if scheme == "http" && allowInsecure { return nil }
    return allowInsecure
      ? "\(text) must be http(s)" : "\(text) must use HTTPS (plain HTTP only with --allow-insecure-issuer, for tests)"
  }
}
