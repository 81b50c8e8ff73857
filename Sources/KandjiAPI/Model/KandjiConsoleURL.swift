/// The base URL of a tenant's Kandji (Iru) web console, for links to a device's page (issue 19).
///
/// Derived from the API host by default (`S.api.kandji.io` → `https://S.kandji.io`,
/// `S.api.eu.kandji.io` → `https://S.eu.kandji.io`, `S.api.iru.com` → `https://S.iru.com`,
/// `S.api.eu.iru.com` → `https://S.eu.iru.com`; any other endpoint keeps its own origin), or
/// set per connection for a tenant whose console moved to Iru while its API host did not.
///
/// A set URL is `https://`, a host name and an optional path: no user info, port, query or
/// fragment. It is normalised (scheme and host lowercased, `https://` added when missing, the
/// trailing `/` dropped) and checked as typed, never after percent-decoding, like the API URL.
public struct KandjiConsoleURL: Sendable, Hashable, CustomStringConvertible {
  /// `https://host[/path]`, without a trailing `/`.
  public let base: String

  public init(_ text: String) throws(KandjiError) {
    let input = text.trimmingCharacters(in: .whitespacesAndNewlines)
    let example = "e.g. https://yourcompany.iru.com"
    guard !input.isEmpty else { throw .invalidBaseURL("Enter the console URL, \(example).") }
    var rest = Substring(input)
    if let separator = input.range(of: "://") {
      let scheme = input[..<separator.lowerBound].lowercased()
      guard scheme == "https" else {
        throw .invalidBaseURL("\"\(text)\" is not an https:// URL; the Kandji console is always https, \(example).")
      }
      rest = input[separator.upperBound...]
    }
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    let path = rest.dropFirst(authority.count)
    guard !authority.isEmpty, !rest.contains(where: \.isWhitespace) else {
      throw .invalidBaseURL("\"\(text)\" is not a URL; enter the console's address, \(example).")
    }
    guard !authority.contains("@") else {
      throw .invalidBaseURL("\"\(text)\" holds a user name or password; enter only the console's host, \(example).")
    }
    guard !path.contains("?"), !path.contains("#") else {
      throw .invalidBaseURL(
        "\"\(text)\" has a query or fragment; enter only the console's host (and path), \(example).")
    }
    guard !authority.contains(":") else {
      throw .invalidBaseURL("\"\(text)\" names a port; enter only the console's host, \(example).")
    }
    guard let (host, _) = KandjiBaseURL.hostAndPort(authority), KandjiBaseURL.isDNSName(host), host.contains(".")
    else {
      throw .invalidBaseURL("\"\(text)\" does not hold a valid host name, \(example).")
    }
    if KandjiBaseURL.kandjiSuffixes.contains(where: { host.hasSuffix($0) }) {
      throw .invalidBaseURL(
        "\"\(text)\" is the API host; the console is the same host without \".api\", e.g. https://\(host.replacingOccurrences(of: ".api.", with: "."))."
      )
    }
    // Path segments only: nothing that ends or escapes a path once a device id is appended.
    guard path.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._~/".contains($0)) }),
      !path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." })
    else {
      throw .invalidBaseURL("\"\(text)\" has characters a console path cannot have; enter only the host, \(example).")
    }
    var trimmed = String(path)
    while trimmed.hasSuffix("/") { trimmed.removeLast() }
    base = "https://\(host)\(trimmed)"
  }

  private init(base: String) { self.base = base }

  /// The console of `api`'s tenant: Kandji's API hosts without `.api.`; any other endpoint (the
  /// simulator, a proxy) its own origin, as earlier releases linked.
  public static func derived(from api: KandjiBaseURL) -> KandjiConsoleURL {
    guard api.isKandjiHost else { return KandjiConsoleURL(base: api.origin) }
    return KandjiConsoleURL(base: api.origin.replacingOccurrences(of: ".api.", with: "."))
  }

  /// The console of a connection: `explicit` when set (and valid), else derived from its API URL;
  /// nil when neither gives one.
  public static func resolve(explicit: String?, apiURL: String?) -> KandjiConsoleURL? {
    if let explicit, let url = try? KandjiConsoleURL(explicit) { return url }
    return apiURL.flatMap { try? KandjiBaseURL($0) }.map(derived(from:))
  }

  /// The device's page: `<base>/devices/<id>`, the id percent-encoded as a path segment.
  public func deviceURL(_ deviceID: String) -> String {
    "\(base)/devices/\(KandjiBaseURL.pathSegment(deviceID))"
  }

  public var description: String { base }
}
