import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import KandjiAPI
import KandjiSimulator
import SyncService
import Testing

/// Issue 19 end to end: the simulator's list and details attributes, synced over loopback, are
/// stored typed; an unchanged tenant writes nothing; a changed tag is one update and one entry.
@Suite("Sync end to end over loopback: Kandji attributes")
struct KandjiAttributeSyncTests {
  @Test(arguments: StoreBackend.allCases)
  func tagsFileVaultAndStorageAreStored(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 12, backend: backend) { h in
      let mac = try #require(h.simulator.devices.first { $0.platform == .mac && !$0.isRemoved })
      h.simulator.setTags(deviceID: mac.deviceID, to: ["Finance", "Remote"])
      h.simulator.setFileVault(deviceID: mac.deviceID, enabled: true)
      h.simulator.setStorageFree(deviceID: mac.deviceID, gigabytes: 123.45)
      let capacity = try #require(h.simulator.device(id: mac.deviceID)).storageCapacityGB
      let first = try await h.sync()
      #expect(first.status == .completed)

      let asset = try #require(try await h.store.asset(kandjiDeviceID: mac.deviceID))
      #expect(asset.kandji?.listAttributes["tags"] == .tags(["Finance", "Remote"]))
      #expect(asset.kandji?.listAttributes["mdm_enabled"] == .boolean(mac.mdmEnabled))
      #expect(asset.detailsAttributes["filevault_enabled"] == .boolean(true))
      #expect(asset.detailsAttributes["filevault_key_escrowed"] == .boolean(true))
      #expect(asset.detailsAttributes["storage_free"] == .number(123.45))
      if case .number(let stored)? = asset.detailsAttributes["storage_capacity"] {
        #expect(abs(stored - capacity) < 0.01)
      } else {
        Issue.record("no storage capacity: \(asset.detailsAttributes)")
      }
      let tagged = try await h.store.assets(
        AssetQuery(attributeFilters: [AttributeFilter(key: "tags", value: "Remote")]))
      #expect(tagged.items.map(\.id) == [asset.id])
      let fileVault = try await h.store.assets(
        AssetQuery(attributeFilters: [AttributeFilter(key: "filevault_enabled", value: "true")]))
      #expect(fileVault.items.map(\.id).contains(asset.id))

      // Nothing changed in Kandji: nothing is written.
      let second = try await h.sync()
      #expect(second.totals.updated == 0 && second.assetWrites == 0)

      h.simulator.setTags(deviceID: mac.deviceID, to: ["Finance", "Loaner"])
      let third = try await h.sync()
      #expect(third.totals.updated == 1)
      let row = try #require(try await h.report(third).first { $0.kandjiDeviceID == mac.deviceID })
      #expect(row.outcome == .updated && row.reason == "changed: tags")
      let history = try #require(try await h.store.assetHistory(assetID: asset.id, page: 1, size: 50)).items
        .filter { $0.kind == .fieldChanged }
      #expect(history.map(\.field) == ["Tags"])
      #expect(history.first?.oldValue == "Finance, Remote" && history.first?.newValue == "Finance, Loaner")
    }
  }
}
