import Foundation
import Testing

@testable import AssetCore

@Suite("Domain rules")
struct DomainRulesTests {
  @Test(
    "enrollment state derivation",
    arguments: [
      (Bool?(true), Bool?(true), Bool?(false), Bool?(false), EnrollmentState.enrolled),
      (true, false, true, false, .missing),
      (false, true, false, false, .agentOnly), (false, false, false, false, .notEnrolled),
      (true, true, false, true, .removed), (nil, nil, nil, nil, .notEnrolled),
    ])
  func enrollment(mdm: Bool?, agent: Bool?, missing: Bool?, removed: Bool?, expected: EnrollmentState) {
    #expect(EnrollmentState(mdmEnabled: mdm, agentInstalled: agent, isMissing: missing, isRemoved: removed) == expected)
  }

  @Test func csvQuotingFollowsRFC4180() {
    let row = SyncReportRow(
      outcome: .failed, kandjiDeviceID: "d1", displayID: "A,B", name: "Ann's \"work\" Mac", platform: "Mac",
      reason: "line one\nline two")
    #expect(SyncReportCSV.line(row) == "failed,d1,\"A,B\",\"Ann's \"\"work\"\" Mac\",Mac,\"line one\nline two\"\r\n")
    #expect(SyncReportCSV.document([]) == "outcome,kandji_device_id,display_id,name,platform,reason\r\n")
  }

  @Test func syncedAssetsAndManagedTypesAreReadOnly() {
    let now = Date()
    let synced = Asset(
      id: 1, assetTypeID: 1, name: "Mac", displayID: "C02", kandji: ManagedAttributes(deviceID: "d", platform: .mac),
      createdAt: now, updatedAt: now)
    let manual = Asset(id: 2, assetTypeID: 1, name: "Dock", displayID: "D1", createdAt: now, updatedAt: now)
    #expect(AssetWriteRules.checkEdit(synced)?.kind == .managedAsset)
    #expect(AssetWriteRules.checkDelete(synced)?.kind == .managedAsset)
    #expect(AssetWriteRules.checkEdit(manual) == nil)
    #expect(AssetWriteRules.checkDelete(manual) == nil)
    let mac = AssetType(id: 1, name: "Mac", platform: .mac)
    #expect(AssetWriteRules.checkRename(mac)?.kind == .managedType)
    #expect(AssetWriteRules.checkDelete(mac)?.kind == .managedType)
    #expect(AssetWriteRules.checkRename(AssetType(id: 9, name: "Monitors")) == nil)
    let field = AssetField(
      id: 1, assetTypeID: 1, name: "UDID", type: .text, group: "Kandji", managedField: .udid, position: 0)
    #expect(AssetWriteRules.checkValue(of: field)?.kind == .managedField)
  }

  @Test func managedFieldValues() {
    let attributes = ManagedAttributes(
      deviceID: "d1", platform: .iPad, lastCheckIn: Date(timeIntervalSince1970: 1_721_743_897), supervised: false,
      userEmail: "ann@example.com")
    #expect(ManagedField.allCases.count == 13)
    #expect(ManagedField.lastCheckIn.value(in: attributes) == "2024-07-23T14:11:37Z")
    #expect(ManagedField.supervised.value(in: attributes) == "false")
    #expect(ManagedField.platform.value(in: attributes) == "iPad")
    #expect(ManagedField.user.value(in: attributes) == "ann@example.com")
    #expect(ManagedField.udid.value(in: attributes) == nil)
  }

  @Test func longNamesAreClipped() {
    let name = Asset.clippedName(String(repeating: "x", count: 500))
    #expect(name.count == Asset.maxNameLength)
    #expect(name.hasSuffix("…"))
  }
}
