import Foundation
import Synchronization

/// Wall-clock time for the scheduler: what time it is, and waiting until a moment.
public protocol WallClock: Sendable {
  func now() -> Date
  func sleep(until date: Date) async throws
}

/// The real clock.
public struct SystemWallClock: WallClock {
  public init() {}
  public func now() -> Date { Date() }
  public func sleep(until date: Date) async throws {
    let seconds = date.timeIntervalSinceNow
    if seconds > 0 { try await Task.sleep(for: .seconds(seconds)) }
  }
}

/// A clock for tests: sleeping moves its time to the wake-up moment at once, so days of
/// schedule pass in milliseconds. `onSleep` lets a test stop the loop after some time.
public final class ManualWallClock: WallClock {
  private let state: Mutex<Date>
  private let limit: Date

  /// - Parameter limit: sleeping past this moment throws `CancellationError` (ends the test).
  public init(start: Date, limit: Date) {
    state = Mutex(start)
    self.limit = limit
  }

  public func now() -> Date { state.withLock { $0 } }

  /// Sets the time back (or forward) to `date`: a test that runs once per store backend starts
  /// each run at the same moment.
  public func reset(to date: Date) { state.withLock { $0 = date } }

  public func sleep(until date: Date) async throws {
    try Task.checkCancellation()
    guard date <= limit else {
      state.withLock { $0 = limit }
      throw CancellationError()
    }
    state.withLock { $0 = max($0, date) }
    await Task.yield()
  }
}
