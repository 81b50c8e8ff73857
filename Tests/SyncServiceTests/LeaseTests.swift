import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import KandjiAPI
import Logging
import SyncService
import Synchronization
import Testing

/// A replica that is alive but lost its lease (its heartbeat went stale, e.g. a long pause, and
/// another replica took the run over) stops at its next heartbeat instead of syncing on.
@Suite("Run lease", .timeLimit(.minutes(2)))
struct LeaseTests {
  @Test(arguments: StoreBackend.allCases)
  func aRunTakenOverByAnotherReplicaStops(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 50, backend: backend) { h in
      // The first page stays in flight (held by the simulator) while the run's heartbeat waits on
      // a clock the test steps: no real time passes.
      h.simulator.inject(.hold, on: .list)
      let heartbeats = SteppedClock()
      var logger = Logger(label: "assetsync.sync.test")
      logger.logLevel = .warning
      let engine = SyncEngine(
        store: h.store, now: { h.time.now }, owner: "test", logger: logger, heartbeatClock: heartbeats)
      let options = SyncOptions(connectionID: h.connectionID, mapping: .default, staleAfter: 4)
      let run = try await engine.begin(trigger: .manual, options: options)
      let client = try h.client()
      let execution = Task { try await engine.execute(run, client: client, options: options) }
      await h.simulator.waitForHeldRequests(1)
      // Another replica's clock says the run is stale: it takes over.
      let takeover = try await h.store.beginSyncRun(
        connectionID: h.connectionID, trigger: .manual, owner: "replica-b", at: h.time.now.addingTimeInterval(60),
        staleAfter: 4)
      // The heartbeat's wait ends; its renewal finds the run taken over and stops the run.
      heartbeats.step()
      let finished = try await execution.value
      #expect(finished.status == .interrupted)
      #expect(finished.error?.contains("taken over by another replica") == true, "\(finished.error ?? "")")
      #expect(try await h.store.runningSyncRun(connectionID: nil)?.id == takeover.id)
      #expect(try await h.store.syncRun(id: run.id)?.status == .interrupted)
      #expect(heartbeats.waits.first == .seconds(1), "a heartbeat every staleAfter / 4 seconds")
    }
  }
}

/// A clock whose sleeps wait until the test calls `step()`, and return at once after it: the
/// heartbeat renews the lease exactly when the test says.
final class SteppedClock: RequestClock {
  private let state = Mutex<(stepped: Bool, waits: [Duration], waiting: [CheckedContinuation<Void, Never>])>(
    (false, [], []))

  func now() -> Duration { .zero }
  func date() -> Date { Date(timeIntervalSince1970: 1_790_000_000) }

  func sleep(for duration: Duration) async throws {
    try Task.checkCancellation()
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let resume = state.withLock {
        $0.waits.append(duration)
        if $0.stepped { return true }
        $0.waiting.append(continuation)
        return false
      }
      if resume { continuation.resume() }
    }
    try Task.checkCancellation()
  }

  /// Ends every wait, now and later.
  func step() {
    let waiting = state.withLock { s -> [CheckedContinuation<Void, Never>] in
      s.stepped = true
      defer { s.waiting.removeAll() }
      return s.waiting
    }
    for continuation in waiting { continuation.resume() }
  }

  /// Every wait asked for, in order.
  var waits: [Duration] { state.withLock { $0.waits } }
}
