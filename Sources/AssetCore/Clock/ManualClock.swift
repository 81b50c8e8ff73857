import Foundation
import Synchronization

/// The clock of tests and benchmarks: time moves only when something sleeps or the test moves it,
/// so days of schedule and an hour of rate limits pass in milliseconds and nothing waits in real
/// time.
///
/// A sleeper's own wait (`sleep(until:)`, `sleep(for:)`) moves the time to its end at once: the
/// sleeper is what the test is waiting on. A background wait (`sleepInBackground(for:)`: a
/// heartbeat, a timeout racing an event) never moves it; it returns once the time has been moved
/// past its end by someone else, and throws when its task is cancelled.
public final class ManualClock: WallClock {
  private struct State {
    var now: Date
    var elapsed: Duration = .zero
    var sleeps: [Duration] = []
    var answerDelays: Duration = .zero
    var background: [UUID: (until: Duration, continuation: CheckedContinuation<Void, any Error>)] = [:]
    var backgroundSleeps: [Duration] = []
    /// Tests waiting for a number of background waits to be pending (`waitForBackgroundSleepers`).
    var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    /// Takes out the watchers whose number of pending background waits is reached.
    mutating func satisfiedWatchers() -> [CheckedContinuation<Void, Never>] {
      let pending = background.count
      defer { watchers.removeAll { $0.count <= pending } }
      return watchers.filter { $0.count <= pending }.map(\.continuation)
    }

    /// Takes out the background waits whose end the elapsed time has reached.
    mutating func dueBackgroundWaits() -> [CheckedContinuation<Void, any Error>] {
      let keys = background.filter { $0.value.until <= elapsed }.map(\.key)
      return keys.compactMap { background.removeValue(forKey: $0)?.continuation }
    }
  }

  private let state: Mutex<State>
  private let limit: Date?
  /// The wall-clock time the clock started at.
  public let startDate: Date

  /// - Parameters:
  ///   - start: the wall-clock start, on an hour boundary by default (Kandji's hourly windows are
  ///     clock hours).
  ///   - limit: a sleep past this moment moves the time there and throws `CancellationError`, which
  ///     ends a scheduler loop under test; nil for none.
  public init(start: Date = Date(timeIntervalSince1970: 1_800_000_000), limit: Date? = nil) {
    state = Mutex(State(now: start))
    startDate = start
    self.limit = limit
  }

  public func now() -> Date { state.withLock { $0.now } }

  public func elapsed() -> Duration { state.withLock { $0.elapsed } }

  public func sleep(until date: Date) async throws {
    try Task.checkCancellation()
    if let limit, date > limit {
      move(to: limit)
      throw CancellationError()
    }
    move(to: date)
    await Task.yield()
  }

  public func sleep(for duration: Duration) async throws {
    try Task.checkCancellation()
    state.withLock { $0.sleeps.append(duration) }
    guard duration > .zero else { return }
    if let limit, now().addingTimeInterval(duration.timeInterval) > limit {
      move(to: limit)
      throw CancellationError()
    }
    move(by: duration)
  }

  public func sleepInBackground(for duration: Duration) async throws {
    let key = UUID()
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        let (result, watchers) = state.withLock { s -> (Result<Void, any Error>?, [CheckedContinuation<Void, Never>]) in
          // Checked under the lock: a cancellation handler that ran before this found nothing
          // to end, and one that runs after finds the waiter.
          if Task.isCancelled { return (.failure(CancellationError()), []) }
          s.backgroundSleeps.append(duration)
          if duration <= .zero { return (.success(()), []) }
          s.background[key] = (s.elapsed + duration, continuation)
          return (nil, s.satisfiedWatchers())
        }
        if let result { continuation.resume(with: result) }
        for watcher in watchers { watcher.resume() }
      }
    } onCancel: {
      state.withLock { $0.background.removeValue(forKey: key) }?.continuation.resume(throwing: CancellationError())
    }
  }

  /// The answer takes `duration` of the clock's time: it moves on, and `answerDelays` counts it
  /// (not `sleeps`, which are the client's own waits).
  public func delayAnswer(by duration: Duration) async throws {
    try Task.checkCancellation()
    guard duration > .zero else { return }
    state.withLock { $0.answerDelays += duration }
    move(by: duration)
  }

  public var answerDelays: Duration { state.withLock { $0.answerDelays } }

  /// Moves time forward without anyone sleeping (another actor's time passing), waking the
  /// background waits it passes.
  public func advance(by duration: Duration) { move(by: duration) }

  /// Moves time forward to `date` (never back), waking the background waits it passes.
  public func advance(to date: Date) { move(to: date) }

  /// Sets the wall-clock time back (or forward) to `date`: a test that runs once per store backend
  /// starts each run at the same moment. Elapsed time is monotonic and does not go back.
  public func reset(to date: Date) {
    state.withLock { $0.now = date }
  }

  /// Returns once `count` background waits are pending (a heartbeat waiting for its interval), so
  /// that a test moves the time on only after the wait it means to end has begun.
  public func waitForBackgroundSleepers(_ count: Int = 1) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let ready = state.withLock { s in
        if s.background.count >= count { return true }
        s.watchers.append((count, continuation))
        return false
      }
      if ready { continuation.resume() }
    }
  }

  /// Every `sleepInBackground(for:)` requested so far, in order.
  public var backgroundSleeps: [Duration] { state.withLock { $0.backgroundSleeps } }

  /// Every `sleep(for:)` requested so far, in order.
  public var sleeps: [Duration] { state.withLock { $0.sleeps } }

  /// The sum of every `sleep(for:)` requested so far.
  public var totalSlept: Duration { state.withLock { $0.sleeps.reduce(.zero, +) } }

  /// Moves wall-clock and elapsed time on by `duration` (never back) and wakes the background
  /// waits that are due.
  private func move(by duration: Duration) {
    guard duration > .zero else { return }
    wake(
      state.withLock { s in
        s.now = s.now.addingTimeInterval(duration.timeInterval)
        s.elapsed += duration
        return s.dueBackgroundWaits()
      })
  }

  /// Moves the time to exactly `date` unless it is past it already.
  private func move(to date: Date) {
    wake(
      state.withLock { s in
        guard date > s.now else { return [] }
        s.elapsed += .seconds(date.timeIntervalSince(s.now))
        s.now = date
        return s.dueBackgroundWaits()
      })
  }

  private func wake(_ waits: [CheckedContinuation<Void, any Error>]) {
    for continuation in waits { continuation.resume() }
  }
}
