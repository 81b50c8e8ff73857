/// When and how long to retry a failed request (R14): 5xx, timeouts and transport errors with
/// capped exponential backoff and jitter; 429 after `Retry-After`; never any other 4xx.
public struct RetryPolicy: Sendable {
  /// Attempts in all for 5xx, timeouts and transport errors (the first included).
  public var maxAttempts: Int
  /// Attempts in all for 429 answers, which are expected under load and cheap to wait out.
  public var maxRateLimitedAttempts: Int
  public var initialBackoff: Duration
  public var maxBackoff: Duration
  /// The longest `Retry-After` honoured; a longer one ends the request as rate limited.
  public var maxRetryAfter: Duration
  /// Maps a computed backoff to the one actually slept; the default picks uniformly between
  /// half and all of it ("equal jitter"), so many clients do not retry in lockstep.
  public var jitter: @Sendable (Duration) -> Duration

  public init(
    maxAttempts: Int = 5, maxRateLimitedAttempts: Int = 10, initialBackoff: Duration = .milliseconds(500),
    maxBackoff: Duration = .seconds(30), maxRetryAfter: Duration = .seconds(3_600),
    jitter: @escaping @Sendable (Duration) -> Duration = RetryPolicy.equalJitter
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.maxRateLimitedAttempts = max(1, maxRateLimitedAttempts)
    self.initialBackoff = initialBackoff
    self.maxBackoff = maxBackoff
    self.maxRetryAfter = maxRetryAfter
    self.jitter = jitter
  }

  /// For a request someone waits on: one more attempt after a short backoff; a 429 ends the
  /// request at once (its `Retry-After` goes back to the caller).
  public static let interactive = RetryPolicy(
    maxAttempts: 2, maxRateLimitedAttempts: 1, maxBackoff: .seconds(1), maxRetryAfter: .seconds(5))

  /// The backoff before retry number `retry` (1-based), before jitter: doubling, capped.
  public func backoff(retry: Int) -> Duration {
    var delay = initialBackoff
    for _ in 1..<max(1, retry) {
      delay *= 2
      if delay >= maxBackoff { return maxBackoff }
    }
    return min(delay, maxBackoff)
  }

  /// The wait before retrying a 429: `Retry-After` when Kandji sent one, else the backoff
  /// (at least one second, Kandji's shortest window).
  public func rateLimitWait(retryAfterSeconds: Int?, retry: Int) -> Duration {
    if let seconds = retryAfterSeconds { return .seconds(max(0, seconds)) }
    return max(.seconds(1), backoff(retry: retry))
  }

  @Sendable public static func equalJitter(_ delay: Duration) -> Duration {
    let half = delay / 2
    let spread = Double(half.components.seconds) + Double(half.components.attoseconds) / 1e18
    return half + .seconds(Double.random(in: 0...max(0, spread)))
  }

  /// No jitter: exact, predictable waits (tests).
  @Sendable public static func noJitter(_ delay: Duration) -> Duration { delay }
}
