/// A permission of a Kandji API token that AssetSync needs (Settings › Access › token ›
/// Configure permissions › Device Information).
public enum KandjiPermission: String, Sendable, Hashable, Codable, CaseIterable {
  case deviceList = "Device list"
  case deviceDetails = "Device details"
}

/// The outcome of `authorize()` (R3): whether the credentials work, and if not, precisely what
/// the admin has to fix.
public enum AuthorizationDiagnosis: Sendable, Hashable {
  case authorized
  /// DNS failure, connection refused or timeout; `detail` is one of `TransportFailure`'s fixed
  /// phrases or "no answer within 10 seconds", never library text.
  case unreachableHost(detail: String)
  /// The host answered, but TLS did not come up (not TLS at all, or a certificate that does not
  /// match the host).
  case tlsFailure
  /// Something answered, but not Kandji's API (a web page, a 404 for `/api/v1/devices`).
  case notKandjiAPI(detail: String)
  /// The token is wrong, revoked or expired (or has no device permission at all).
  case invalidToken(hint: String?)
  /// The token works but lacks these permissions.
  case missingPermissions([KandjiPermission])
  /// Kandji is failing or rate limiting right now; the credentials could not be judged.
  case kandjiUnavailable(detail: String)

  public var isAuthorized: Bool { self == .authorized }

  /// A stable machine-readable code for API clients and tests.
  public var code: String {
    switch self {
    case .authorized: "authorized"
    case .unreachableHost: "unreachable_host"
    case .tlsFailure: "tls_failure"
    case .notKandjiAPI: "not_kandji_api"
    case .invalidToken: "invalid_token"
    case .missingPermissions: "missing_permission"
    case .kandjiUnavailable: "kandji_unavailable"
    }
  }

  /// One sentence naming what went wrong (or that it worked), before `message` on a page: a
  /// mistyped URL is not blamed on the credentials.
  public var headline: String {
    switch self {
    case .authorized: "Connected to Kandji."
    case .unreachableHost: "Could not reach the Kandji API URL."
    case .tlsFailure: "The secure connection to the Kandji API URL failed."
    case .notKandjiAPI: "That URL is not the Kandji API."
    case .invalidToken, .missingPermissions: "Kandji did not accept these credentials."
    case .kandjiUnavailable: "Kandji could not check the credentials right now."
    }
  }

  /// What to tell the admin, in plain words, including what to do about it.
  public var message: String {
    switch self {
    case .authorized:
      return "Connected. The token can list devices and read device details."
    case .unreachableHost(let detail):
      return
        "Could not reach the Kandji API URL (\(detail)). Check the URL in Kandji › Settings › Access, and that this server can reach it."
    case .tlsFailure:
      return
        "The Kandji API URL was reached, but the secure connection (TLS) failed: the server does not speak HTTPS there, or its certificate is not valid for this host. Check the URL in Kandji › Settings › Access; Kandji's API is always https:// on the default port."
    case .notKandjiAPI(let detail):
      return
        "The URL answered, but not as the Kandji API (\(detail)). Copy the API URL from Kandji › Settings › Access, e.g. yourcompany.api.kandji.io."
    case .invalidToken(let hint):
      return "Kandji rejected the API token: it is wrong, revoked or expired, or has no device permissions at all."
        + (hint.map { " \($0)" } ?? "")
        + " Create a token in Kandji › Settings › Access › Add Token and copy it when it is shown."
    case .missingPermissions(let permissions):
      let names = permissions.map { "\"\($0.rawValue)\"" }.joined(separator: " and ")
      return
        "The API token is valid but lacks the \(names) permission\(permissions.count > 1 ? "s" : ""). In Kandji › Settings › Access, open the token, Configure permissions › Device Information, tick \(names), and Save."
    case .kandjiUnavailable(let detail):
      return "Kandji could not check the token right now (\(detail)). Try again in a few minutes."
    }
  }
}
