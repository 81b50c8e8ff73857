import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import KandjiAPI
import Logging
import SyncService
import Testing

/// A replica that is alive but lost its lease (its heartbeat went stale, e.g. a long pause, and
/// another replica took the run over) stops at its next heartbeat instead of syncing on.
@Suite("Run lease", .timeLimit(.minutes(2)))
struct LeaseTests {
  @Test(arguments: StoreBackend.allCases)
  func aRunTakenOverByAnotherReplicaStops(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 50, backend: backend) { h in
      // The first page stays in flight (held by the simulator) while the run's heartbeat waits on
      // a manual clock the test moves: no real time passes.
      h.simulator.inject(.hold, on: .list)
      let heartbeats = ManualClock(start: h.time.now())
      var logger = Logger(label: "assetsync.sync.test")
      logger.logLevel = .warning
      let engine = SyncEngine(
        store: h.store, clock: heartbeats, owner: "test", logger: logger)
      let options = SyncOptions(connectionID: h.connectionID, mapping: .default, staleAfter: 4)
      let run = try await engine.begin(trigger: .manual, options: options)
      let client = try h.client()
      let execution = Task { try await engine.execute(run, client: client, options: options) }
      await h.simulator.waitForHeldRequests(1)
      // Another replica's clock says the run is stale: it takes over.
      let takeover = try await h.store.beginSyncRun(
        connectionID: h.connectionID, trigger: .manual, owner: "replica-b", at: h.time.now().addingTimeInterval(60),
        staleAfter: 4)
      // The heartbeat's wait ends; its renewal finds the run taken over and stops the run.
      await heartbeats.waitForBackgroundSleepers()
      heartbeats.advance(by: .seconds(1))
      let finished = try await execution.value
      #expect(finished.status == .interrupted)
      #expect(finished.error?.contains("taken over by another replica") == true, "\(finished.error ?? "")")
      #expect(try await h.store.runningSyncRun(connectionID: nil)?.id == takeover.id)
      #expect(try await h.store.syncRun(id: run.id)?.status == .interrupted)
      #expect(heartbeats.backgroundSleeps.first == .seconds(1), "a heartbeat every staleAfter / 4 seconds")
    }
  }
}
