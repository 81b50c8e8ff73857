import Foundation

/// The tenant's API base URL, normalised from what an admin pastes (R2).
///
/// Accepted: `SUBDOMAIN.api.kandji.io`, `SUBDOMAIN.api.eu.kandji.io`, `SUBDOMAIN.api.iru.com`
/// (and `SUBDOMAIN.api.eu.iru.com`, which some Iru material mentions), with or without
/// `https://`, with a trailing `/`, `/api` or `/api/v1`. Any other host is accepted only as a
/// full URL with a scheme (`http://127.0.0.1:8123`: the simulator, a proxy) and used as given.
public struct KandjiBaseURL: Sendable, Hashable, CustomStringConvertible {
  /// Scheme, host and port (and any path prefix of a custom endpoint), without a trailing `/`.
  public let origin: String
  /// Whether the host is one of Kandji's own API hosts.
  public let isKandjiHost: Bool
  /// The host name or address alone (lowercased, no brackets), for resolving it.
  public let host: String

  private static let kandjiSuffixes = [".api.kandji.io", ".api.eu.kandji.io", ".api.iru.com", ".api.eu.iru.com"]

  public init(_ text: String) throws(KandjiError) {
    var input = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !input.isEmpty else {
      throw .invalidBaseURL("Enter your Kandji API URL, e.g. yourcompany.api.kandji.io (Kandji: Settings › Access).")
    }
    let hadScheme = input.contains("://")
    if !hadScheme { input = "https://" + input }
    guard let components = URLComponents(string: input), let scheme = components.scheme?.lowercased(),
      scheme == "https" || scheme == "http", let rawHost = components.host, !rawHost.isEmpty,
      !rawHost.contains(" "), components.query == nil, components.fragment == nil, components.user == nil,
      components.password == nil
    else {
      throw .invalidBaseURL(
        "\"\(text)\" is not a URL. Enter your Kandji API URL, e.g. yourcompany.api.kandji.io (Kandji: Settings › Access)."
      )
    }
    let host = rawHost.lowercased()
    self.host = host
    // The path is used as a prefix of every request's path, so it may hold nothing that ends or
    // escapes a path (`?`, `#`, `%3F`, `..`): only plain segments.
    let rawPath = components.percentEncodedPath
    guard rawPath.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._~/".contains($0)) }),
      !rawPath.split(separator: "/").contains(where: { $0 == "." || $0 == ".." })
    else {
      throw .invalidBaseURL(
        "\"\(text)\" has characters in its path that an API base URL cannot have; enter only the host, e.g. yourcompany.api.kandji.io."
      )
    }
    let path = Self.trimmedPath(rawPath)
    if let suffix = Self.kandjiSuffixes.first(where: { host.hasSuffix($0) }) {
      let subdomain = host.dropLast(suffix.count)
      guard !subdomain.isEmpty, !subdomain.contains(".") else {
        throw .invalidBaseURL("\"\(text)\" is not a Kandji API URL: expected SUBDOMAIN\(suffix).")
      }
      guard path.isEmpty else {
        throw .invalidBaseURL("\"\(text)\" has an unexpected path; enter only the host, e.g. \(host).")
      }
      origin = "https://\(host)" + (components.port.map { ":\($0)" } ?? "")
      isKandjiHost = true
      return
    }
    if host.hasSuffix(".kandji.io") || host.hasSuffix(".iru.com") {
      throw .invalidBaseURL(
        "\"\(text)\" looks like the Kandji web console, not the API. Use the API URL from Kandji › Settings › Access, e.g. \(host.split(separator: ".").first ?? "yourcompany").api.kandji.io."
      )
    }
    guard hadScheme else {
      throw .invalidBaseURL(
        "\"\(text)\" is not a Kandji API host (SUBDOMAIN.api.kandji.io, SUBDOMAIN.api.eu.kandji.io or SUBDOMAIN.api.iru.com). A custom endpoint must start with http:// or https://."
      )
    }
    var origin = "\(scheme)://\(host.contains(":") ? "[\(host)]" : host)"
    if let port = components.port { origin += ":\(port)" }
    self.origin = origin + path
    isKandjiHost = false
  }

  /// The URL of an API path such as `/api/v1/devices`.
  public func url(path: String) -> String { origin + path }

  /// The device's page in the Kandji web console: the API host without `.api.` and
  /// `/devices/<id>` (`https://acme.kandji.io/devices/…`, `https://acme.eu.kandji.io/…`,
  /// `https://acme.iru.com/…`); for a custom endpoint, the base URL plus that path.
  public func consoleURL(deviceID: String) -> String {
    let encoded = deviceID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? deviceID
    guard isKandjiHost else { return "\(origin)/devices/\(encoded)" }
    return origin.replacingOccurrences(of: ".api.", with: ".") + "/devices/\(encoded)"
  }

  public var description: String { origin }

  /// Drops a trailing `/`, `/api`, `/api/v1` (admins paste any of them).
  private static func trimmedPath(_ path: String) -> String {
    var trimmed = path
    while trimmed.hasSuffix("/") { trimmed.removeLast() }
    for suffix in ["/api/v1", "/api"] where trimmed.lowercased().hasSuffix(suffix) {
      trimmed.removeLast(suffix.count)
      break
    }
    while trimmed.hasSuffix("/") { trimmed.removeLast() }
    return trimmed
  }
}
