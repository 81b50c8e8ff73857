import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import KandjiSimulator
import SyncService
import Testing

@Suite("Sync end to end: duplicates, bad records, storms, outages, interruptions")
struct FailureSyncTests {
  @Test func duplicateDisplayIDsNeverOverwrite() async throws {
    try await SyncHarness.run(devices: 30) { h in
      let sorted = h.simulator.devices.sorted { $0.deviceID < $1.deviceID }
      let (first, second) = (sorted[2], sorted[5])
      for device in [first, second] { h.simulator.update(deviceID: device.deviceID) { $0.assetTag = "DUP-1" } }
      let mapping = FieldMapping(nameSource: .deviceName, displayIDSource: .assetTag)
      let run = try await h.sync(mapping: mapping)
      let rows = try await h.report(run)
      #expect(rows.first { $0.kandjiDeviceID == first.deviceID }?.outcome == .created)
      let failed = try #require(rows.first { $0.kandjiDeviceID == second.deviceID })
      #expect(failed.outcome == .failed)
      #expect(failed.reason.contains("DUP-1"))
      #expect(try await h.store.asset(kandjiDeviceID: second.deviceID) == nil)
      #expect(try await h.store.asset(kandjiDeviceID: first.deviceID)?.displayID == "DUP-1")
      #expect(run.status == .completed)
    }
  }

  @Test func aManualAssetsDisplayIDIsNeverTakenOver() async throws {
    try await SyncHarness.run(devices: 10) { h in
      let device = h.simulator.devices[4]
      let mac = try await h.store.managedType(for: .mac)
      let manual = try await h.store.createManualAsset(
        ManualAssetDraft(assetTypeID: mac.id, name: "Hand-made", displayID: device.serialNumber), at: h.time.now())
      let run = try await h.sync()
      let row = try #require(try await h.report(run).first { $0.kandjiDeviceID == device.deviceID })
      #expect(row.outcome == .failed)
      #expect(row.reason.contains("manual asset #\(manual.id)"))
      #expect(try await h.store.asset(id: manual.id)?.name == "Hand-made")
    }
  }

  @Test func anUndecodableDeviceFailsAloneAndKeepsItsAsset() async throws {
    try await SyncHarness.run(devices: 40) { h in
      _ = try await h.sync()
      let victim = h.simulator.devices[7]
      h.simulator.setCorrupt(deviceID: victim.deviceID)
      let run = try await h.sync()
      #expect(run.status == .completed)
      #expect(run.totals.failed == 1)
      #expect(run.totals.retired == 0)  // identified by serial number, so not retired
      #expect(run.totals.skipped == 39)
      let failed = try #require(try await h.report(run).first { $0.outcome == .failed })
      #expect(failed.reason.contains("could not be read"))
      #expect(try await h.store.asset(kandjiDeviceID: victim.deviceID)?.isRetired == false)
    }
  }

  @Test func a429StormSlowsTheRunDownButItCompletes() async throws {
    try await SyncHarness.run(devices: 300, perSecond: 10) { h in
      h.simulator.inject(.status(429, retryAfter: 30), on: .any, times: 5)
      let run = try await h.sync()
      #expect(run.status == .completed)
      #expect(run.totals.created == 300)
      #expect(run.rateLimited >= 5)
      #expect(h.clock.totalSlept >= .seconds(150))
    }
  }

  @Test func anOutageEndsTheRunAsFailedAndLeavesAssetsAlone() async throws {
    try await SyncHarness.run(devices: 30) { h in
      _ = try await h.sync()
      h.simulator.inject(.status(500), on: .list, times: 10)
      let run = try await h.sync()
      #expect(run.status == .failed)
      #expect(run.error?.contains("server error (500)") == true)
      #expect(run.totals.retired == 0)
      #expect(try await h.store.assets(AssetQuery(retired: false)).total == 30)
    }
  }

  @Test func aTruncatedListingRetiresNothing() async throws {
    try await SyncHarness.run(devices: 700) { h in
      _ = try await h.sync()
      // The second page fails for good: the listing is incomplete.
      let run = try await h.sync(onProgress: { progress in
        if progress.phase == .listing && progress.pages == 1 { h.simulator.inject(.status(503), on: .list, times: 10) }
      })
      #expect(run.status == .failed)
      #expect(!run.listingComplete)
      #expect(run.totals.retired == 0)
      #expect(try await h.store.assets(AssetQuery(retired: true)).total == 0)
    }
  }

  @Test func aRevokedTokenFailsClearly() async throws {
    try await SyncHarness.run(devices: 5) { h in
      let token = h.simulator.issueToken(permissions: [.deviceList, .deviceDetails])
      _ = try await h.sync(token: token)
      h.simulator.revokeToken(token)
      let run = try await h.sync(token: token)
      #expect(run.status == .failed)
      #expect(run.error?.contains("rejected the API token") == true)
      #expect(run.error?.contains(token) == false)
      #expect(try await h.store.assets(AssetQuery()).total == 5)
    }
  }

  @Test func anInterruptedRunResumesWithoutRepeatingDetailCalls() async throws {
    try await SyncHarness.run(devices: 400) { h in
      let stopAfter = 64
      let task = Task {
        try await h.sync(onProgress: { progress in
          if progress.phase == .details && progress.detailsDone >= stopAfter { withUnsafeCurrentTask { $0?.cancel() } }
        })
      }
      let interrupted = try await task.value
      #expect(interrupted.status == .interrupted)
      #expect(try await h.store.assets(AssetQuery()).total == 400)  // every listed asset was kept
      let done = h.simulator.stats.detailRequests
      #expect(done >= stopAfter && done < 400)
      let resumed = try await h.sync()
      #expect(resumed.status == .completed)
      #expect(resumed.totals.skipped == 400)
      #expect(resumed.detailRequests == 400 - done)
      #expect(h.simulator.stats.detailRequests == 400)
      #expect(try await h.store.countAssetsNeedingDetails(connectionID: h.connectionID) == 0)
    }
  }

  @Test func aCrashedRunIsTakenOverOnceItsHeartbeatIsStale() async throws {
    try await SyncHarness.run(devices: 5) { h in
      let crashed = try await h.store.beginSyncRun(
        connectionID: h.connectionID, trigger: .scheduled, owner: "dead-host:1", at: h.time.now(), staleAfter: 120)
      await #expect(throws: StoreError.syncAlreadyRunning(runID: crashed.id)) { try await h.sync() }
      h.time.advance(by: .seconds(600))
      let run = try await h.sync()
      #expect(run.status == .completed)
      #expect(try await h.store.syncRun(id: crashed.id)?.status == .interrupted)
    }
  }
}
