import Foundation

/// The one source of time of the whole application: what time it is, and waiting.
///
/// Everything that reads the time or waits takes one: the scheduler, the sync engine's
/// heartbeat, the coordinator, sign-in throttling and sessions, the Kandji client's pacing and
/// backoff, the simulator's rate limits and delays. Production passes `SystemClock` (real time);
/// tests pass a `ManualClock`, on which days of schedule pass in milliseconds and no test waits in
/// real time. Nothing outside `SystemClock` calls `Task.sleep`.
public protocol WallClock: Sendable {
  /// Wall-clock time: what schedules, leases, sessions and Kandji's hourly windows count in.
  func now() -> Date

  /// Monotonic time since an arbitrary origin: what pacing, backoff and deadlines measure, so
  /// that setting the machine's clock does not stretch or skip a wait.
  func elapsed() -> Duration

  /// The caller's own wait until `date` (the scheduler's next slot). A manual clock moves there
  /// at once: the sleeper is what the test is waiting on.
  func sleep(until date: Date) async throws

  /// The caller's own wait of `duration` (pacing, a backoff). A manual clock moves on at once.
  func sleep(for duration: Duration) async throws

  /// A wait in the background that races other work: a heartbeat's interval, a timeout that ends
  /// a wait for an event, a grace period. A manual clock never jumps ahead for it: it returns
  /// once other sleepers (or the test) have moved the time `duration` on, and throws
  /// `CancellationError` when its task is cancelled.
  func sleepInBackground(for duration: Duration) async throws

  /// Holds back a server's answer for `duration` (the simulator's delays). A real clock sleeps;
  /// a manual one moves on at once and adds it to `answerDelays`.
  func delayAnswer(by duration: Duration) async throws

  /// The answer delays a manual clock has passed (`delayAnswer`), so a client can tell that an
  /// answer came after its timeout although no real time passed. Always zero on a real clock,
  /// where the HTTP client's own deadline sees the delay.
  var answerDelays: Duration { get }
}

extension WallClock {
  public func delayAnswer(by duration: Duration) async throws { try await sleep(for: duration) }
  public var answerDelays: Duration { .zero }
}

extension Duration {
  /// The duration in seconds, as `TimeInterval` arithmetic on dates wants it.
  var timeInterval: TimeInterval {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
