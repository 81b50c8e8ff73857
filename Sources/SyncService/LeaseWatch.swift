import Synchronization

/// Whether a run's lease was lost, set by its heartbeat and read when the run ends.
final class LeaseWatch: Sendable {
  private let lost = Mutex(false)

  func markLost() { lost.withLock { $0 = true } }

  var isLost: Bool { lost.withLock { $0 } }
}
