import Foundation

/// Where a Kandji API token may be sent.
///
/// The token is the tenant's key to every device, so by default it goes only to Kandji's own API
/// hosts over HTTPS on the default port, and only to an address that was checked to be public:
/// the host is resolved once, every address it resolves to must be public, and the connection
/// goes to one of those checked addresses (`PinnedHTTPClients`, `CheckedEndpoint`), so DNS
/// cannot answer differently between the check and the connection. A URL an admin typed cannot turn the server into a probe of its
/// own network (SSRF) or hand the stored token to another host. The simulator, tests and a
/// deliberate proxy need any URL, loopback included; operators opt in with
/// `--allow-custom-kandji-endpoints`.
public enum KandjiEndpointPolicy: Sendable, Hashable {
  /// Kandji's API hosts (`*.api.kandji.io`, `*.api.eu.kandji.io`, `*.api.iru.com`) over HTTPS,
  /// resolving to public addresses only.
  case kandjiHostsOnly
  /// Any `http(s)` URL, loopback and private addresses included.
  case allowCustomEndpoints

  /// Why `url` may not be used under this policy, or nil: for a form's field error before any
  /// request. An unresolvable host is not a problem here; the request fails closed on it and
  /// reports it as unreachable.
  public func problem(
    with url: KandjiBaseURL, resolve: @Sendable (String) async -> [IPAddress] = HostResolver.addresses
  ) async -> String? {
    do {
      _ = try await check(url, resolve: resolve)
      return nil
    } catch .invalidBaseURL(let message) {
      return message
    } catch {
      return nil
    }
  }

  /// Why `url` may not be used under this policy judged from the URL alone, or nil: no lookup,
  /// so it answers at once. The addresses are checked by the client, inside the deadline of its
  /// requests (an interactive check must end within 10 s, lookup included).
  public func hostProblem(with url: KandjiBaseURL) -> String? {
    guard self == .kandjiHostsOnly, !Self.isKandjiAPI(url) else { return nil }
    return Self.notKandjiHost(url)
  }

  /// Checks `url` before the token is sent. Returns every address the host resolves to, all of
  /// them checked (public), in the resolver's order, under `.kandjiHostsOnly`: the client
  /// connects to the first and moves to the next when a connection fails. Nil under
  /// `.allowCustomEndpoints` (the system resolver connects). Throws `.invalidBaseURL` for a
  /// refused host and `.transport(.unresolvable)` when the host does not resolve (fail closed).
  public func check(
    _ url: KandjiBaseURL, resolve: @Sendable (String) async -> [IPAddress] = HostResolver.addresses
  ) async throws(KandjiError) -> [IPAddress]? {
    guard self == .kandjiHostsOnly else { return nil }
    guard Self.isKandjiAPI(url) else { throw .invalidBaseURL(Self.notKandjiHost(url)) }
    let addresses = await resolve(url.host)
    if let blocked = addresses.first(where: { !$0.isPublic }) {
      throw .invalidBaseURL(
        "\(url.host) resolves to \(blocked), an address inside a private network; AssetSync sends the Kandji token only to public Kandji hosts (custom endpoints need the server option --allow-custom-kandji-endpoints)."
      )
    }
    guard !addresses.isEmpty else { throw .transport(.unresolvable) }
    return addresses
  }

  private static func isKandjiAPI(_ url: KandjiBaseURL) -> Bool {
    url.isKandjiHost && url.scheme == "https" && url.port == nil
  }

  private static func notKandjiHost(_ url: KandjiBaseURL) -> String {
    "\(url.origin) is not a Kandji API host. Enter the API URL from Kandji › Settings › Access (SUBDOMAIN.api.kandji.io, SUBDOMAIN.api.eu.kandji.io or SUBDOMAIN.api.iru.com); custom endpoints need the server option --allow-custom-kandji-endpoints."
  }
}
