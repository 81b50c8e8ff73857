/// How fast the client may call Kandji (R14). Kandji allows 50 requests/second and
/// 10,000/hour per tenant, shared by every integration of that tenant, so the defaults leave
/// headroom for the others.
public struct PacingPolicy: Sendable, Hashable {
  /// At most this many requests in any one-second window.
  public var requestsPerSecond: Int
  /// At most this many requests in any one-hour window.
  public var requestsPerHour: Int

  public init(requestsPerSecond: Int = 40, requestsPerHour: Int = 9_000) {
    self.requestsPerSecond = max(1, requestsPerSecond)
    self.requestsPerHour = max(1, requestsPerHour)
  }

  /// No client-side limit (benchmarks against an unlimited simulator).
  public static let unlimited = PacingPolicy(requestsPerSecond: 1_000_000, requestsPerHour: 1_000_000_000)
}
