import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  public func syncSnapshot(connectionID: Int64, for devices: [DeviceSnapshot], displayIDs: [String]) async throws
    -> SyncSnapshot
  {
    let queries = SyncSnapshotAssembly.queries(for: devices, displayIDs: displayIDs)
    return try await read { s in try SyncSnapshotAssembly.assemble(try await s.fetch(queries)) }
  }

  /// One transaction per page. Each writing decision must fail alone when another writer took
  /// its display ID since the snapshot. That is rare, so the page is first written in one go
  /// (one round trip on SQLite); only when a unique violation aborts it is it rolled back and
  /// written again with a savepoint per decision.
  public func applySyncBatch(_ batch: SyncBatch) async throws -> Int {
    do {
      return try await write { s in try await Self.apply(batch, s, savepoints: false) }
    } catch is RetryWithSavepoints {
      return try await write { s in try await Self.apply(batch, s, savepoints: true) }
    }
  }

  static func apply(_ batch: SyncBatch, _ s: Database.Session, savepoints: Bool) async throws -> Int {
    var typeIDs: [Platform: Int64] = [:]
    for row in try await s.fetch("SELECT id, platform FROM asset_types WHERE platform IS NOT NULL") {
      if let platform = try row.string(at: 1).flatMap(Platform.init(rawValue:)) {
        typeIDs[platform] = try row.int64(at: 0)
      }
    }
    let writes = try batch.decisions.map {
      try SyncStatements.statements(for: $0, typeIDs: typeIDs, runID: batch.runID, at: batch.at)
    }
    // The asset history, in the same transaction: entries that read the old row go before the
    // decision's writes, a creation's after. Their counts are not asset writes.
    let history = batch.decisions.map {
      AssetHistoryRows.statements(
        for: $0, typeIDs: typeIDs, runID: batch.runID, agentID: batch.agentID, at: batch.at)
    }
    // Lists remember their totals until the next asset write: this page is one.
    let bump = writes.contains { !$0.isEmpty } ? [ListTotals.bump] : []
    var rows = batch.rows
    var written = 0
    if !savepoints {
      do {
        let before = history.flatMap(\.before)
        let after = history.flatMap(\.after)
        written = try await s.execute(bump + before + writes.flatMap { $0 } + after)
          .dropFirst(bump.count + before.count).dropLast(after.count).reduce(0, +)
      } catch SQLFailure.uniqueViolation {
        throw RetryWithSavepoints()
      }
    } else {
      try await s.execute(bump)
      for (index, statements) in writes.enumerated() where !statements.isEmpty {
        let (before, after) = history[index]
        do {
          let counts = try await s.execute(
            ["SAVEPOINT decision"] + before + statements + after + ["RELEASE SAVEPOINT decision"])
          written += counts.dropFirst(1 + before.count).dropLast(1 + after.count).reduce(0, +)
        } catch SQLFailure.uniqueViolation {
          // Another writer took the display ID since the snapshot: never overwrite, report it.
          guard index < rows.count else { throw StoreError.database("a decision without its report row failed") }
          try await s.execute(["ROLLBACK TO SAVEPOINT decision", "RELEASE SAVEPOINT decision"])
          rows[index].outcome = .failed
          rows[index].reason =
            "display ID \"\(rows[index].displayID ?? "")\" was taken by another asset during the sync; nothing was overwritten"
        }
      }
    }
    if let kept = batch.reportedOutcomes { rows = rows.filter { kept.contains($0.outcome) } }
    try await s.execute(SyncStatements.reportRows(rows, runID: batch.runID, firstPosition: batch.firstPosition))
    return written
  }

  public func activeSyncedAssets(connectionID: Int64, afterID: Int64, limit: Int) async throws -> [SyncedAssetRef] {
    try await refs(
      """
      WHERE connection_id = \(connectionID) AND kandji_device_id IS NOT NULL AND retired_at IS NULL AND id > \(afterID)
      ORDER BY id LIMIT \(limit)
      """)
  }

  public func assetsNeedingDetails(connectionID: Int64, limit: Int) async throws -> [SyncedAssetRef] {
    try await refs(
      """
      WHERE connection_id = \(connectionID) AND details_pending = \(raw: dialect.trueLiteral) AND retired_at IS NULL
      ORDER BY id LIMIT \(limit)
      """)
  }

  func refs(_ tail: SQLStatement) async throws -> [SyncedAssetRef] {
    try await read { s in
      try await s.fetch("SELECT \(raw: SyncedAssetRefRecord.columns) FROM assets \(tail)")
        .decoded(SyncedAssetRefRecord.decode).compactMap { $0 }
    }
  }

  public func countAssetsNeedingDetails(connectionID: Int64) async throws -> Int {
    try await read { s in
      Int(
        try await s.fetchOne(
          """
          SELECT COUNT(*) FROM assets WHERE connection_id = \(connectionID)
            AND details_pending = \(raw: dialect.trueLiteral) AND retired_at IS NULL
          """
        )?.int64(at: 0) ?? 0)
    }
  }

  public func markOldestDetailsForRefresh(connectionID: Int64, limit: Int) async throws -> Int {
    guard limit > 0 else { return 0 }
    // Never-fetched details first.
    return try await writeOne(
      """
      UPDATE assets SET details_pending = TRUE WHERE id IN (
        SELECT id FROM assets WHERE connection_id = \(connectionID) AND kandji_device_id IS NOT NULL
          AND retired_at IS NULL AND details_pending = FALSE
        ORDER BY details_fetched_at NULLS FIRST, id LIMIT \(limit))
      """)
  }

  public func markDetailsBackfill(connectionID: Int64) async throws -> Int {
    try await writeOne(
      """
      UPDATE assets SET details_pending = TRUE
      WHERE connection_id = \(connectionID) AND kandji_device_id IS NOT NULL AND retired_at IS NULL
        AND details_attributes IS NULL
      """)
  }

  public func detailsBackfillProgress(connectionID: Int64) async throws -> (pending: Int, total: Int) {
    try await read { s in
      let row = try await s.fetchOne(
        """
        SELECT COALESCE(SUM(CASE WHEN details_pending = \(raw: dialect.trueLiteral) THEN 1 ELSE 0 END), 0), COUNT(*)
        FROM assets WHERE connection_id = \(connectionID) AND kandji_device_id IS NOT NULL AND retired_at IS NULL
        """)
      return (Int(try row?.int64(at: 0) ?? 0), Int(try row?.int64(at: 1) ?? 0))
    }
  }

  public func applyDetails(_ updates: [DetailsUpdate], at now: Date) async throws -> Int {
    guard !updates.isEmpty else { return 0 }
    return try await write { s in
      // History first: it compares with the values the update replaces, read in one query.
      let found = updates.filter(\.found).map(\.assetID)
      if !found.isEmpty {
        var before: [Int64: SyncStatements.DetailsBefore] = [:]
        for rows in try await s.fetch(SyncStatements.detailsBefore(found)) {
          before.merge(try SyncStatements.DetailsBefore.read(rows)) { $1 }
        }
        _ = try await s.execute(SyncStatements.detailsHistory(updates, before: before, at: now))
      }
      // The details document and supervised are list filters (issue 19): remembered totals end.
      let bump = found.isEmpty ? [] : [ListTotals.bump]
      return try await s.execute(bump + SyncStatements.details(updates, at: now)).dropFirst(bump.count).reduce(0, +)
    }
  }
}

/// Thrown by a page written in one go that hit a unique violation: write it again with a
/// savepoint per decision.
struct RetryWithSavepoints: Error {}
