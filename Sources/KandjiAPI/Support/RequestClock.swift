import Foundation
import Synchronization

/// The time source of the client's pacing and backoff, and of the simulator's rate limits.
///
/// Live code uses `SystemRequestClock`; tests hand the same `VirtualRequestClock` to the client
/// and the simulator, so a `Retry-After: 30` costs no real time and is still checked exactly.
public protocol RequestClock: Sendable {
  /// Monotonic time since an arbitrary origin.
  func now() -> Duration
  /// Wall-clock time: what the durable call ledger and Kandji's hourly windows count in.
  func date() -> Date
  /// Suspends for `duration` (or returns at once on a virtual clock, having advanced it).
  func sleep(for duration: Duration) async throws
  /// Holds back a server's answer for `duration` (the simulator's delays). A real clock sleeps;
  /// a virtual one advances at once and adds it to `answerDelays`.
  func delayAnswer(by duration: Duration) async throws
  /// The answer delays a virtual clock has passed (`delayAnswer`), so a client can tell that an
  /// answer came after its timeout although no real time passed. Always zero on a real clock,
  /// where the HTTP client's own deadline sees the delay.
  var answerDelays: Duration { get }
}

extension RequestClock {
  public func delayAnswer(by duration: Duration) async throws { try await sleep(for: duration) }
  public var answerDelays: Duration { .zero }
}

/// Real time: `ContinuousClock`.
public struct SystemRequestClock: RequestClock {
  private let origin = ContinuousClock.now

  public init() {}

  public func now() -> Duration { ContinuousClock.now - origin }

  public func date() -> Date { Date() }

  public func sleep(for duration: Duration) async throws {
    guard duration > .zero else { return }
    try await Task.sleep(for: duration)
  }
}

/// A clock that never waits: `sleep` advances its time immediately and records the request.
/// For tests and benchmarks of time-dependent behaviour without real sleeps.
public final class VirtualRequestClock: RequestClock {
  private let state = Mutex<(now: Duration, sleeps: [Duration], answerDelays: Duration)>((.zero, [], .zero))
  /// The wall-clock time at `now() == 0`.
  public let startDate: Date

  /// - Parameter startDate: the wall-clock start, on an hour boundary by default (Kandji's hourly
  ///   windows are clock hours).
  public init(startDate: Date = Date(timeIntervalSince1970: 1_800_000_000)) { self.startDate = startDate }

  public func now() -> Duration { state.withLock { $0.now } }

  public func date() -> Date { startDate.addingTimeInterval(now().seconds) }

  public func sleep(for duration: Duration) async throws {
    try Task.checkCancellation()
    state.withLock {
      $0.sleeps.append(duration)
      if duration > .zero { $0.now += duration }
    }
  }

  /// The answer takes `duration` of virtual time: the clock moves on, and `answerDelays` counts it
  /// (not `sleeps`, which are the client's own waits).
  public func delayAnswer(by duration: Duration) async throws {
    try Task.checkCancellation()
    guard duration > .zero else { return }
    state.withLock {
      $0.now += duration
      $0.answerDelays += duration
    }
  }

  public var answerDelays: Duration { state.withLock { $0.answerDelays } }

  /// Moves time forward without anyone sleeping (another actor's time passing).
  public func advance(by duration: Duration) {
    state.withLock { $0.now += duration }
  }

  /// Every sleep requested so far, in order.
  public var sleeps: [Duration] { state.withLock { $0.sleeps } }

  /// The sum of every sleep requested so far.
  public var totalSlept: Duration { state.withLock { $0.sleeps.reduce(.zero, +) } }
}
