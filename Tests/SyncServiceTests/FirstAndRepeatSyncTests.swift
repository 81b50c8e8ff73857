import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import KandjiAPI
import KandjiSimulator
import SyncService
import Testing

@Suite("Sync end to end over loopback: first import and repeat runs")
struct FirstAndRepeatSyncTests {
  @Test(arguments: StoreBackend.allCases)
  func firstSyncImportsEveryDeviceWithAll13Fields(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 700, backend: backend) { h in
      let run = try await h.sync()
      #expect(run.status == .completed)
      #expect(run.totals.created == 700)
      #expect(run.totals.devices == 700)
      #expect(run.listRequests == 3)  // ⌈700/300⌉
      #expect(run.detailRequests == 700)  // details once for every new device
      #expect(run.detailsPending == 0)
      #expect(run.listingComplete)
      for device in h.simulator.devices {
        let asset = try #require(try await h.store.asset(kandjiDeviceID: device.deviceID))
        let type = try #require(try await h.store.assetType(id: asset.assetTypeID))
        #expect(type.platform == device.platform)
        #expect(asset.displayID == device.serialNumber)
        #expect(asset.name == device.deviceName)
        let k = try #require(asset.kandji)
        #expect(k.serialNumber == device.serialNumber)
        #expect(k.model == device.model)
        #expect(k.osVersion == device.osVersion)
        #expect(k.assetTag == (device.assetTag.isEmpty ? nil : device.assetTag))
        #expect(k.blueprint == device.blueprintName)
        #expect(k.userEmail == device.user?.email)
        #expect(k.supervised == device.supervised)
        #expect(k.udid == device.udid)
        #expect(k.enrollmentState == (device.isMissing ? .missing : .enrolled))
        #expect(
          abs((k.lastCheckIn?.timeIntervalSince1970 ?? 0) - (device.lastCheckIn?.timeIntervalSince1970 ?? 0)) < 0.001)
      }
      let rows = try await h.report(run)
      #expect(rows.count == 700)
      #expect(rows.allSatisfy { $0.outcome == .created })
    }
  }

  @Test(arguments: StoreBackend.allCases)
  func secondSyncOfAnUnchangedFleetWritesNothingAndCallsNoDetails(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 650, backend: backend) { h in
      _ = try await h.sync()
      h.simulator.resetStats()
      let second = try await h.sync()
      #expect(second.status == .completed)
      #expect(second.totals.skipped == 650)
      #expect(second.totals.devices == 650)
      #expect(second.listRequests == 3)
      #expect(second.detailRequests == 0)
      #expect(second.assetWrites == 0)
      #expect(h.simulator.stats.detailRequests == 0)
      #expect(try await h.report(second).allSatisfy { $0.outcome == .skipped && $0.reason == "unchanged" })
    }
  }

  @Test(arguments: StoreBackend.allCases)
  func thirdSyncReportsExactlyWhatChangedInKandji(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 200, backend: backend) { h in
      _ = try await h.sync()
      let devices = h.simulator.devices
      let renamed = devices[3]
      let reEnrolled = devices[10]
      let removed = devices[20]
      let upgraded = devices[30]
      let oldAsset = try #require(try await h.store.asset(kandjiDeviceID: reEnrolled.deviceID))
      h.simulator.rename(deviceID: renamed.deviceID, to: "Front desk Mac")
      let newID = try #require(h.simulator.reEnroll(deviceID: reEnrolled.deviceID))
      h.simulator.remove(deviceID: removed.deviceID)
      h.simulator.setOSVersion(deviceID: upgraded.deviceID, to: "26.1")
      let added = h.simulator.addDevices(count: 2)
      h.simulator.resetStats()

      let run = try await h.sync()
      #expect(run.status == .completed)
      #expect(run.totals.created == 2)
      #expect(run.totals.updated == 3)
      #expect(run.totals.retired == 1)
      #expect(run.totals.skipped == 200 - 4)
      #expect(run.totals.failed == 0)
      #expect(run.detailRequests == 3)  // two new devices and the re-enrolled one
      let rows = try await h.report(run)
      func row(_ id: String) -> SyncReportRow? { rows.first { $0.kandjiDeviceID == id } }
      #expect(row(renamed.deviceID)?.outcome == .updated)
      #expect(row(renamed.deviceID)?.reason.contains("name") == true)
      #expect(row(newID)?.outcome == .updated)
      #expect(row(newID)?.reason.contains("re-enrolled (was Kandji device \(reEnrolled.deviceID))") == true)
      #expect(row(removed.deviceID)?.outcome == .retired)
      #expect(row(upgraded.deviceID)?.reason == "changed: os_version")
      for device in added { #expect(row(device.deviceID)?.outcome == .created) }

      // The re-enrolled device kept its asset; the removed one is retired, not deleted.
      #expect(try await h.store.asset(kandjiDeviceID: newID)?.id == oldAsset.id)
      #expect(try await h.store.asset(kandjiDeviceID: removed.deviceID)?.isRetired == true)
      #expect(try await h.store.asset(kandjiDeviceID: renamed.deviceID)?.name == "Front desk Mac")

      // A device that comes back is un-retired.
      var back = removed
      back.osVersion = removed.osVersion
      h.simulator.add(back)
      let fourth = try await h.sync()
      #expect(fourth.totals.updated == 1)
      #expect(try await h.store.asset(kandjiDeviceID: removed.deviceID)?.isRetired == false)
    }
  }

  @Test(arguments: StoreBackend.allCases)
  func contactsAreLinkedByEmail(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 60, backend: backend) { h in
      let owned = try #require(h.simulator.devices.first { $0.user != nil })
      let email = try #require(owned.user?.email)
      let contact = try await h.store.createContact(
        name: "Owner", email: email.uppercased(), phones: [], at: h.time.now())
      _ = try await h.sync()
      let asset = try #require(try await h.store.asset(kandjiDeviceID: owned.deviceID))
      #expect(try await h.store.contactLinks(assetID: asset.id).map(\.contact.id) == [contact.id])
      // The user changes in Kandji: the sync's association follows; an agent's stays.
      let other = try await h.store.createContact(
        name: "Agent pick", email: "pick@example.com", phones: [], at: h.time.now())
      try await h.store.linkContact(other.id, toAsset: asset.id, at: h.time.now())
      h.simulator.setUser(deviceID: owned.deviceID, to: nil)
      _ = try await h.sync()
      #expect(try await h.store.contactLinks(assetID: asset.id).map(\.contact.id) == [other.id])
    }
  }
}
