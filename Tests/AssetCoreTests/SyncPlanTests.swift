import Foundation
import Testing

@testable import AssetCore

@Suite("SyncPlan: every outcome from plain values")
struct SyncPlanTests {
  static let enrolled = Date(timeIntervalSince1970: 1_700_000_000)

  static func device(
    _ id: String, serial: String? = nil, name: String? = nil, platform: String = "Mac", os: String = "14.4",
    assetTag: String? = nil, user: String? = nil, removed: Bool = false, enrolledAt: Date = enrolled
  ) -> DeviceSnapshot {
    DeviceSnapshot(
      deviceID: id, deviceName: name ?? "Device \(id)", model: "MacBook Air", serialNumber: serial ?? "SN-\(id)",
      platformName: platform, osVersion: os, assetTag: assetTag, mdmEnabled: true, agentInstalled: true,
      isMissing: false, isRemoved: removed, lastEnrollment: enrolledAt, userEmail: user,
      userName: user.map { _ in "Ann" })
  }

  static func asset(_ assetID: Int64, for device: DeviceSnapshot, displayID: String? = nil, retired: Bool = false)
    -> SyncedAsset
  {
    SyncedAsset(
      id: assetID, name: device.deviceName ?? "", displayID: displayID ?? device.serialNumber ?? device.deviceID,
      attributes: device.attributes(platform: device.platform!, supervised: true, udid: "U-\(device.deviceID)"),
      isRetired: retired)
  }

  func plan(_ devices: [DeviceSnapshot], _ snapshot: SyncSnapshot = SyncSnapshot(), mapping: FieldMapping = .default)
    -> SyncPlan.Result
  {
    SyncPlan.make(devices: devices, snapshot: snapshot, mapping: mapping, matchedEarlier: [])
  }

  func snapshot(_ assets: [SyncedAsset], owners extra: [String: DisplayIDOwner] = [:], contacts: [String: Int64] = [:])
    -> SyncSnapshot
  {
    var s = SyncSnapshot(contactIDsByEmail: contacts)
    for a in assets {
      s.byDeviceID[a.attributes.deviceID] = a
      if let serial = a.attributes.serialNumber { s.bySerial[serial, default: []].append(a) }
      s.displayIDOwners[a.displayID] = DisplayIDOwner(
        assetID: a.id, name: a.name, kandjiDeviceID: a.attributes.deviceID)
    }
    s.displayIDOwners.merge(extra) { a, _ in a }
    return s
  }

  @Test func newDeviceIsCreatedWithMappedNameAndDisplayID() throws {
    let result = plan([Self.device("d1", serial: "C02ABC", name: "Ann's Mac", user: "ann@example.com")])
    let row = try #require(result.devices.first?.row)
    #expect(row.outcome == .created)
    #expect(row.displayID == "C02ABC")
    #expect(row.name == "Ann's Mac")
    #expect(row.platform == "Mac")
    guard case .create(let new) = result.devices[0].decision else {
      Issue.record("not a create")
      return
    }
    #expect(new.platform == .mac)
    #expect(new.attributes.enrollmentState == .enrolled)
    #expect(new.attributes.supervised == nil)
  }

  @Test func unchangedDeviceIsSkippedWithoutAWrite() {
    let d = Self.device("d1")
    let result = plan([d], snapshot([Self.asset(7, for: d)]))
    #expect(result.devices[0].decision == .skip)
    #expect(result.devices[0].row.outcome == .skipped)
    #expect(result.devices[0].row.reason == "unchanged")
    #expect(result.matchedAssetIDs == [7])
  }

  @Test func listAttributesAreComparedByKeyAndTheFirstDocumentIsNoHistory() throws {
    var before = Self.device("d1")
    before.listAttributes = KandjiAttributeValues(["tags": .tags(["A"]), "storage_free": .number(10.004)])
    var same = before
    // Below what a document keeps (two decimals): no change.
    same.listAttributes["storage_free"] = .number(10.001)
    #expect(plan([same], snapshot([Self.asset(7, for: before)])).devices[0].decision == .skip)

    var after = before
    after.listAttributes["tags"] = .tags(["A", "B"])
    after.listAttributes["lost_mode_status"] = .text("ENABLED")
    let changed = plan([after], snapshot([Self.asset(7, for: before)])).devices[0]
    #expect(changed.row.reason == "changed: tags, lost_mode_status")
    guard case .update(let update) = changed.decision else {
      Issue.record("not an update")
      return
    }
    #expect(update.attributes.listAttributes == after.listAttributes)
    let entries = after.listAttributes.changes(from: before.listAttributes)
    #expect(entries.map(\.label) == ["Tags", "Lost Mode Status"])
    #expect(entries.map(\.old) == ["A", nil] && entries.map(\.new) == ["A, B", "ENABLED"])

    // An asset stored by an earlier release: its first document is an update of its own.
    var upgraded = Self.asset(7, for: before)
    upgraded.listAttributesRead = false
    #expect(plan([before], snapshot([upgraded])).devices[0].row.reason == "changed: kandji attributes (first read)")
  }

  @Test func changedFieldsAreListedAndDetailsAreKept() throws {
    let before = Self.device("d1", os: "14.4")
    let after = Self.device("d1", name: "Renamed", os: "15.1")
    let result = plan([after], snapshot([Self.asset(7, for: before)]))
    guard case .update(let update) = result.devices[0].decision else {
      Issue.record("not an update")
      return
    }
    #expect(update.name == "Renamed")
    #expect(update.attributes.osVersion == "15.1")
    #expect(update.attributes.supervised == true)  // from details, carried over
    #expect(update.attributes.udid == "U-d1")
    #expect(!update.needsDetails)
    #expect(result.devices[0].row.reason == "changed: name, device_name, os_version")
  }

  @Test func reEnrolledDeviceRekeysTheSameAsset() throws {
    let old = Self.device("old", serial: "SAME")
    let new = Self.device("new", serial: "SAME", enrolledAt: Self.enrolled.addingTimeInterval(86_400))
    let result = plan([new], snapshot([Self.asset(7, for: old)]))
    guard case .update(let update) = result.devices[0].decision else {
      Issue.record("not an update")
      return
    }
    #expect(update.assetID == 7)
    #expect(update.attributes.deviceID == "new")
    #expect(update.needsDetails)
    #expect(result.devices[0].row.reason.contains("re-enrolled (was Kandji device old)"))
  }

  @Test func serialMatchIsNotTakenWhenTheOldRecordIsStillListed() {
    let old = Self.device("old", serial: "SAME")
    let twin = Self.device("twin", serial: "SAME")
    let result = plan(
      [old, twin], snapshot([Self.asset(7, for: old, displayID: "old")]),
      mapping: FieldMapping(nameSource: .deviceName, displayIDSource: .deviceID))
    #expect(result.devices[0].decision == .skip)
    guard case .create = result.devices[1].decision else {
      Issue.record("twin should be new")
      return
    }
  }

  @Test func duplicateDisplayIDInOnePageFailsTheSecond() {
    let a = Self.device("a", assetTag: "TAG-1")
    let b = Self.device("b", assetTag: "TAG-1")
    let mapping = FieldMapping(nameSource: .deviceName, displayIDSource: .assetTag)
    let result = plan([a, b], mapping: mapping)
    #expect(result.devices.map(\.row.outcome) == [.created, .failed])
    #expect(result.devices[1].decision == .fail)
    #expect(result.devices[1].row.reason.contains("already used by Kandji device a"))
  }

  @Test func manualAssetsDisplayIDIsNeverTakenOver() {
    let owners = ["SN-d1": DisplayIDOwner(assetID: 3, name: "Spare monitor", kandjiDeviceID: nil)]
    let result = plan([Self.device("d1")], snapshot([], owners: owners))
    #expect(result.devices[0].row.outcome == .failed)
    #expect(result.devices[0].row.reason.contains("manual asset #3 \"Spare monitor\""))
  }

  @Test func existingAssetIsUntouchedWhenItsNewDisplayIDIsTaken() {
    let before = Self.device("d1", assetTag: "OLD")
    let after = Self.device("d1", assetTag: "TAKEN")
    let owners = ["TAKEN": DisplayIDOwner(assetID: 9, name: "Other", kandjiDeviceID: "d9")]
    let mapping = FieldMapping(nameSource: .deviceName, displayIDSource: .assetTag)
    let result = plan(
      [after], snapshot([Self.asset(7, for: before, displayID: "OLD")], owners: owners), mapping: mapping)
    #expect(result.devices[0].decision == .fail)
    #expect(result.matchedAssetIDs == [7])  // still protected from retirement
  }

  @Test func emptyDisplayIDSourceFallsBackToSerialAndSaysSo() {
    let mapping = FieldMapping(nameSource: .deviceName, displayIDSource: .assetTag)
    let result = plan([Self.device("d1", serial: "C02XYZ", assetTag: nil)], mapping: mapping)
    #expect(result.devices[0].row.displayID == "C02XYZ")
    #expect(result.devices[0].row.reason == "display ID from serial_number (asset_tag is empty)")
  }

  @Test func mappingChangeRenamesDisplayIDInsteadOfDuplicating() {
    let d = Self.device("d1", serial: "C02")
    let result = plan(
      [d], snapshot([Self.asset(7, for: d, displayID: "C02")]),
      mapping: FieldMapping(nameSource: .model, displayIDSource: .deviceID))
    guard case .update(let update) = result.devices[0].decision else {
      Issue.record("not an update")
      return
    }
    #expect(update.assetID == 7)
    #expect(update.displayID == "d1")
    #expect(update.name == "MacBook Air")
  }

  @Test func unsupportedPlatformIsSkipped() {
    let result = plan([Self.device("v1", platform: "visionOS")])
    #expect(result.devices[0].row.outcome == .skipped)
    #expect(result.devices[0].row.reason == "platform \"visionOS\" is not supported")
  }

  @Test func isRemovedRetiresOrSkips() {
    let d = Self.device("d1", removed: true)
    #expect(
      plan([d], snapshot([Self.asset(7, for: Self.device("d1"))])).devices[0].decision
        == .retire(assetID: 7, reason: "marked removed in Kandji"))
    #expect(plan([d]).devices[0].row.reason == "removed in Kandji; not imported")
    let retired = Self.asset(7, for: Self.device("d1"), retired: true)
    #expect(plan([d], snapshot([retired])).devices[0].row.outcome == .skipped)
  }

  @Test func aDeviceThatComesBackIsUnretired() {
    let d = Self.device("d1")
    let result = plan([d], snapshot([Self.asset(7, for: d, retired: true)]))
    guard case .update(let update) = result.devices[0].decision else {
      Issue.record("not an update")
      return
    }
    #expect(update.unretire)
    #expect(result.devices[0].row.reason.contains("back in Kandji"))
  }

  @Test func userIsMatchedToAContactCaseInsensitively() {
    let d = Self.device("d1", user: "Ann@Example.COM")
    let created = plan([d], snapshot([], contacts: ["ann@example.com": 42]))
    guard case .create(let new) = created.devices[0].decision else {
      Issue.record("not a create")
      return
    }
    #expect(new.contactID == 42)
    // An existing asset gains the association when the contact appears later.
    let later = plan([d], snapshot([Self.asset(7, for: d)], contacts: ["ann@example.com": 42]))
    guard case .update(let update) = later.devices[0].decision else {
      Issue.record("not an update")
      return
    }
    #expect(update.contactChanged && update.contactID == 42)
    #expect(later.devices[0].row.reason == "changed: contact")
  }

  @Test func manualLinkToTheSameContactSatisfiesTheSync() {
    let d = Self.device("d1", user: "ann@example.com")
    var asset = Self.asset(7, for: d)
    asset.manualContactIDs = [42]
    let result = plan([d], snapshot([asset], contacts: ["ann@example.com": 42]))
    #expect(result.devices[0].decision == .skip)
  }

  @Test func userRemovedInKandjiDropsOnlyTheSyncsLink() {
    let before = Self.device("d1", user: "ann@example.com")
    var asset = Self.asset(7, for: before)
    asset.autoContactID = 42
    asset.manualContactIDs = [5]
    let result = plan([Self.device("d1", user: nil)], snapshot([asset], contacts: ["ann@example.com": 42]))
    guard case .update(let update) = result.devices[0].decision else {
      Issue.record("not an update")
      return
    }
    #expect(update.contactChanged && update.contactID == nil)
  }

  @Test func reEnrollmentWithTheSameIDRefetchesDetails() {
    let before = Self.device("d1")
    let after = Self.device("d1", enrolledAt: Self.enrolled.addingTimeInterval(60))
    let result = plan([after], snapshot([Self.asset(7, for: before)]))
    guard case .update(let update) = result.devices[0].decision else {
      Issue.record("not an update")
      return
    }
    #expect(update.needsDetails)
    #expect(result.devices[0].row.reason == "changed: enrollment")
  }
}
