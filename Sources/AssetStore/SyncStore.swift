import AssetCore
import Foundation

/// The Kandji side of the store: the app, its connections (tenants, R22), their API budget
/// (R24), and everything a sync run reads and writes, scoped to one connection.
public protocol SyncStore: Sendable {
  // MARK: The Kandji app and its connections
  /// App-wide settings (installed).
  func kandjiSettings() async throws -> KandjiSettings
  func saveKandjiSettings(_ settings: KandjiSettings) async throws
  /// Connections by id; removed ones only when asked.
  func kandjiConnections(includeRemoved: Bool) async throws -> [KandjiConnection]
  func kandjiConnection(id: Int64) async throws -> KandjiConnection?
  /// A new connection; `.duplicateName` when another (not removed) connection has the name.
  func createKandjiConnection(_ draft: KandjiConnectionDraft, at: Date) async throws -> KandjiConnection
  /// Saves name, URL, token, enabled flag and settings; `.duplicateName` as above.
  func saveKandjiConnection(_ connection: KandjiConnection) async throws
  /// Marks the connection removed and retires its active assets with `reason` (never deletes
  /// them); returns how many were retired. Its runs and reports stay.
  func removeKandjiConnection(id: Int64, reason: String, at: Date) async throws -> Int

  // MARK: The API budget (R24)
  /// Adds `calls` to the connection's bucket for `minute` (seconds since 1970 / 60).
  func recordKandjiCalls(connectionID: Int64, minute: Int64, calls: Int) async throws
  /// The connection's calls per minute bucket from `minute` on.
  func kandjiCalls(connectionID: Int64, since minute: Int64) async throws -> [Int64: Int]
  /// Forgets the connection's buckets before `minute` (only the last hour counts).
  func pruneKandjiCalls(connectionID: Int64, before minute: Int64) async throws
  /// Counts one single-asset refresh of `assetID` at `at` in the durable ledger, unless the asset
  /// was refreshed less than `minInterval` seconds before or the connection already has
  /// `perHour` refreshes in the hour before `at`. One transaction under a lock, so every process
  /// and replica shares both limits and a restart forgets neither.
  func takeAssetRefresh(connectionID: Int64, assetID: Int64, at: Date, minInterval: TimeInterval, perHour: Int)
    async throws -> AssetRefreshGrant
  /// Gives back the refresh of `assetID` taken at `takenAt` (nothing reached Kandji).
  func returnAssetRefresh(connectionID: Int64, assetID: Int64, takenAt: Date) async throws

  // MARK: Sync, scoped to one connection
  /// What the store holds that `devices` (one page of `connectionID`'s listing) could touch: the
  /// assets with their device ids or serials on any connection (moves), the holders of
  /// `displayIDs`, contacts by email, and the connections' names.
  func syncSnapshot(connectionID: Int64, for devices: [DeviceSnapshot], displayIDs: [String]) async throws
    -> SyncSnapshot
  /// Writes a page's decisions and report rows in one transaction; returns asset rows written.
  func applySyncBatch(_ batch: SyncBatch) async throws -> Int
  /// The connection's synced, unretired assets after `afterID`, in id order (retirement).
  func activeSyncedAssets(connectionID: Int64, afterID: Int64, limit: Int) async throws -> [SyncedAssetRef]
  /// The connection's devices waiting for a details call, oldest first.
  func assetsNeedingDetails(connectionID: Int64, limit: Int) async throws -> [SyncedAssetRef]
  /// Stores details results and clears their pending flag; returns asset rows written.
  func applyDetails(_ updates: [DetailsUpdate], at: Date) async throws -> Int
  func countAssetsNeedingDetails(connectionID: Int64) async throws -> Int
  /// Queues the connection's `limit` assets with the oldest details for a refresh.
  func markOldestDetailsForRefresh(connectionID: Int64, limit: Int) async throws -> Int

  // MARK: Sync runs (one at a time per connection, across replicas)
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

extension SyncStore {
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
