import AssetCore
import Foundation
import KandjiAPI
import KandjiSimulator
import Synchronization

/// The freshness benchmark's virtual wall clock: sleeping jumps to the wake-up moment, and on
/// the way changes devices in the simulator at their scheduled moments (an OS update), noting
/// when each change happened. Before each jump `beforeSleep` runs, so the benchmark can see
/// which changes the store shows by now (no run is going while the scheduler sleeps). The Kandji
/// client's pacer and the durable call ledger run on it too, so they count calls in the same
/// virtual hours as the scheduler: a day simulated in minutes spends a day's budget.
final class FreshnessClock: WallClock {
  /// A change to make in Kandji at a moment.
  struct Change: Sendable {
    var at: Date
    var deviceID: String
    var osVersion: String
  }

  private struct State {
    var limit = Date.distantFuture
    var pending: ArraySlice<Change> = []
    var made: [Change] = []
  }

  private let state = Mutex(State())
  /// The time itself, and the background waits (the run's heartbeat) it wakes.
  private let time: ManualClock
  private let simulator: KandjiSimulator
  private let beforeSleep: @Sendable () async -> Void

  init(start: Date, simulator: KandjiSimulator, beforeSleep: @escaping @Sendable () async -> Void) {
    time = ManualClock(start: start)
    self.simulator = simulator
    self.beforeSleep = beforeSleep
  }

  /// Starts the measured period: `changes` happen on their moments, and the scheduler's sleep
  /// past `limit` ends the benchmark.
  func measure(changes: [Change], until limit: Date) {
    state.withLock { s in
      s.pending = changes.sorted { $0.at < $1.at }[...]
      s.limit = limit
    }
  }

  /// Where the measured period ends.
  var limit: Date { state.withLock { $0.limit } }

  func now() -> Date { time.now() }

  func elapsed() -> Duration { time.elapsed() }

  /// Changes made since the last call.
  func takeMadeChanges() -> [Change] {
    state.withLock { s in
      defer { s.made.removeAll() }
      return s.made
    }
  }

  func sleep(until date: Date) async throws {
    try Task.checkCancellation()
    await beforeSleep()
    let limit = self.limit
    advance(to: min(date, limit))
    guard date <= limit else { throw CancellationError() }
    await Task.yield()
  }

  /// The Kandji client's waits for its budget move the benchmark's time on, as it would pass for
  /// a real server.
  func sleep(for duration: Duration) async throws {
    try Task.checkCancellation()
    guard duration > .zero else { return }
    advance(to: now().addingTimeInterval(duration.seconds))
  }

  func sleepInBackground(for duration: Duration) async throws {
    try await time.sleepInBackground(for: duration)
  }

  /// Moves the clock to `target` (never back), making the changes due on the way.
  func advance(to target: Date) {
    let due = state.withLock { s -> [Change] in
      let index = s.pending.firstIndex { $0.at > target } ?? s.pending.endIndex
      let due = Array(s.pending[..<index])
      s.pending = s.pending[index...]
      return due
    }
    for change in due {
      time.advance(to: change.at)
      simulator.setOSVersion(deviceID: change.deviceID, to: change.osVersion)
      state.withLock { $0.made.append(change) }
    }
    time.advance(to: target)
  }
}
