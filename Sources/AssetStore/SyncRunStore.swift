import AssetCore
import Foundation

/// Sync runs and their report rows (one run at a time per connection, across replicas).
public protocol SyncRunStore: Sendable {
  /// Starts a run of `connectionID` unless another of it is alive (heartbeat newer than
  /// `staleAfter`, and `ownerIsGone` does not say its process has ended); an abandoned one is
  /// marked interrupted first. Throws `.syncAlreadyRunning(runID, takeOverAfter)`. Runs of
  /// different connections are independent.
  func beginSyncRun(
    connectionID: Int64, trigger: SyncTrigger, owner: String, at: Date, staleAfter: TimeInterval,
    ownerIsGone: @Sendable (String) -> Bool
  ) async throws -> SyncRun
  /// Renews a running run's lease. Throws `.syncRunTakenOver(runID)` when the run is no longer
  /// running (another replica found it stale and took over), so its owner stops.
  func heartbeat(runID: Int64, at: Date) async throws
  func updateSyncRun(_ run: SyncRun) async throws
  func syncRun(id: Int64) async throws -> SyncRun?
  /// Newest first; of one connection, or of all (`nil`).
  func syncRuns(connectionID: Int64?, limit: Int) async throws -> [SyncRun]
  /// Newest first, as `filter` says (by connection, trigger and start).
  func syncRuns(_ filter: SyncRunFilter) async throws -> [SyncRun]
  /// When the newest run of the connection whose listing completed started: every active asset
  /// of the connection holds Kandji's list data as of then (nil: none completed yet).
  func lastCompleteListing(connectionID: Int64) async throws -> Date?
  /// Deletes up to `limit` report rows of runs that ended before `cutoff`, and those runs once
  /// their rows are gone; returns how many rows and runs went (0 when nothing is left to do).
  /// Small batches keep each transaction short while syncs and requests go on.
  func pruneSyncHistory(endedBefore cutoff: Date, limit: Int) async throws -> Int
  /// The running run of one connection, or the newest running run of any (`nil`).
  func runningSyncRun(connectionID: Int64?) async throws -> SyncRun?
  /// Up to `limit` report rows of the run after `afterPosition`, in order. Positions are sparse
  /// (a quick refresh stores only the rows of what changed), so a reader pages with the page's
  /// `lastPosition`, never by counting rows.
  func reportRowPage(runID: Int64, afterPosition: Int, limit: Int) async throws -> ReportRowPage
}

extension SyncRunStore {
  /// `beginSyncRun` that knows nothing of processes: a running run is abandoned only when its
  /// heartbeat is older than `staleAfter`.
  public func beginSyncRun(
    connectionID: Int64, trigger: SyncTrigger, owner: String, at now: Date, staleAfter: TimeInterval
  ) async throws -> SyncRun {
    try await beginSyncRun(
      connectionID: connectionID, trigger: trigger, owner: owner, at: now, staleAfter: staleAfter,
      ownerIsGone: { _ in false })
  }
}
