import Foundation

/// Where a Kandji API token may be sent.
///
/// The token is the tenant's key to every device, so by default it goes only to Kandji's own API
/// hosts over HTTPS, and only when the host resolves to public addresses: a URL an admin typed
/// cannot turn the server into a probe of its own network (SSRF) or hand the stored token to
/// another host. The simulator, tests and a deliberate proxy need any URL, loopback included;
/// operators opt in with `--allow-custom-kandji-endpoints`.
public enum KandjiEndpointPolicy: Sendable, Hashable {
  /// Kandji's API hosts (`*.api.kandji.io`, `*.api.eu.kandji.io`, `*.api.iru.com`) over HTTPS,
  /// resolving to public addresses only.
  case kandjiHostsOnly
  /// Any `http(s)` URL, loopback and private addresses included.
  case allowCustomEndpoints

  /// Why `url` may not be used under this policy, or nil. Resolves the host with `resolve`
  /// (every address must be public).
  public func problem(
    with url: KandjiBaseURL, resolve: @Sendable (String) async -> [IPAddress] = HostResolver.addresses
  ) async -> String? {
    guard self == .kandjiHostsOnly else { return nil }
    guard url.isKandjiHost else {
      return
        "\(url.origin) is not a Kandji API host. Enter the API URL from Kandji › Settings › Access (SUBDOMAIN.api.kandji.io, SUBDOMAIN.api.eu.kandji.io or SUBDOMAIN.api.iru.com); custom endpoints need the server option --allow-custom-kandji-endpoints."
    }
    let addresses = await resolve(url.host)
    // An unresolvable host is left to the request, which reports it as unreachable.
    if let blocked = addresses.first(where: { !$0.isPublic }) {
      return
        "\(url.host) resolves to \(blocked), an address inside a private network; AssetSync sends the Kandji token only to public Kandji hosts (custom endpoints need the server option --allow-custom-kandji-endpoints)."
    }
    return nil
  }
}
