import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import SQLStore
import Testing

/// Types, fields, custom values, lists with contacts and the asset page's one read, on every backend.
@Suite("AssetStore contract: types, fields and asset reads")
struct AssetReadContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  /// A manual type with a text and a number field (no API creates fields yet).
  func typeWithFields(_ store: any AssetStore) async throws -> (AssetType, [AssetField]) {
    let type = try await store.createAssetType(name: "Monitors", description: "Desk monitors")
    for (position, (name, kind)) in [("Size", "text"), ("Ports", "number")].enumerated() {
      try await StoreBackend.execute(
        """
        INSERT INTO asset_fields (asset_type_id, name, field_type, position, choices)
        VALUES (\(type.id), \(name), \(kind), \(position), '[]')
        """, on: store)
    }
    return (type, try await store.fields(assetTypeID: type.id))
  }

  @Test("types and fields: managed ones with stored labels, custom ones after", arguments: StoreBackend.allCases)
  func typesAndFields(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let (monitors, fields) = try await typeWithFields(store)
    #expect(
      try await store.assetTypes().map(\.name) == [
        "Mac", "iPad", "iPhone", "AppleTV", "Android", "Windows", "Monitors",
      ])
    #expect(try await store.assetType(id: monitors.id) == monitors)
    #expect(try await store.assetType(id: 999) == nil)
    #expect(try await store.managedType(for: .windows).platform == .windows)
    #expect(fields.map(\.name) == ["Size", "Ports"])
    #expect(fields.map(\.type) == [.text, .number])
    let kandji = try await store.fields(assetTypeID: try await store.managedType(for: .iPad).id)
    #expect(kandji.map(\.name).prefix(3) == ["Device ID", "Serial Number", "Device Name"])
    #expect(kandji.first { $0.managedField == .lastCheckIn }?.type == .date)
    await #expect(throws: StoreError.invalid(field: "name", message: "This field is required.")) {
      try await store.createAssetType(name: " ", description: "")
    }
  }

  @Test("custom values, contacts and counts through list, listing and detail", arguments: StoreBackend.allCases)
  func listingAndDetail(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let (type, fields) = try await typeWithFields(store)
    let zoe = try await store.createContact(name: "Zoë", email: "zoe@example.com", phones: ["+49 30 1"], at: now)
    let adam = try await store.createContact(name: "Adam", email: "adam@example.com", phones: [], at: now)
    let dell = try await store.createManualAsset(
      ManualAssetDraft(
        assetTypeID: type.id, name: "Dell", displayID: "MON-1", customValues: [fields[0].id: "27 in"],
        contactIDs: [zoe.id, adam.id], createdBy: 7), at: now)
    #expect(dell.customValues == [fields[0].id: "27 in"])
    #expect(dell.createdBy == 7)
    let lg = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: type.id, name: "LG", displayID: "MON-2"), at: now)
    let updated = try await store.updateManualAsset(
      id: lg.id,
      ManualAssetChange(displayID: "MON-2b", customValues: [fields[1].id: "3"], contactIDs: [zoe.id], updatedBy: 8),
      at: now + 60)
    #expect(updated.displayID == "MON-2b")
    #expect(updated.name == "LG")
    #expect(updated.updatedAt == now + 60)
    #expect(updated.customValues == [fields[1].id: "3"])
    await #expect(
      throws: StoreError.invalid(field: "custom_fields.999", message: "Unknown field 999 for this asset type.")
    ) {
      try await store.updateManualAsset(id: lg.id, ManualAssetChange(customValues: [999: "x"]), at: now)
    }
    await #expect(throws: StoreError.invalid(field: "contact_ids", message: "Contact 999 does not exist.")) {
      try await store.createManualAsset(
        ManualAssetDraft(assetTypeID: type.id, name: "X", displayID: "MON-3", contactIDs: [999]), at: now)
    }
    await #expect(throws: StoreError.invalid(field: "asset_type", message: "Asset type 999 does not exist.")) {
      try await store.createManualAsset(ManualAssetDraft(assetTypeID: 999, name: "X", displayID: "MON-4"), at: now)
    }
    await #expect(throws: StoreError.duplicateDisplayID("MON-1")) {
      try await store.updateManualAsset(id: lg.id, ManualAssetChange(displayID: "MON-1"), at: now)
    }

    let listing = try await store.assetListing(AssetQuery(assetTypeID: type.id))
    #expect(listing.items.map(\.asset.name) == ["Dell", "LG"])
    #expect(listing.items[0].contacts.map(\.contact.name) == ["Adam", "Zoë"])
    #expect(listing.items[0].asset.customValues == [fields[0].id: "27 in"])
    #expect(try await store.assets(AssetQuery(contactID: zoe.id)).items.map(\.id) == [dell.id, lg.id])
    #expect(try await store.assetCounts()[type.id] == 2)
    let ticket = try await store.createTicket(TicketDraft(subject: "Flicker", assetIDs: [dell.id]), at: now)
    let detail = try #require(try await store.assetDetail(id: dell.id, recentTickets: 10))
    #expect(detail.asset == (try await store.asset(id: dell.id)))
    #expect(detail.type == type)
    #expect(detail.fields == fields)
    #expect(detail.contacts.map { $0.contact.phones.map(\.number) } == [[], ["+49 30 1"]])
    #expect(detail.recentTickets == [ticket])
    #expect(try await store.assetDetail(id: 999, recentTickets: 10) == nil)
    try await store.deleteManualAsset(id: lg.id)
    #expect(try await store.assetCounts()[type.id] == 1)
  }
}
