/// How fast the client may call Kandji (R14). Kandji allows 50 requests/second and
/// 10,000/hour per tenant, shared by every integration of that tenant, so the defaults leave
/// headroom for the others.
public struct PacingPolicy: Sendable, Hashable {
  /// At most this many requests in any one-second window.
  public var requestsPerSecond: Int
  /// At most this many requests in any one-hour window.
  public var requestsPerHour: Int
  /// The longest a request may wait for the hourly budget before the pacer gives up with
  /// `BudgetSpent`; nil waits as long as it takes (a sync). Someone waiting for an answer — a
  /// refresh of one asset, a mapping preview — must not hang for the rest of the hour.
  public var longestBudgetWait: Duration?

  public init(requestsPerSecond: Int = 40, requestsPerHour: Int = 9_000, longestBudgetWait: Duration? = nil) {
    self.requestsPerSecond = max(1, requestsPerSecond)
    self.requestsPerHour = max(1, requestsPerHour)
    self.longestBudgetWait = longestBudgetWait
  }

  /// The same limits for a request someone is waiting on: it fails rather than waits for the budget.
  public var interactive: PacingPolicy {
    var policy = self
    policy.longestBudgetWait = .seconds(5)
    return policy
  }

  /// No client-side limit (benchmarks against an unlimited simulator).
  public static let unlimited = PacingPolicy(requestsPerSecond: 1_000_000, requestsPerHour: 1_000_000_000)
}
