import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import KandjiAPI
import KandjiSimulator
import SyncService
import Synchronization
import Testing

/// Issue 19: a connection scoped to blueprints lists each chosen blueprint (Kandji's
/// `blueprint_id` filter), retires its assets of devices that left the scope with their own
/// reason — never "no longer in Kandji" — and restores them when they are back; a listing that
/// did not complete retires nothing. Real HTTP over loopback to the simulator.
@Suite("Blueprint scope")
struct BlueprintScopeSyncTests {
  static let outside = "outside this connection's blueprints"

  /// The blueprint of the most devices, its devices, and the others.
  static func split(_ devices: [SimulatedDevice]) -> (id: String, inside: [SimulatedDevice], outside: [SimulatedDevice])
  {
    let counts = Dictionary(grouping: devices, by: \.blueprintID)
    let id = counts.max { $0.value.count < $1.value.count }!.key
    return (id, devices.filter { $0.blueprintID == id }, devices.filter { $0.blueprintID != id })
  }

  @Test(
    "scoped to one blueprint, the others' assets are retired as outside it; widened, the same assets come back",
    arguments: StoreBackend.allCases)
  func narrowThenWiden(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 60, backend: backend) { h in
      #expect(try await h.sync().totals.created == 60)
      let (chosen, inside, outside) = Self.split(h.simulator.devices)
      try #require(!outside.isEmpty && inside.count >= 2)
      var assetIDs: [String: Int64] = [:]
      for device in h.simulator.devices {
        assetIDs[device.deviceID] = try #require(try await h.store.asset(kandjiDeviceID: device.deviceID)).id
      }

      let scoped = try await h.sync(blueprints: [chosen])
      #expect(scoped.status == .completed)
      #expect(scoped.totals.retired == outside.count)
      #expect(scoped.totals.skipped == inside.count)
      for device in outside {
        let asset = try #require(try await h.store.asset(kandjiDeviceID: device.deviceID))
        #expect(asset.isRetired)
        #expect(asset.retiredReason == Self.outside)
      }
      for device in inside { #expect(try await h.store.asset(kandjiDeviceID: device.deviceID)?.isRetired == false) }
      let retiredRows = try await h.report(scoped).filter { $0.outcome == .retired }
      #expect(retiredRows.count == outside.count)
      #expect(retiredRows.allSatisfy { $0.reason == Self.outside })

      // Every blueprint again: the same assets, active again.
      let widened = try await h.sync()
      #expect(widened.status == .completed)
      #expect(widened.totals.retired == 0)
      #expect(widened.totals.created == 0)
      #expect(widened.totals.updated == outside.count)
      for device in outside {
        let asset = try #require(try await h.store.asset(kandjiDeviceID: device.deviceID))
        #expect(asset.id == assetIDs[device.deviceID])
        #expect(!asset.isRetired)
      }
      #expect(try await h.store.assets(AssetQuery(retired: false)).total == 60)
    }
  }

  @Test("each chosen blueprint is listed on its own with blueprint_id; devices of others are never applied")
  func oneListingPerBlueprint() async throws {
    try await SyncHarness.run(devices: 60) { h in
      let groups = Dictionary(grouping: h.simulator.devices, by: \.blueprintID)
      let chosen = Array(groups.keys.sorted().prefix(2))
      try #require(chosen.count == 2 && groups.count > 2)
      let expected = chosen.reduce(0) { $0 + groups[$1]!.count }
      let listed = Mutex(0)
      let run = try await h.sync(blueprints: chosen) { progress in listed.withLock { $0 = progress.devicesListed } }
      #expect(run.status == .completed)
      #expect(run.listingComplete)
      #expect(run.totals.created == expected)
      #expect(run.listRequests == 2)  // one page per blueprint, nothing to confirm
      // Kandji filtered: only the chosen blueprints' devices came over the wire.
      #expect(listed.withLock { $0 } == expected)
      #expect(try await h.store.assets(AssetQuery(retired: false)).total == expected)
    }
  }

  @Test("a device moved to another blueprint is retired as outside the scope; one removed from Kandji as gone")
  func movedAndRemovedAreToldApart() async throws {
    try await SyncHarness.run(devices: 60) { h in
      let (chosen, inside, _) = Self.split(h.simulator.devices)
      try #require(inside.count >= 3)
      #expect(try await h.sync(blueprints: [chosen]).totals.created == inside.count)
      let (moved, removed) = (inside[0], inside[1])
      let other = try #require(h.simulator.generator.blueprints.first { $0.id != chosen })
      #expect(h.simulator.setBlueprint(deviceID: moved.deviceID, name: other.name, id: other.id))
      #expect(h.simulator.remove(deviceID: removed.deviceID))

      let run = try await h.sync(blueprints: [chosen])
      #expect(run.status == .completed)
      #expect(run.totals.retired == 2)
      let movedAsset = try #require(try await h.store.asset(kandjiDeviceID: moved.deviceID))
      #expect(movedAsset.retiredReason == Self.outside)
      let removedAsset = try #require(try await h.store.asset(kandjiDeviceID: removed.deviceID))
      #expect(removedAsset.isRetired)
      #expect(removedAsset.retiredReason == "no longer in Kandji")
      let rows = try await h.report(run).filter { $0.outcome == .retired }
      #expect(rows.first { $0.kandjiDeviceID == moved.deviceID }?.reason == Self.outside)
      #expect(rows.first { $0.kandjiDeviceID == removed.deviceID }?.reason.hasPrefix("no longer in Kandji") == true)

      // Moved back into the scope: restored.
      #expect(h.simulator.setBlueprint(deviceID: moved.deviceID, name: moved.blueprintName, id: chosen))
      let back = try await h.sync(blueprints: [chosen])
      #expect(back.totals.retired == 0)
      let restored = try #require(try await h.store.asset(kandjiDeviceID: moved.deviceID))
      #expect(restored.id == movedAsset.id)
      #expect(!restored.isRetired)
    }
  }

  @Test("a listing that fails after the first blueprint retires nothing", arguments: StoreBackend.allCases)
  func aFailedListingRetiresNothing(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 60, backend: backend) { h in
      #expect(try await h.sync().totals.created == 60)
      let groups = Dictionary(grouping: h.simulator.devices, by: \.blueprintID)
      let chosen = Array(groups.keys.sorted().prefix(2))
      try #require(chosen.count == 2 && groups.count > 2)
      let simulator = h.simulator
      // The first blueprint's page arrives; every later list call fails.
      let run = try await h.sync(blueprints: chosen) { progress in
        if progress.phase == .listing, progress.pages == 1 { simulator.inject(.status(500), on: .list, times: 20) }
      }
      #expect(run.status == .failed)
      #expect(!run.listingComplete)
      #expect(run.totals.retired == 0)
      #expect(try await h.store.assets(AssetQuery(retired: false)).total == 60)
    }
  }

  @Test("the client reads every blueprint with \"List Blueprints\" and tells whether the token has it")
  func blueprintListAndPermission() async throws {
    try await SyncHarness.run(devices: 10) { h in
      let allowed = h.simulator.issueToken(permissions: [.deviceList, .deviceDetails], canListBlueprints: true)
      let denied = h.simulator.issueToken(permissions: [.deviceList, .deviceDetails])
      let blueprints = try await h.client(token: allowed).blueprints()
      #expect(Set(blueprints.map(\.id)) == Set(h.simulator.generator.blueprints.map(\.id)))
      #expect(Set(blueprints.map(\.name)) == Set(h.simulator.generator.blueprints.map(\.name)))
      #expect(try await h.client(token: allowed).canListBlueprints() == true)
      #expect(try await h.client(token: denied).canListBlueprints() == false)
      // Never a reason to refuse the credentials.
      #expect(try await h.client(token: denied).authorize() == .authorized)
    }
  }
}
