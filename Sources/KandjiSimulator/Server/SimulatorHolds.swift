import Synchronization

/// Requests the simulator keeps unanswered (`SimulatorFault.hold`) until a test releases them, so
/// a test can have a request in flight for as long as it needs without waiting real time.
final class SimulatorHolds: Sendable {
  private struct State {
    var held: [CheckedContinuation<Void, Never>] = []
    /// Requests held so far, released or not.
    var arrived = 0
    var arrivalWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    var stopping = false
  }

  private let state = Mutex(State())

  /// Suspends until `release` (at once when the server is stopping).
  func hold() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let resume = state.withLock { s -> [CheckedContinuation<Void, Never>] in
        s.arrived += 1
        let reached = s.arrivalWaiters.filter { $0.count <= s.arrived }.map(\.continuation)
        s.arrivalWaiters.removeAll { $0.count <= s.arrived }
        if s.stopping { return reached + [continuation] }
        s.held.append(continuation)
        return reached
      }
      for waiter in resume { waiter.resume() }
    }
  }

  /// Returns once `count` requests in all have been held.
  func waitForArrivals(_ count: Int) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let now = state.withLock { s -> Bool in
        if s.arrived >= count { return true }
        s.arrivalWaiters.append((count, continuation))
        return false
      }
      if now { continuation.resume() }
    }
  }

  /// Answers every held request; with `stopping`, requests held later are answered at once and
  /// waiters for arrivals return (a server shutting down must not wait for a test that is gone).
  func release(stopping: Bool = false) {
    let waiting = state.withLock { s -> [CheckedContinuation<Void, Never>] in
      var waiting = s.held
      s.held.removeAll()
      if stopping {
        s.stopping = true
        waiting += s.arrivalWaiters.map(\.continuation)
        s.arrivalWaiters.removeAll()
      }
      return waiting
    }
    for continuation in waiting { continuation.resume() }
  }
}
