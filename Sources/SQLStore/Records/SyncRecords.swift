import AssetCore
import AssetStore
import Foundation

/// How sync runs, report rows and synced-asset references are stored.
enum SyncRunRecord {
  static let columns = """
    id, trigger, status, started_at, finished_at, heartbeat_at, owner, error, created, updated, skipped, failed,
    retired, pages, list_requests, detail_requests, retries, rate_limited, asset_writes, details_pending,
    listing_complete, connection_id
    """

  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> SyncRun {
    let id = try r.int64()
    let trigger = SyncTrigger(rawValue: try r.string()) ?? .manual
    let status = SyncRunStatus(rawValue: try r.string()) ?? .failed
    let startedAt = try r.date()
    let finishedAt = try r.optionalDate()
    let heartbeatAt = try r.date()
    let owner = try r.string()
    let error = try r.optionalString()
    var totals = SyncTotals()
    totals.created = try r.int()
    totals.updated = try r.int()
    totals.skipped = try r.int()
    totals.failed = try r.int()
    totals.retired = try r.int()
    return SyncRun(
      id: id, trigger: trigger, status: status, startedAt: startedAt, finishedAt: finishedAt,
      heartbeatAt: heartbeatAt, owner: owner, error: error, totals: totals, pages: try r.int(),
      listRequests: try r.int(), detailRequests: try r.int(), retries: try r.int(), rateLimited: try r.int(),
      assetWrites: try r.int(), detailsPending: try r.int(), listingComplete: try r.bool(),
      connectionID: try r.optionalInt64())
  }
}

enum ReportRowRecord {
  static let columns = "outcome, kandji_device_id, display_id, name, platform, reason"

  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> SyncReportRow {
    SyncReportRow(
      outcome: SyncOutcome(rawValue: try r.string()) ?? .failed, kandjiDeviceID: try r.optionalString(),
      displayID: try r.optionalString(), name: try r.optionalString(), platform: try r.optionalString(),
      reason: try r.string())
  }
}

enum SyncedAssetRefRecord {
  static let columns = "id, kandji_device_id, display_id, name, platform"

  /// `nil` for a row that is not a synced asset (no device id or platform).
  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> SyncedAssetRef? {
    let id = try r.int64()
    let deviceID = try r.optionalString()
    let displayID = try r.string()
    let name = try r.string()
    guard let deviceID, let platform = try r.optionalString().flatMap(Platform.init(rawValue:)) else { return nil }
    return SyncedAssetRef(assetID: id, kandjiDeviceID: deviceID, displayID: displayID, name: name, platform: platform)
  }
}

extension Array where Element: StoreRow {
  /// Every row decoded by `decode`, each read from its first column.
  func decoded<T>(_ decode: (inout RowReader<Element>) throws -> T) throws -> [T] {
    try map { row in
      var reader = RowReader(row)
      return try decode(&reader)
    }
  }
}
