import Foundation

/// The tenant's API base URL, normalised from what an admin pastes (R2).
///
/// Accepted: `SUBDOMAIN.api.kandji.io`, `SUBDOMAIN.api.eu.kandji.io`, `SUBDOMAIN.api.iru.com`
/// (and `SUBDOMAIN.api.eu.iru.com`, which some Iru material mentions), with or without
/// `https://`, with a trailing `/`, `/api` or `/api/v1`. Any other host is accepted only as a
/// full URL with a scheme (`http://127.0.0.1:8123`: the simulator, a proxy) and used as given.
///
/// The text is checked as typed, never after percent-decoding: a host holds only letters,
/// digits, `-`, `_` and `.` (or is a dotted-quad IPv4 or a bracketed IPv6 address), with no
/// user info and no `%` anywhere in it, so `localhost%3A18092%23.api.kandji.io` or
/// `2130706433` cannot pass for something else. Request URLs are built from the checked parts
/// (`url(path:query:)`), never by pasting text together.
public struct KandjiBaseURL: Sendable, Hashable, CustomStringConvertible {
  /// `https` or `http` (always `https` for Kandji's own hosts).
  public let scheme: String
  /// The host name or address alone (lowercased, no brackets), for resolving it.
  public let host: String
  /// The port when one was given and it is not the scheme's default.
  public let port: Int?
  /// A custom endpoint's path prefix (`/kandji`), without a trailing `/`; empty for Kandji hosts.
  public let pathPrefix: String
  /// Whether the host is one of Kandji's own API hosts on the default port.
  public let isKandjiHost: Bool

  /// The suffixes of Kandji's API hosts; the part before is one DNS label (the tenant).
  public static let kandjiSuffixes = [".api.kandji.io", ".api.eu.kandji.io", ".api.iru.com", ".api.eu.iru.com"]

  public init(_ text: String) throws(KandjiError) {
    let input = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !input.isEmpty else {
      throw .invalidBaseURL("Enter your Kandji API URL, e.g. yourcompany.api.kandji.io (Kandji: Settings › Access).")
    }
    let notAURL = KandjiError.invalidBaseURL(
      "\"\(text)\" is not a URL. Enter your Kandji API URL, e.g. yourcompany.api.kandji.io (Kandji: Settings › Access)."
    )
    // Split by hand: URLComponents percent-decodes the host, which is how a host rule is fooled.
    var rest = Substring(input)
    var scheme = "https"
    let hadScheme: Bool
    if let separator = input.range(of: "://") {
      scheme = input[..<separator.lowerBound].lowercased()
      rest = input[separator.upperBound...]
      hadScheme = true
      guard scheme == "https" || scheme == "http" else { throw notAURL }
    } else {
      hadScheme = false
    }
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    let rawPath = rest.dropFirst(authority.count)
    guard !authority.isEmpty, !authority.contains(where: { $0.isWhitespace }) else { throw notAURL }
    guard !rawPath.contains("?"), !rawPath.contains("#") else { throw notAURL }
    guard !authority.contains("@") else {
      throw .invalidBaseURL(
        "\"\(text)\" holds a user name or password; enter only the host, e.g. yourcompany.api.kandji.io.")
    }
    guard let (host, port) = Self.hostAndPort(authority) else {
      if let suffix = Self.kandjiSuffixes.first(where: { authority.lowercased().hasSuffix($0) }) {
        throw .invalidBaseURL("\"\(text)\" is not a Kandji API URL: expected SUBDOMAIN\(suffix).")
      }
      throw .invalidBaseURL(
        "\"\(text)\" does not hold a valid host name. Enter the API URL from Kandji › Settings › Access, e.g. yourcompany.api.kandji.io."
      )
    }
    // The path is used as a prefix of every request's path, so it may hold nothing that ends or
    // escapes a path (`?`, `#`, `%3F`, `..`): only plain segments.
    guard rawPath.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._~/".contains($0)) }),
      !rawPath.split(separator: "/").contains(where: { $0 == "." || $0 == ".." })
    else {
      throw .invalidBaseURL(
        "\"\(text)\" has characters in its path that an API base URL cannot have; enter only the host, e.g. yourcompany.api.kandji.io."
      )
    }
    let path = Self.trimmedPath(String(rawPath))
    let defaultPort = port == nil || port == (scheme == "https" ? 443 : 80)

    if let suffix = Self.kandjiSuffixes.first(where: { host.hasSuffix($0) }), defaultPort || !hadScheme {
      let subdomain = String(host.dropLast(suffix.count))
      guard Self.isDNSLabel(subdomain, allowUnderscore: false) else {
        throw .invalidBaseURL("\"\(text)\" is not a Kandji API URL: expected SUBDOMAIN\(suffix).")
      }
      guard path.isEmpty else {
        throw .invalidBaseURL("\"\(text)\" has an unexpected path; enter only the host, e.g. \(host).")
      }
      // Kandji's API is HTTPS on 443 only; `http://` typed by habit is upgraded.
      guard port == nil || port == 443 || (scheme == "http" && port == 80) else {
        throw .invalidBaseURL(
          "\"\(text)\" names a port; Kandji's API is on the default HTTPS port. Enter only the host.")
      }
      self.scheme = "https"
      self.host = host
      self.port = nil
      pathPrefix = ""
      isKandjiHost = true
      return
    }
    if host.hasSuffix(".kandji.io") || host.hasSuffix(".iru.com") || host == "kandji.io" || host == "iru.com",
      !(defaultPort == false && hadScheme)
    {
      throw .invalidBaseURL(
        "\"\(text)\" looks like the Kandji web console, not the API. Use the API URL from Kandji › Settings › Access, e.g. \(host.split(separator: ".").first ?? "yourcompany").api.kandji.io."
      )
    }
    guard hadScheme else {
      throw .invalidBaseURL(
        "\"\(text)\" is not a Kandji API host (SUBDOMAIN.api.kandji.io, SUBDOMAIN.api.eu.kandji.io or SUBDOMAIN.api.iru.com). A custom endpoint must start with http:// or https://."
      )
    }
    self.scheme = scheme
    self.host = host
    self.port = defaultPort ? nil : port
    pathPrefix = path
    isKandjiHost = false
  }

  /// Scheme, host and port (and any path prefix of a custom endpoint), without a trailing `/`:
  /// for display and for telling two URLs apart (a stored token goes only to its own origin).
  public var origin: String {
    "\(scheme)://\(hostForURL)" + (port.map { ":\($0)" } ?? "") + pathPrefix
  }

  /// The host as it appears in a URL: an IPv6 address in brackets.
  var hostForURL: String { host.contains(":") ? "[\(host)]" : host }

  /// The URL of an API path such as `/api/v1/devices` (already percent-encoded: a fixed path,
  /// or one whose variable segment was encoded with `pathSegment(_:)`) with `query` items, built
  /// from the checked parts. Query values are percent-encoded here, so no value can end the query
  /// or start a fragment.
  public func url(path: String, query: [(String, String)] = []) -> String {
    var components = URLComponents()
    components.scheme = scheme
    components.percentEncodedHost = hostForURL
    components.port = port
    components.percentEncodedPath = pathPrefix + path
    if !query.isEmpty {
      components.percentEncodedQuery = query.map { Self.pathSegment($0) + "=" + Self.pathSegment($1) }
        .joined(separator: "&")
    }
    // Every part was checked or encoded above; should Foundation still refuse, an empty URL
    // fails the request rather than a URL pasted together from text.
    return components.string ?? ""
  }

  /// `text` with everything but unreserved characters (letters, digits, `-._~`) percent-encoded:
  /// safe as one path segment or one query value.
  public static func pathSegment(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
  }

  private static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

  /// The device's page in the Kandji web console: the API host without `.api.` and
  /// `/devices/<id>` (`https://acme.kandji.io/devices/…`, `https://acme.eu.kandji.io/…`,
  /// `https://acme.iru.com/…`); for a custom endpoint, the base URL plus that path.
  public func consoleURL(deviceID: String) -> String {
    let encoded = deviceID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? deviceID
    guard isKandjiHost else { return "\(origin)/devices/\(encoded)" }
    return origin.replacingOccurrences(of: ".api.", with: ".") + "/devices/\(encoded)"
  }

  public var description: String { origin }

  /// The host (lowercased, without brackets) and port of an authority as typed, or nil when the
  /// host is not a DNS name, a canonical dotted-quad IPv4 address or a bracketed IPv6 address.
  static func hostAndPort(_ authority: Substring) -> (host: String, port: Int?)? {
    let hostPart: Substring
    let portPart: Substring?
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { return nil }
      hostPart = authority[authority.index(after: authority.startIndex)..<close]
      let after = authority[authority.index(after: close)...]
      guard after.isEmpty || after.hasPrefix(":") else { return nil }
      portPart = after.isEmpty ? nil : after.dropFirst()
      // Hex digits and colons only: no zone id (`%25eth0`), no embedded dotted tail tricks.
      guard !hostPart.isEmpty, hostPart.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }),
        IPAddress.parseIPv6(String(hostPart)) != nil
      else { return nil }
    } else {
      let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count <= 2 else { return nil }
      hostPart = parts[0]
      portPart = parts.count == 2 ? parts[1] : nil
      guard isDNSName(hostPart.lowercased()) || isCanonicalIPv4(hostPart) else { return nil }
    }
    var port: Int?
    if let portPart {
      guard !portPart.isEmpty, portPart.count <= 5, portPart.allSatisfy({ $0.isASCII && $0.isNumber }),
        let value = Int(portPart), (1...65_535).contains(value)
      else { return nil }
      port = value
    }
    return (hostPart.lowercased(), port)
  }

  /// A DNS name of letters, digits, `-` and `_` whose last label is not a number: a resolver
  /// reads `2130706433`, `0x7f.1` or `127.1` as an IPv4 address.
  static func isDNSName(_ name: String) -> Bool {
    guard !name.isEmpty, name.count <= 253 else { return false }
    let labels = name.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.allSatisfy({ isDNSLabel(String($0), allowUnderscore: true) }), let last = labels.last else {
      return false
    }
    let numeric = last.allSatisfy(\.isNumber) || (last.hasPrefix("0x") && last.dropFirst(2).allSatisfy(\.isHexDigit))
    return !numeric
  }

  /// One label: 1 to 63 ASCII letters, digits and `-` (and `_` when allowed), not starting or
  /// ending with `-`.
  static func isDNSLabel(_ label: String, allowUnderscore: Bool) -> Bool {
    guard (1...63).contains(label.count), !label.hasPrefix("-"), !label.hasSuffix("-") else { return false }
    return label.allSatisfy {
      $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || (allowUnderscore && $0 == "_"))
    }
  }

  /// Four decimal numbers 0–255 without leading zeros (a resolver reads `0177` as octal).
  static func isCanonicalIPv4(_ text: Substring) -> Bool {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4
      && parts.allSatisfy { part in
        guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
          let value = Int(part), value <= 255
        else { return false }
        return part == "0" || !part.hasPrefix("0")
      }
  }

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
