import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import Testing

/// Manual asset types and their fields (the admin extension endpoints), on every backend; the
/// Kandji types and fields refuse every change.
@Suite("AssetStore contract: asset types and fields")
struct TypeAdminContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  @Test("types: create with settings, rename, delete when empty; Kandji types refuse", arguments: StoreBackend.allCases)
  func types(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let mac = try await store.managedType(for: .mac)
    #expect(mac.settings == AssetTypeSettings())
    let printers = try await store.createAssetType(
      AssetTypeDraft(
        name: " Printers ", settings: AssetTypeSettings(ticketAssociation: true, contactAssociation: false)))
    #expect(printers.name == "Printers")
    #expect(try await store.assetType(id: printers.id) == printers)
    let renamed = try await store.updateAssetType(
      id: printers.id, AssetTypeChange(name: "Printers & scanners", description: "Office"))
    #expect(renamed.settings.contactAssociation == false)
    #expect(try await store.assetType(id: printers.id)?.name == "Printers & scanners")
    await #expect(throws: StoreError.readOnly(AssetWriteRules.checkRename(mac)!)) {
      try await store.updateAssetType(id: mac.id, AssetTypeChange(name: "Macs"))
    }
    await #expect(throws: StoreError.readOnly(AssetWriteRules.checkDelete(mac)!)) {
      try await store.deleteAssetType(id: mac.id)
    }
    await #expect(throws: StoreError.duplicateName("Mac")) {
      try await store.updateAssetType(id: printers.id, AssetTypeChange(name: "Mac"))
    }
    let asset = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: printers.id, name: "HP", displayID: "P-1"), at: now)
    let ann = try await store.createContact(name: "Ann", email: "ann@example.com", phones: [], at: now)
    await #expect(
      throws: StoreError.invalid(
        field: "contact_id", message: "The asset type Printers & scanners does not allow contacts to be associated.")
    ) { try await store.linkContact(ann.id, toAsset: asset.id, at: now) }
    await #expect(
      throws: StoreError.invalid(
        field: "asset_type", message: "Printers & scanners still has 1 asset; delete them before the type.")
    ) { try await store.deleteAssetType(id: printers.id) }
    try await store.deleteManualAsset(id: asset.id)
    try await store.deleteAssetType(id: printers.id)
    #expect(try await store.assetType(id: printers.id) == nil)
  }

  @Test("fields: the six types, choices with lasting ids, removed choices cleared", arguments: StoreBackend.allCases)
  func fields(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let monitors = try await store.createAssetType(name: "Monitors", description: "")
    let size = try await store.createField(assetTypeID: monitors.id, FieldDraft(name: "Size", type: .number))
    let brand = try await store.createField(
      assetTypeID: monitors.id, FieldDraft(name: "Brand", type: .dropdown, choices: ["Dell", "LG", "HP"]))
    let ports = try await store.createField(
      assetTypeID: monitors.id, FieldDraft(name: "Ports", type: .multipleChoice, choices: ["HDMI", "USB-C"]))
    #expect(
      brand.choices == [
        FieldChoice(id: 1, value: "Dell"), FieldChoice(id: 2, value: "LG"), FieldChoice(id: 3, value: "HP"),
      ])
    #expect(try await store.fields(assetTypeID: monitors.id).map(\.name) == ["Size", "Brand", "Ports"])
    #expect(try await store.field(id: brand.id) == brand)
    await #expect(throws: StoreError.duplicateName("size")) {
      try await store.createField(assetTypeID: monitors.id, FieldDraft(name: "size", type: .text))
    }
    await #expect(throws: StoreError.invalid(field: "choices", message: "Give 1 to 200 choices.")) {
      try await store.createField(assetTypeID: monitors.id, FieldDraft(name: "Empty", type: .dropdown))
    }
    await #expect(throws: StoreError.invalid(field: "type", message: "Use one of the six HappyFox field types.")) {
      try await store.createField(assetTypeID: monitors.id, FieldDraft(name: "Flag", type: .boolean))
    }
    let asset = try await store.createManualAsset(
      ManualAssetDraft(
        assetTypeID: monitors.id, name: "Dell 27", displayID: "M-1",
        customValues: [size.id: "27", brand.id: "3", ports.id: "[1,2]"]), at: now)
    // HP (3) and HDMI (1) go; a new option takes id 4, never a removed one's.
    let changed = try await store.updateField(
      id: brand.id,
      FieldChange(
        name: "Make", choices: [.init(id: 1, text: "Dell Inc."), .init(id: 2, text: "LG"), .init(text: "Lenovo")]))
    #expect(changed.choices.map(\.id) == [1, 2, 4])
    _ = try await store.updateField(id: ports.id, FieldChange(choices: [.init(id: 2, text: "USB-C")]))
    let after = try #require(try await store.asset(id: asset.id))
    #expect(after.customValues == [size.id: "27", ports.id: "[2]"])
    try await store.deleteField(id: size.id)
    #expect(try await store.asset(id: asset.id)?.customValues[size.id] == nil)
    // Clearing a value.
    _ = try await store.updateManualAsset(id: asset.id, ManualAssetChange(customValues: [ports.id: ""]), at: now)
    #expect(try await store.asset(id: asset.id)?.customValues.isEmpty == true)
    let mac = try await store.managedType(for: .mac)
    let kandjiField = try #require(try await store.fields(assetTypeID: mac.id).first)
    await #expect(throws: StoreError.readOnly(AssetWriteRules.checkAddField(to: mac)!)) {
      try await store.createField(assetTypeID: mac.id, FieldDraft(name: "Extra", type: .text))
    }
    await #expect(throws: StoreError.readOnly(AssetWriteRules.checkEdit(kandjiField)!)) {
      try await store.updateField(id: kandjiField.id, FieldChange(name: "X"))
    }
    await #expect(throws: StoreError.readOnly(AssetWriteRules.checkEdit(kandjiField)!)) {
      try await store.deleteField(id: kandjiField.id)
    }
    await #expect(throws: StoreError.notFound("Asset custom field 999999")) { try await store.deleteField(id: 999_999) }
  }

  @Test(
    "manual assets: updated_by is empty until the first update; contacts by email found or created",
    arguments: StoreBackend.allCases)
  func assetContacts(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let mac = try await store.managedType(for: .mac)
    let existing = try await store.createContact(name: "Ann", email: "ann@example.com", phones: [], at: now)
    let asset = try await store.createManualAsset(
      ManualAssetDraft(
        assetTypeID: mac.id, name: "Loaner", displayID: "L-1",
        newContacts: [
          ContactDraft(name: "x", email: "ANN@example.com"), ContactDraft(name: "Don", email: "don@example.com"),
        ],
        createdBy: 7), at: now)
    #expect(asset.createdBy == 7)
    #expect(asset.updatedBy == nil)
    let links = try await store.contactLinks(assetID: asset.id)
    #expect(links.map(\.contact.email) == ["ann@example.com", "don@example.com"])
    #expect(links.first?.contact.id == existing.id)
    let updated = try await store.updateManualAsset(
      id: asset.id, ManualAssetChange(name: "Loaner 2", updatedBy: 8), at: now)
    #expect(updated.updatedBy == 8)
  }
}
