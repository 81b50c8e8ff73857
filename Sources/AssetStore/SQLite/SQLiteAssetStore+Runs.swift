import AssetCore
import Foundation
import GRDB

extension SQLiteAssetStore {
  public func beginSyncRun(trigger: SyncTrigger, owner: String, at now: Date, staleAfter: TimeInterval) async throws
    -> SyncRun
  {
    do {
      // IMMEDIATE takes SQLite's write lock before reading, so two processes on one file cannot
      // both see "nothing running" and both start.
      return try await writer.writeWithoutTransaction { db in
        var run: SyncRun?
        try db.inTransaction(.immediate) {
          for row in try Row.fetchAll(db, sql: "SELECT * FROM sync_runs WHERE status = 'running'") {
            let existing = Self.run(row)
            if existing.heartbeatAt.timeIntervalSince(now) > -staleAfter {
              throw StoreError.syncAlreadyRunning(runID: existing.id)
            }
            try db.execute(
              sql: "UPDATE sync_runs SET status = 'interrupted', finished_at = ?, error = ? WHERE id = ?",
              arguments: [
                now.epoch,
                "Abandoned: no sign of life from \(existing.owner) since \(ISO8601.string(existing.heartbeatAt)). The next run resumed its work.",
                existing.id,
              ])
          }
          try db.execute(
            sql:
              "INSERT INTO sync_runs (trigger, status, started_at, heartbeat_at, owner) VALUES (?, 'running', ?, ?, ?)",
            arguments: [trigger.rawValue, now.epoch, now.epoch, owner])
          run = SyncRun(id: db.lastInsertedRowID, trigger: trigger, startedAt: now, heartbeatAt: now, owner: owner)
          return .commit
        }
        return run!
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError.database(Self.describe(error))
    }
  }

  public func heartbeat(runID: Int64, at now: Date) async throws {
    try await write { db in
      try db.execute(
        sql: "UPDATE sync_runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'", arguments: [now.epoch, runID])
      if db.changesCount == 0 { throw StoreError.syncRunTakenOver(runID: runID) }
    }
  }

  public func updateSyncRun(_ run: SyncRun) async throws {
    try await write { db in
      try db.execute(
        sql: """
          UPDATE sync_runs SET status = ?, finished_at = ?, heartbeat_at = ?, error = ?, created = ?, updated = ?,
            skipped = ?, failed = ?, retired = ?, pages = ?, list_requests = ?, detail_requests = ?, retries = ?,
            rate_limited = ?, asset_writes = ?, details_pending = ?, listing_complete = ?
          WHERE id = ?
          """,
        arguments: [
          run.status.rawValue, run.finishedAt?.epoch, run.heartbeatAt.epoch, run.error, run.totals.created,
          run.totals.updated, run.totals.skipped, run.totals.failed, run.totals.retired, run.pages, run.listRequests,
          run.detailRequests, run.retries, run.rateLimited, run.assetWrites, run.detailsPending, run.listingComplete,
          run.id,
        ])
    }
  }

  public func syncRun(id: Int64) async throws -> SyncRun? {
    try await read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM sync_runs WHERE id = ?", arguments: [id]).map(Self.run)
    }
  }

  public func syncRuns(limit: Int) async throws -> [SyncRun] {
    try await read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Self.run)
    }
  }

  public func runningSyncRun() async throws -> SyncRun? {
    try await read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM sync_runs WHERE status = 'running' ORDER BY id DESC").map(Self.run)
    }
  }

  public func reportRows(runID: Int64, afterPosition: Int, limit: Int) async throws -> [SyncReportRow] {
    try await read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT * FROM sync_report_rows WHERE run_id = ? AND position > ? ORDER BY position LIMIT ?",
        arguments: [runID, afterPosition, limit]
      ).map { row in
        SyncReportRow(
          outcome: SyncOutcome(rawValue: row["outcome"]) ?? .failed, kandjiDeviceID: row["kandji_device_id"],
          displayID: row["display_id"], name: row["name"], platform: row["platform"], reason: row["reason"])
      }
    }
  }

  static func run(_ row: Row) -> SyncRun {
    var totals = SyncTotals()
    totals.created = row["created"]
    totals.updated = row["updated"]
    totals.skipped = row["skipped"]
    totals.failed = row["failed"]
    totals.retired = row["retired"]
    return SyncRun(
      id: row["id"], trigger: SyncTrigger(rawValue: row["trigger"]) ?? .manual,
      status: SyncRunStatus(rawValue: row["status"]) ?? .failed,
      startedAt: Date(timeIntervalSince1970: row["started_at"]),
      finishedAt: Date(epoch: row["finished_at"]), heartbeatAt: Date(timeIntervalSince1970: row["heartbeat_at"]),
      owner: row["owner"], error: row["error"], totals: totals, pages: row["pages"], listRequests: row["list_requests"],
      detailRequests: row["detail_requests"], retries: row["retries"], rateLimited: row["rate_limited"],
      assetWrites: row["asset_writes"], detailsPending: row["details_pending"], listingComplete: row["listing_complete"]
    )
  }
}
