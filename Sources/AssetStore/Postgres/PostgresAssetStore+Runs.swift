import AssetCore
import Foundation
import PostgresNIO

extension PostgresAssetStore {
  /// Atomic across replicas: the transaction first takes a transaction-scoped advisory lock, so
  /// two replicas cannot both see "nothing running" and both insert a run.
  public func beginSyncRun(trigger: SyncTrigger, owner: String, at now: Date, staleAfter: TimeInterval) async throws
    -> SyncRun
  {
    try await write { c in
      try await c.exec("SELECT pg_advisory_xact_lock(\(PostgresSchema.syncRunLockKey))", logger: logger)
      for row in try await c.rows("SELECT * FROM sync_runs WHERE status = 'running' ORDER BY id", logger: logger) {
        let existing = try Self.run(row)
        if existing.heartbeatAt.timeIntervalSince(now) > -staleAfter {
          throw StoreError.syncAlreadyRunning(runID: existing.id)
        }
        let message =
          "Abandoned: no sign of life from \(existing.owner) since \(ISO8601.string(existing.heartbeatAt)). The next run resumed its work."
        try await c.exec(
          """
          UPDATE sync_runs SET status = 'interrupted', finished_at = \(now.epoch), error = \(message)
          WHERE id = \(existing.id)
          """, logger: logger)
      }
      let row = try await c.row(
        """
        INSERT INTO sync_runs (trigger, status, started_at, heartbeat_at, owner)
        VALUES (\(trigger.rawValue), 'running', \(now.epoch), \(now.epoch), \(owner)) RETURNING id
        """, logger: logger)
      return SyncRun(id: try row?["id"] ?? 0, trigger: trigger, startedAt: now, heartbeatAt: now, owner: owner)
    }
  }

  public func heartbeat(runID: Int64, at now: Date) async throws {
    try await writeOne { c in
      let renewed = try await c.exec(
        "UPDATE sync_runs SET heartbeat_at = \(now.epoch) WHERE id = \(runID) AND status = 'running' RETURNING 1",
        logger: logger)
      if renewed == 0 { throw StoreError.syncRunTakenOver(runID: runID) }
    }
  }

  public func updateSyncRun(_ run: SyncRun) async throws {
    let t = run.totals
    try await writeOne { c in
      try await c.exec(
        """
        UPDATE sync_runs SET status = \(run.status.rawValue), finished_at = \(run.finishedAt?.epoch),
          heartbeat_at = \(run.heartbeatAt.epoch), error = \(run.error), created = \(t.created),
          updated = \(t.updated), skipped = \(t.skipped), failed = \(t.failed), retired = \(t.retired),
          pages = \(run.pages), list_requests = \(run.listRequests), detail_requests = \(run.detailRequests),
          retries = \(run.retries), rate_limited = \(run.rateLimited), asset_writes = \(run.assetWrites),
          details_pending = \(run.detailsPending), listing_complete = \(run.listingComplete)
        WHERE id = \(run.id)
        """, logger: logger)
    }
  }

  public func syncRun(id: Int64) async throws -> SyncRun? {
    try await read { c in try await c.row("SELECT * FROM sync_runs WHERE id = \(id)", logger: logger).map(Self.run) }
  }

  public func syncRuns(limit: Int) async throws -> [SyncRun] {
    try await read { c in
      try await c.rows("SELECT * FROM sync_runs ORDER BY id DESC LIMIT \(limit)", logger: logger).map(Self.run)
    }
  }

  public func runningSyncRun() async throws -> SyncRun? {
    try await read { c in
      try await c.row("SELECT * FROM sync_runs WHERE status = 'running' ORDER BY id DESC LIMIT 1", logger: logger)
        .map(Self.run)
    }
  }

  public func reportRows(runID: Int64, afterPosition: Int, limit: Int) async throws -> [SyncReportRow] {
    try await read { c in
      try await c.rows(
        """
        SELECT * FROM sync_report_rows WHERE run_id = \(runID) AND position > \(afterPosition)
        ORDER BY position LIMIT \(limit)
        """, logger: logger
      ).map { row in
        SyncReportRow(
          outcome: SyncOutcome(rawValue: try row["outcome"]) ?? .failed, kandjiDeviceID: try row["kandji_device_id"],
          displayID: try row["display_id"], name: try row["name"], platform: try row["platform"],
          reason: try row["reason"])
      }
    }
  }
}
