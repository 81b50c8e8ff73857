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
    // A CRLF inside a value is one Character; it must still be quoted.
    #expect(SyncReportCSV.field("a\r\nb") == "\"a\r\nb\"")
  }

  @Test(
    "cells that spreadsheets would run as formulas get a leading quote",
    arguments: [
      ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
      ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'\tcmd"),
      ("\rcmd", "\"'\rcmd\""), ("Ann's Mac", "Ann's Mac"), ("a=b", "a=b"), ("", ""),
    ])
  func csvNeutralisesFormulas(value: String, expected: String) {
    #expect(SyncReportCSV.field(value) == expected)
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

@Suite("The daily schedule across time zones and DST")
struct SyncScheduleTests {
  func date(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

  @Test func laterTodayOrTomorrow() {
    let schedule = SyncSchedule(hour: 2, minute: 30, timeZone: "UTC")
    #expect(schedule.nextRun(after: date("2026-03-10T01:00:00Z")) == date("2026-03-10T02:30:00Z"))
    #expect(schedule.nextRun(after: date("2026-03-10T02:30:00Z")) == date("2026-03-11T02:30:00Z"))
  }

  @Test func inTheAdminsTimeZone() {
    let schedule = SyncSchedule(hour: 9, minute: 0, timeZone: "America/New_York")
    #expect(schedule.nextRun(after: date("2026-01-15T00:00:00Z")) == date("2026-01-15T14:00:00Z"))  // EST, UTC-5
    #expect(schedule.nextRun(after: date("2026-07-15T00:00:00Z")) == date("2026-07-15T13:00:00Z"))  // EDT, UTC-4
  }

  @Test func springForwardSkipsToTheNextValidTime() {
    // Berlin skips 02:00–03:00 on 2026-03-29.
    let schedule = SyncSchedule(hour: 2, minute: 30, timeZone: "Europe/Berlin")
    let next = schedule.nextRun(after: date("2026-03-28T12:00:00Z"))
    #expect(next == date("2026-03-29T01:00:00Z"))  // 03:00 CEST, the first valid moment
    #expect(schedule.nextRun(after: next) == date("2026-03-30T00:30:00Z"))
  }

  @Test func fallBackRunsOnceAtTheFirstOccurrence() {
    // Berlin repeats 02:00–03:00 on 2026-10-25.
    let schedule = SyncSchedule(hour: 2, minute: 30, timeZone: "Europe/Berlin")
    let first = schedule.nextRun(after: date("2026-10-24T12:00:00Z"))
    #expect(first == date("2026-10-25T00:30:00Z"))  // 02:30 CEST
    #expect(schedule.nextRun(after: first) == date("2026-10-26T01:30:00Z"))  // not 02:30 CET the same night
  }

  @Test func validation() {
    #expect(SyncSchedule(hour: 24).problem != nil)
    #expect(SyncSchedule(minute: -1).problem != nil)
    #expect(SyncSchedule(timeZone: "Mars/Olympus").problem?.contains("unknown time zone") == true)
    #expect(SyncSchedule(hour: 23, minute: 59, timeZone: "Asia/Kolkata").problem == nil)
  }
}

@Suite("ISO 8601 text")
struct ISO8601Tests {
  @Test("matches Foundation's format style for dates around the epoch, leap days and far ahead")
  func matchesFormatStyle() {
    var dates = [
      0, -1, -86_400, 951_782_400, 1_709_164_800.999, 1_796_103_597.5014548, 4_102_444_799, -2_208_988_800.25,
    ]
    .map(Date.init(timeIntervalSince1970:))
    var seed: UInt64 = 7
    for _ in 0..<2_000 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1
      dates.append(Date(timeIntervalSince1970: Double(seed % 8_000_000_000) - 2_000_000_000 + 0.37))
    }
    for date in dates { #expect(ISO8601.string(date) == date.formatted(.iso8601), "\(date.timeIntervalSince1970)") }
  }
}
