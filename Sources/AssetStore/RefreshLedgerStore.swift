import AssetCore
import Foundation

/// The durable ledger of single-asset refreshes ("Refresh from Kandji"): their per-asset
/// interval and per-connection hourly allowance, shared by every process and replica.
public protocol RefreshLedgerStore: Sendable {
  /// Counts one single-asset refresh of `assetID` at `at` in the durable ledger, unless the asset
  /// was refreshed less than `minInterval` seconds before or the connection already has
  /// `perHour` refreshes in the hour before `at`. One transaction under a lock, so every process
  /// and replica shares both limits and a restart forgets neither.
  func takeAssetRefresh(connectionID: Int64, assetID: Int64, at: Date, minInterval: TimeInterval, perHour: Int)
    async throws -> AssetRefreshGrant
  /// Gives back the refresh of `assetID` taken at `takenAt` (nothing reached Kandji).
  func returnAssetRefresh(connectionID: Int64, assetID: Int64, takenAt: Date) async throws
}
