import Foundation

/// Real time: `Date()` for the wall clock, `ContinuousClock` for elapsed time and sleeps. The
/// only place in the application that sleeps.
public struct SystemClock: WallClock {
  private let origin = ContinuousClock.now

  public init() {}

  public func now() -> Date { Date() }

  public func elapsed() -> Duration { ContinuousClock.now - origin }

  public func sleep(until date: Date) async throws {
    let seconds = date.timeIntervalSinceNow
    if seconds > 0 { try await Task.sleep(for: .seconds(seconds)) }
  }

  public func sleep(for duration: Duration) async throws {
    guard duration > .zero else { return }
    try await Task.sleep(for: duration)
  }

  public func sleepInBackground(for duration: Duration) async throws {
    try await Task.sleep(for: duration)
  }
}
