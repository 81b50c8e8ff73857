import Foundation
import Testing

@testable import AssetCore

@Suite("Kandji attribute catalogue")
struct KandjiAttributeCatalogueTests {
  @Test func keysAreUniqueAndTheDefaultsAreTheThirteenFieldsInOrder() {
    let keys = KandjiAttributeCatalogue.attributes.map(\.key)
    #expect(Set(keys).count == keys.count)
    #expect(KandjiAttributeCatalogue.defaultKeys == ManagedField.allCases.map(\.rawValue))
    #expect(KandjiAttributeCatalogue.defaults.allSatisfy { $0.managedField?.rawValue == $0.key })
    #expect(KandjiAttributeCatalogue.listExtras.allSatisfy { $0.managedField == nil && $0.source == .list })
    #expect(KandjiAttributeCatalogue.detailsExtras.allSatisfy { $0.managedField == nil && $0.source.isDetails })
  }

  @Test func theIssueListsAreCovered() {
    let required = [
      "blueprint", "tags", "mdm_enabled", "agent_installed", "agent_version", "is_missing", "lost_mode_status",
      "first_enrollment", "last_enrollment", "os_build", "model_identifier", "processor", "memory",
      "storage_capacity", "storage_free", "filevault_enabled", "filevault_key_escrowed", "activation_lock_device",
      "activation_lock_user", "recovery_lock", "auto_enrolled", "supervised", "udid", "mac_address", "last_user",
      "security_patch_level",
    ]
    #expect(required.filter { KandjiAttributeCatalogue.attribute($0) == nil } == [])
    #expect(KandjiAttributeCatalogue.attribute("nope") == nil)
  }

  @Test func platformsFollowWhereKandjiHasTheValue() throws {
    let fileVault = try #require(KandjiAttributeCatalogue.attribute("filevault_enabled"))
    #expect(fileVault.applies(to: .mac) && !fileVault.applies(to: .iPad))
    let patch = try #require(KandjiAttributeCatalogue.attribute("security_patch_level"))
    #expect(patch.platforms == [.android])
    let supervised = try #require(KandjiAttributeCatalogue.attribute("supervised"))
    #expect(!supervised.applies(to: .appleTV))
  }

  @Test func documentsRoundTripCanonically() {
    let checkIn = Date(timeIntervalSince1970: 1_721_744_297.150_08)
    var values = KandjiAttributeValues()
    values["tags"] = .tags(["Finance", "Remote \"HQ\""])
    values["filevault_enabled"] = .boolean(false)
    values["storage_free"] = .number(182.66)
    values["first_enrollment"] = .dateTime(checkIn)
    values["security_patch_level"] = .date("2024-12-05")
    values["agent_version"] = .text("4.5.9 (5160)")
    let read = KandjiAttributeValues(json: values.json)
    #expect(read == values)
    #expect(read.json == values.json)
    // Keys sorted: the same values always give the same text, whatever order they were set in.
    var reordered = KandjiAttributeValues()
    for key in values.values.keys.sorted().reversed() { reordered[key] = values[key] }
    #expect(reordered.json == values.json)
  }

  @Test(
    "stored members of the wrong shape or with unknown keys are skipped",
    arguments: [
      (#"{"filevault_enabled": 1}"#, 0), (#"{"storage_free": true}"#, 0), (#"{"tags": "Finance"}"#, 0),
      (#"{"unknown": "x", "mdm_enabled": true}"#, 1), ("not json", 0), ("[]", 0),
    ])
  func tolerantReading(json: String, count: Int) {
    #expect(KandjiAttributeValues(json: json).values.count == count)
  }

  @Test func valuesReadAsAgentsExpect() {
    #expect(KandjiAttributeValue.boolean(true).text == "Yes")
    #expect(KandjiAttributeValue.number(228.27).text == "228.27")
    #expect(KandjiAttributeValue.number(128).text == "128")
    #expect(KandjiAttributeValue.tags(["a", "b"]).text == "a, b")
    #expect(KandjiAttributeValue.boolean(false).filterTexts == ["false"])
  }

  @Test func anAssetReadsEachAttributeFromItsSource() throws {
    var kandji = ManagedAttributes(deviceID: "d1", platform: .mac, supervised: true)
    kandji.listAttributes["tags"] = .tags(["Finance"])
    var asset = Asset(
      id: 1, assetTypeID: 1, name: "Mac", displayID: "S1", kandji: kandji, createdAt: .now, updatedAt: .now)
    asset.detailsAttributes["filevault_enabled"] = .boolean(true)
    let attribute = { (key: String) in try #require(KandjiAttributeCatalogue.attribute(key)) }
    #expect(asset.kandjiValue(try attribute("tags")) == .tags(["Finance"]))
    #expect(asset.kandjiValue(try attribute("filevault_enabled")) == .boolean(true))
    #expect(asset.kandjiValue(try attribute("supervised")) == .boolean(true))
    #expect(asset.kandjiValue(try attribute("storage_free")) == nil)
    asset.kandji = nil
    #expect(asset.kandjiValue(try attribute("tags")) == nil)
  }
}
