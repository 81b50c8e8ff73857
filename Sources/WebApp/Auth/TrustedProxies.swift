import HTTPTypes
import Hummingbird
import KandjiAPI

/// Who a request really came from, and whether over HTTPS, when AssetSync runs behind reverse
/// proxies.
///
/// `X-Forwarded-For` and `X-Forwarded-Proto` are believed only from a configured proxy address
/// (`--trusted-proxy CIDR`): anyone else could send them to dodge the per-address sign-in limit.
/// The client is the rightmost address in `X-Forwarded-For` that is not itself a trusted proxy.
public struct TrustedProxies: Sendable {
  public let ranges: [AddressRange]

  public init(_ ranges: [AddressRange]) { self.ranges = ranges }

  public struct Origin: Sendable, Hashable {
    /// The client's address as text, nil when unknown (in-process tests).
    public var address: String?
    /// Whether the client's connection was HTTPS (as a trusted proxy says).
    public var isHTTPS: Bool
  }

  func isTrusted(_ address: IPAddress) -> Bool { ranges.contains { $0.contains(address) } }

  /// The origin of a request that arrived from `peer` with `headers`.
  public func origin(peer: String?, headers: HTTPFields) -> Origin {
    guard let peer, let peerAddress = IPAddress(peer), isTrusted(peerAddress) else {
      return Origin(address: peer, isHTTPS: false)
    }
    let forwarded = headers[values: HTTPField.Name("X-Forwarded-For")!]
      .flatMap { $0.split(separator: ",") }
      .map { $0.trimmingCharacters(in: .whitespaces) }
    var client = peer
    for hop in forwarded.reversed() {
      guard let address = IPAddress(hop) else { break }  // garbage: stop at the last good hop
      client = hop
      if !isTrusted(address) { break }
    }
    let proto = headers[values: HTTPField.Name("X-Forwarded-Proto")!]
      .flatMap { $0.split(separator: ",") }.last?
      .trimmingCharacters(in: .whitespaces).lowercased()
    return Origin(address: client, isHTTPS: proto == "https")
  }

  func origin(of request: Request, context: some SessionContext) -> Origin {
    origin(peer: context.peerAddress, headers: request.headers)
  }
}
