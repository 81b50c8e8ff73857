import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import SQLStore
import Testing

/// Deep pages start from remembered anchors instead of skipping every earlier row: they must
/// hold exactly the rows plain OFFSET paging would, before and after a write moves the list.
@Suite("AssetStore contract: deep pages")
struct DeepPageContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  @Test("every page of 2,600 assets, and again after a write", arguments: StoreBackend.allCases)
  func deepPages(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    // Names repeat (ties order by id) and come in no particular order.
    let names = (0..<2_600).map { "Mac \(($0 * 7_919) % 1_300)" }
    let decisions: [SyncDecision] = names.enumerated().map { index, name in
      .create(
        NewManagedAsset(
          platform: .mac, name: name, displayID: "SN-\(index)",
          attributes: ManagedAttributes(deviceID: "d\(index)", serialNumber: "SN-\(index)", platform: .mac),
          contactID: nil))
    }
    let run = try await store.beginSyncRun(
      connectionID: try await store.testConnectionID(), trigger: .manual, owner: "test", at: now, staleAfter: 60)
    _ = try await store.applySyncBatch(
      SyncBatch(runID: run.id, at: now, firstPosition: 0, decisions: decisions, rows: []))
    let mac = try await store.managedType(for: .mac)

    func expected() async throws -> [Int64] {
      let all =
        try await store.assets(AssetQuery(assetTypeID: mac.id, size: 1_000)).items
        + store.assets(AssetQuery(assetTypeID: mac.id, page: 2, size: 1_000)).items
        + store.assets(AssetQuery(assetTypeID: mac.id, page: 3, size: 1_000)).items
      return all.sorted { a, b in
        let (x, y) = (Array(SearchKey.fold(a.name).utf8), Array(SearchKey.fold(b.name).utf8))
        return x == y ? a.id < b.id : x.lexicographicallyPrecedes(y)
      }.map(\.id)
    }
    for round in 0..<2 {
      let order = try await expected()
      #expect(order.count == 2_600 + round)
      for page in [1, 20, 21, 22, 40, 52, 53, 99] {
        let got = try await store.assets(AssetQuery(assetTypeID: mac.id, page: page, size: 50)).items.map(\.id)
        #expect(got == Array(order.dropFirst((page - 1) * 50).prefix(50)), "round \(round), page \(page)")
      }
      // A write moves every row after the first by one: anchors of the old version must not be used.
      _ = try await store.createManualAsset(
        ManualAssetDraft(assetTypeID: mac.id, name: "AAA first", displayID: "A\(round)"), at: now)
    }
  }
}
