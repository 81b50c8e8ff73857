/// Keeps the client under its `PacingPolicy`: before each request, `acquire()` waits until
/// one more request fits into both the one-second and the one-hour sliding windows.
///
/// A sliding window bounds every fixed window too, so the client stays under Kandji's
/// (Kong's) fixed per-second and per-hour windows whatever their alignment.
public actor RequestPacer {
  private var perSecond: SlidingWindow
  private var perHour: SlidingWindow
  private let clock: any RequestClock
  /// Set from `X-Ratelimit-Remaining-Hour: 0` so the client stops before Kandji says 429.
  private var pausedUntil: Duration?

  public init(policy: PacingPolicy, clock: any RequestClock) {
    perSecond = SlidingWindow(limit: policy.requestsPerSecond, window: .seconds(1))
    perHour = SlidingWindow(limit: policy.requestsPerHour, window: .seconds(3_600))
    self.clock = clock
  }

  /// Waits for a slot and takes it. Returns how long it waited (for progress and reports).
  @discardableResult
  public func acquire() async throws -> Duration {
    var waited = Duration.zero
    while true {
      let now = clock.now()
      var wait = max(perSecond.waitBeforeNext(at: now), perHour.waitBeforeNext(at: now))
      if let pausedUntil, pausedUntil > now { wait = max(wait, pausedUntil - now) }
      if wait <= .zero {
        perSecond.record(now)
        perHour.record(now)
        return waited
      }
      try await clock.sleep(for: wait)
      waited += wait
    }
  }

  /// Stops all requests for `duration` (Kandji reported its hourly budget spent).
  public func pause(for duration: Duration) {
    let until = clock.now() + duration
    pausedUntil = max(pausedUntil ?? .zero, until)
  }
}

/// Timestamps of the last `limit` requests in a ring buffer.
struct SlidingWindow {
  let limit: Int
  let window: Duration
  private var stamps: [Duration] = []
  private var head = 0

  init(limit: Int, window: Duration) {
    self.limit = limit
    self.window = window
  }

  /// How long until a request at `now` would be the `limit`-th in the trailing window.
  func waitBeforeNext(at now: Duration) -> Duration {
    guard stamps.count >= limit else { return .zero }
    let oldest = stamps[head]
    return max(.zero, oldest + window - now)
  }

  mutating func record(_ now: Duration) {
    if stamps.count < limit {
      stamps.append(now)
    } else {
      stamps[head] = now
      head = (head + 1) % limit
    }
  }
}
