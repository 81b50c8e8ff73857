import Foundation

/// The store's answer to "may this asset be refreshed from Kandji on its own now?" (R23), from
/// the durable ledger of single-asset refreshes that every process and replica shares.
public enum AssetRefreshGrant: Sendable, Hashable {
  /// Counted; the refresh may go ahead.
  case granted
  /// The asset was refreshed within the minimum interval; a try may succeed after this many seconds.
  case tooSoon(retryAfter: Int)
  /// The connection's refreshes of the last hour reached its allowance; a try may succeed after
  /// this many seconds (when the oldest of them leaves the hour).
  case allowanceSpent(retryAfter: Int)
}
