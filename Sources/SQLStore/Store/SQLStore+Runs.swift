import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  /// Atomic across processes and replicas: SQLite's write transaction takes the write lock first
  /// (`BEGIN IMMEDIATE`), PostgreSQL's takes an advisory lock (`SQLDialect.syncRunLock`), so two
  /// starters cannot both see "nothing running" and both insert a run.
  public func beginSyncRun(
    connectionID: Int64, trigger: SyncTrigger, owner: String, at now: Date, staleAfter: TimeInterval,
    ownerIsGone: @Sendable (String) -> Bool
  ) async throws -> SyncRun {
    let lock = dialect.syncRunLock
    return try await write { s in
      if let lock { try await s.fetch(lock) }
      let running = try await s.fetch(
        """
        SELECT \(raw: SyncRunRecord.columns) FROM sync_runs
        WHERE status = 'running' AND connection_id = \(connectionID) ORDER BY id
        """
      ).decoded(SyncRunRecord.decode)
      for existing in running {
        let gone = ownerIsGone(existing.owner)
        if existing.heartbeatAt.timeIntervalSince(now) > -staleAfter && !gone {
          throw StoreError.syncAlreadyRunning(
            runID: existing.id, takeOverAfter: TakeOverTime(existing.heartbeatAt.addingTimeInterval(staleAfter)))
        }
        let message =
          gone
          ? "Abandoned: its process \(existing.owner) has ended. The next run resumed its work."
          : "Abandoned: no sign of life from \(existing.owner) since \(ISO8601.string(existing.heartbeatAt)). The next run resumed its work."
        try await s.execute(
          "UPDATE sync_runs SET status = 'interrupted', finished_at = \(now), error = \(message) WHERE id = \(existing.id)"
        )
      }
      let row = try await s.fetchOne(
        """
        INSERT INTO sync_runs (trigger, status, started_at, heartbeat_at, owner, connection_id)
        VALUES (\(trigger.rawValue), 'running', \(now), \(now), \(owner), \(connectionID)) RETURNING id
        """)
      return SyncRun(
        id: try row?.int64(at: 0) ?? 0, trigger: trigger, startedAt: now, heartbeatAt: now, owner: owner,
        connectionID: connectionID)
    }
  }

  public func heartbeat(runID: Int64, at now: Date) async throws {
    let renewed = try await writeOne(
      "UPDATE sync_runs SET heartbeat_at = \(now) WHERE id = \(runID) AND status = 'running'")
    if renewed == 0 { throw StoreError.syncRunTakenOver(runID: runID) }
  }

  public func updateSyncRun(_ run: SyncRun) async throws {
    let t = run.totals
    try await writeOne(
      """
      UPDATE sync_runs SET status = \(run.status.rawValue), finished_at = \(run.finishedAt),
        heartbeat_at = \(run.heartbeatAt), error = \(run.error), created = \(t.created), updated = \(t.updated),
        skipped = \(t.skipped), failed = \(t.failed), retired = \(t.retired), pages = \(run.pages),
        list_requests = \(run.listRequests), detail_requests = \(run.detailRequests), retries = \(run.retries),
        rate_limited = \(run.rateLimited), asset_writes = \(run.assetWrites), details_pending = \(run.detailsPending),
        listing_complete = \(run.listingComplete)
      WHERE id = \(run.id)
      """)
  }

  public func syncRun(id: Int64) async throws -> SyncRun? {
    try await runs("WHERE id = \(id)").first
  }

  public func syncRuns(connectionID: Int64?, limit: Int) async throws -> [SyncRun] {
    guard let connectionID else { return try await runs("ORDER BY id DESC LIMIT \(limit)") }
    return try await runs("WHERE connection_id = \(connectionID) ORDER BY id DESC LIMIT \(limit)")
  }

  public func syncRuns(_ filter: SyncRunFilter) async throws -> [SyncRun] {
    var conditions: [SQLStatement] = []
    if let connection = filter.connectionID { conditions.append("connection_id = \(connection)") }
    if let triggers = filter.triggers {
      guard !triggers.isEmpty else { return [] }
      conditions.append(
        "trigger IN ("
          + SQLStatement.joined(triggers.sorted { $0.rawValue < $1.rawValue }.map { "\($0.rawValue)" }, separator: ", ")
          + ")")
    }
    for excluded in filter.excludedTriggers.sorted(by: { $0.rawValue < $1.rawValue }) {
      conditions.append("trigger <> \(excluded.rawValue)")
    }
    if let since = filter.startedSince { conditions.append("started_at >= \(since)") }
    let filterText =
      conditions.isEmpty ? SQLStatement("") : "WHERE " + SQLStatement.joined(conditions, separator: " AND ")
    return try await runs("\(filterText) ORDER BY id DESC LIMIT \(filter.limit)")
  }

  public func lastCompleteListing(connectionID: Int64) async throws -> Date? {
    try await runs(
      "WHERE connection_id = \(connectionID) AND listing_complete = \(true) ORDER BY id DESC LIMIT 1"
    ).first?.startedAt
  }

  public func pruneSyncHistory(endedBefore cutoff: Date, limit: Int) async throws -> Int {
    try await write { s in
      // Rows first, a batch at a time; a run goes once its rows are gone.
      let rows = try await s.execute([
        """
        DELETE FROM sync_report_rows WHERE (run_id, position) IN (
          SELECT r.run_id, r.position FROM sync_report_rows r JOIN sync_runs u ON u.id = r.run_id
          WHERE u.status <> 'running' AND u.finished_at < \(cutoff) LIMIT \(limit))
        """
      ])
      if rows.reduce(0, +) > 0 { return rows.reduce(0, +) }
      let runs = try await s.execute([
        """
        DELETE FROM sync_runs WHERE id IN (
          SELECT id FROM sync_runs WHERE status <> 'running' AND finished_at < \(cutoff) LIMIT \(limit))
        """
      ])
      return runs.reduce(0, +)
    }
  }

  public func runningSyncRun(connectionID: Int64?) async throws -> SyncRun? {
    guard let connectionID else {
      return try await runs("WHERE status = 'running' ORDER BY id DESC LIMIT 1").first
    }
    return try await runs(
      "WHERE status = 'running' AND connection_id = \(connectionID) ORDER BY id DESC LIMIT 1"
    ).first
  }

  func runs(_ tail: SQLStatement) async throws -> [SyncRun] {
    try await read { s in
      try await s.fetch("SELECT \(raw: SyncRunRecord.columns) FROM sync_runs \(tail)").decoded(SyncRunRecord.decode)
    }
  }

  public func reportRowPage(runID: Int64, afterPosition: Int, limit: Int) async throws -> ReportRowPage {
    let positioned = try await read { s in
      try await s.fetch(
        """
        SELECT position, \(raw: ReportRowRecord.columns) FROM sync_report_rows
        WHERE run_id = \(runID) AND position > \(afterPosition) ORDER BY position LIMIT \(limit)
        """
      ).decoded { r in (position: Int(try r.int64()), row: try ReportRowRecord.decode(&r)) }
    }
    return ReportRowPage(rows: positioned.map(\.row), lastPosition: positioned.last?.position)
  }
}
