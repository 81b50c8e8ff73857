/// The outcome of one policy check of the API host, as a client uses it: every address the host
/// resolved to (all checked), the one it connects to now, and when the check was made.
///
/// A connection failure moves to the next checked address; when every one of them has failed
/// the check is dropped, so the next request looks the host up and checks it again. An address
/// that no longer answers is never kept for the rest of a long sync.
struct CheckedEndpoint: Sendable, Hashable {
  /// The checked addresses, in the resolver's order; empty when the policy leaves connecting to
  /// the system resolver (`.allowCustomEndpoints`).
  let addresses: [IPAddress]
  /// The index in `addresses` of the one in use.
  private(set) var current = 0
  /// When the check was made (the client's clock).
  let checkedAt: Duration

  init(addresses: [IPAddress], checkedAt: Duration) {
    self.addresses = addresses
    self.checkedAt = checkedAt
  }

  /// The address to connect to; nil when the system resolver connects.
  var address: IPAddress? { addresses.isEmpty ? nil : addresses[current] }

  /// Whether the check may still be used at `now`: addresses change, and a sync may run for hours.
  func isFresh(at now: Duration, recheckAfter interval: Duration) -> Bool { now - checkedAt < interval }

  /// The check after a connection to `failed` did not succeed: the next checked address, or nil
  /// when none is left (look up and check again). A failure of an address no longer in use (a
  /// concurrent request already moved on) changes nothing.
  func afterConnectionFailure(to failed: IPAddress?) -> CheckedEndpoint? {
    guard let failed, failed == address else { return self }
    guard current + 1 < addresses.count else { return nil }
    var next = self
    next.current += 1
    return next
  }
}
