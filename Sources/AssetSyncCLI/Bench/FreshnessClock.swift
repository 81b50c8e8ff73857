import Foundation
import KandjiSimulator
import SyncService
import Synchronization

/// The freshness benchmark's virtual wall clock: sleeping jumps to the wake-up moment, and on
/// the way changes devices in the simulator at their scheduled moments (an OS update), noting
/// when each change happened. Before each jump `beforeSleep` runs, so the benchmark can see
/// which changes the store shows by now (no run is going while the scheduler sleeps).
final class FreshnessClock: WallClock {
  /// A change to make in Kandji at a moment.
  struct Change: Sendable {
    var at: Date
    var deviceID: String
    var osVersion: String
  }

  private struct State {
    var now: Date
    var pending: ArraySlice<Change>
    var made: [Change] = []
  }

  private let state: Mutex<State>
  private let limit: Date
  private let simulator: KandjiSimulator
  private let beforeSleep: @Sendable () async -> Void

  init(
    start: Date, limit: Date, changes: [Change], simulator: KandjiSimulator,
    beforeSleep: @escaping @Sendable () async -> Void
  ) {
    state = Mutex(State(now: start, pending: changes.sorted { $0.at < $1.at }[...]))
    self.limit = limit
    self.simulator = simulator
    self.beforeSleep = beforeSleep
  }

  func now() -> Date { state.withLock { $0.now } }

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
    let target = min(date, limit)
    let due = state.withLock { s -> [Change] in
      let index = s.pending.firstIndex { $0.at > target } ?? s.pending.endIndex
      let due = Array(s.pending[..<index])
      s.pending = s.pending[index...]
      return due
    }
    for change in due {
      state.withLock { $0.now = max($0.now, change.at) }
      simulator.setOSVersion(deviceID: change.deviceID, to: change.osVersion)
      state.withLock { $0.made.append(change) }
    }
    state.withLock { $0.now = max($0.now, target) }
    guard date <= limit else { throw CancellationError() }
    await Task.yield()
  }
}
