import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import KandjiAPI
import SyncService
import Testing

/// A replica that is alive but lost its lease (its heartbeat went stale, e.g. a long pause, and
/// another replica took the run over) stops at its next heartbeat instead of syncing on.
@Suite("Run lease")
struct LeaseTests {
  @Test(arguments: StoreBackend.allCases)
  func aRunTakenOverByAnotherReplicaStops(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 50, backend: backend) { h in
      // The first page takes longer than a heartbeat interval (1 s with staleAfter 4).
      h.simulator.inject(.delay(.seconds(3)), on: .list)
      let options = SyncOptions(connectionID: h.connectionID, mapping: .default, staleAfter: 4)
      let run = try await h.engine.begin(trigger: .manual, options: options)
      let client = try h.client()
      let execution = Task { try await h.engine.execute(run, client: client, options: options) }
      // Another replica's clock says the run is stale: it takes over.
      let takeover = try await h.store.beginSyncRun(
        connectionID: h.connectionID, trigger: .manual, owner: "replica-b", at: h.time.now.addingTimeInterval(60),
        staleAfter: 4)
      let finished = try await execution.value
      #expect(finished.status == .interrupted)
      #expect(finished.error?.contains("taken over by another replica") == true, "\(finished.error ?? "")")
      #expect(try await h.store.runningSyncRun(connectionID: nil)?.id == takeover.id)
      #expect(try await h.store.syncRun(id: run.id)?.status == .interrupted)
    }
  }
}
