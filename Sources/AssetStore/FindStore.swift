import AssetCore
import Foundation

/// Finding and following a device (issue 20, R28): one search over devices, contacts and
/// tickets, and every asset's history.
public protocol FindStore: Sendable {
  /// Devices by name, display ID, serial (3+ characters anywhere), asset tag, the Kandji user's
  /// email or name and linked contacts; contacts by name, email or phone; tickets by number
  /// (`#GEN00000006`, `GEN00000006`, `6`) or subject. Case, diacritics, curly or straight
  /// quotes and repeated spaces never matter (`SearchKey.match`). Each kind best match first.
  func search(_ query: SearchQuery) async throws -> SearchResults
  /// An asset's history, newest first; `nil` when the asset does not exist.
  func assetHistory(assetID: Int64, page: Int, size: Int) async throws -> Page<AssetHistoryEntry>?
  /// Deletes at most `limit` history entries older than `before` (the oldest first); returns how
  /// many. The scheduler calls it in small batches, each its own short transaction.
  func pruneAssetHistory(before: Date, limit: Int) async throws -> Int
}
