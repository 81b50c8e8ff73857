import AssetCore
import Foundation
import PostgresNIO

/// Row ↔ value mapping, mirroring `SQLiteAssetStore+Rows`.
extension PostgresAssetStore {
  static let assetColumns = SQLiteAssetStore.assetColumns

  static func attributes(_ row: PGRow) throws -> ManagedAttributes? {
    guard let deviceID: String = try row["kandji_device_id"],
      let platform = (try row["platform"] as String?).flatMap(Platform.init(rawValue:))
    else { return nil }
    return ManagedAttributes(
      deviceID: deviceID, serialNumber: try row["serial_number"], deviceName: try row["device_name"],
      platform: platform, model: try row["model"], osVersion: try row["os_version"], assetTag: try row["asset_tag"],
      lastCheckIn: Date(epoch: try row["last_check_in"]), blueprint: try row["blueprint"],
      enrollmentState: (try row["enrollment_state"] as String?).flatMap(EnrollmentState.init(rawValue:)) ?? .enrolled,
      supervised: try row["supervised"], udid: try row["udid"], userEmail: try row["user_email"],
      userName: try row["user_name"], lastEnrollment: Date(epoch: try row["last_enrollment"]))
  }

  static func asset(_ row: PGRow, customValues: [Int64: String] = [:]) throws -> Asset {
    Asset(
      id: try row["id"], assetTypeID: try row["asset_type_id"], name: try row["name"],
      displayID: try row["display_id"], kandji: try attributes(row), retiredAt: Date(epoch: try row["retired_at"]),
      customValues: customValues, createdBy: try row["created_by"], updatedBy: try row["updated_by"],
      createdAt: Date(timeIntervalSince1970: try row["created_at"]),
      updatedAt: Date(timeIntervalSince1970: try row["updated_at"]))
  }

  static func contact(_ row: PGRow) throws -> Contact {
    let json: String = try row["phones"]
    let phones = (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    return Contact(
      id: try row["id"], name: try row["name"], email: try row["email"], phones: phones,
      createdAt: Date(timeIntervalSince1970: try row["created_at"]),
      updatedAt: Date(timeIntervalSince1970: try row["updated_at"]))
  }

  static func assetType(_ row: PGRow) throws -> AssetType {
    AssetType(
      id: try row["id"], name: try row["name"], description: try row["description"],
      platform: (try row["platform"] as String?).flatMap(Platform.init(rawValue:)))
  }

  static func field(_ row: PGRow) throws -> AssetField {
    let json: String = try row["choices"]
    let choices = (try? JSONDecoder().decode([FieldChoice].self, from: Data(json.utf8))) ?? []
    let position: Int64 = try row["position"]
    return AssetField(
      id: try row["id"], assetTypeID: try row["asset_type_id"], name: try row["name"],
      type: AssetFieldType(rawValue: try row["field_type"]) ?? .text, group: try row["group_name"],
      managedField: (try row["managed_key"] as String?).flatMap(ManagedField.init(rawValue:)),
      position: Int(position), choices: choices)
  }

  static func agent(_ row: PGRow) throws -> Agent {
    Agent(
      id: try row["id"], email: try row["email"], name: try row["name"],
      role: AgentRole(rawValue: try row["role"]) ?? .agent,
      createdAt: Date(timeIntervalSince1970: try row["created_at"]), disabledAt: Date(epoch: try row["disabled_at"]))
  }

  static func ref(_ row: PGRow) throws -> SyncedAssetRef? {
    guard let deviceID: String = try row["kandji_device_id"],
      let platform = (try row["platform"] as String?).flatMap(Platform.init(rawValue:))
    else { return nil }
    return SyncedAssetRef(
      assetID: try row["id"], kandjiDeviceID: deviceID, displayID: try row["display_id"], name: try row["name"],
      platform: platform)
  }

  static func run(_ row: PGRow) throws -> SyncRun {
    func int(_ column: String) throws -> Int { Int(try row[column] as Int64) }
    var totals = SyncTotals()
    totals.created = try int("created")
    totals.updated = try int("updated")
    totals.skipped = try int("skipped")
    totals.failed = try int("failed")
    totals.retired = try int("retired")
    return SyncRun(
      id: try row["id"], trigger: SyncTrigger(rawValue: try row["trigger"]) ?? .manual,
      status: SyncRunStatus(rawValue: try row["status"]) ?? .failed,
      startedAt: Date(timeIntervalSince1970: try row["started_at"]), finishedAt: Date(epoch: try row["finished_at"]),
      heartbeatAt: Date(timeIntervalSince1970: try row["heartbeat_at"]), owner: try row["owner"],
      error: try row["error"], totals: totals, pages: try int("pages"), listRequests: try int("list_requests"),
      detailRequests: try int("detail_requests"), retries: try int("retries"), rateLimited: try int("rate_limited"),
      assetWrites: try int("asset_writes"), detailsPending: try int("details_pending"),
      listingComplete: try row["listing_complete"])
  }
}
