import AssetCore
import Foundation

/// What a sync run reads and writes about assets, scoped to one connection: the snapshot a page
/// of devices is planned against, the page's decisions, retirement and the details queue.
public protocol SyncBatchStore: Sendable {
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
  /// Queues a details call for each of the connection's active synced assets whose details
  /// attributes were never stored (issue 19's backfill: details read by earlier releases only);
  /// returns how many are queued for it. The flag persists, so a stopped backfill resumes.
  func markDetailsBackfill(connectionID: Int64) async throws -> Int
  /// The connection's active synced assets still waiting for a details call (`pending`, whatever
  /// queued them) and all of them (`total`): a backfill's progress is `total - pending` of `total`.
  func detailsBackfillProgress(connectionID: Int64) async throws -> (pending: Int, total: Int)
}
