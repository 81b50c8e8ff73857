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
  /// DNS failure, connection refused, TLS failure or timeout.
  case unreachableHost(detail: String)
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
    case .notKandjiAPI: "not_kandji_api"
    case .invalidToken: "invalid_token"
    case .missingPermissions: "missing_permission"
    case .kandjiUnavailable: "kandji_unavailable"
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
