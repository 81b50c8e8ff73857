import AssetCore
import AssetStore
import Foundation
import KandjiAPI

/// What "Refresh from Kandji" on one asset did.
public struct AssetRefreshOutcome: Sendable, Hashable {
  public enum Result: Sendable, Hashable {
    /// Kandji's values were applied: the report row's reason names what changed.
    case updated(String)
    case unchanged
    /// Kandji no longer lists the device; the next complete listing of its connection retires it.
    case notListed
    /// Kandji's values could not be applied (a display ID taken, another tenant lists it).
    case refused(String)
  }

  public var result: Result
  /// Whether the details call answered (supervision and UDID refreshed too).
  public var detailsRefreshed: Bool

  /// The result's name in the API (`result`).
  public var resultName: String {
    switch result {
    case .updated: "updated"
    case .unchanged: "unchanged"
    case .notListed: "not_listed"
    case .refused: "refused"
    }
  }

  /// What to tell the agent who asked, on the page and in the API.
  public var message: String {
    switch result {
    case .updated(let changes): "Refreshed from Kandji: \(changes)."
    case .unchanged: "Refreshed from Kandji: nothing changed."
    case .notListed: "Kandji no longer lists this device; the next complete sync of its tenant retires it."
    case .refused(let reason): "Kandji's values were not applied: \(reason)."
    }
  }
}

/// Why an asset could not be refreshed.
public enum AssetRefreshRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  case notFound(Int64)
  case notSynced
  /// Refreshed less than a minute ago: try again after this many seconds.
  case tooSoon(retryAfter: Int)
  /// The connection's single-asset refreshes of the last hour used their share of its budget.
  case allowanceSpent(perHour: Int, retryAfter: Int)

  /// Seconds until a try may succeed, for `Retry-After`.
  public var retryAfter: Int? {
    switch self {
    case .tooSoon(let seconds), .allowanceSpent(_, let seconds): seconds
    case .notFound, .notSynced: nil
    }
  }

  public var description: String {
    switch self {
    case .notFound(let id): "Asset \(id) was not found."
    case .notSynced: "Only assets synced from Kandji can be refreshed from Kandji."
    case .tooSoon(let seconds): "This asset was refreshed a moment ago; try again in \(seconds) seconds."
    case .allowanceSpent(let perHour, let seconds):
      "This Kandji connection's \(perHour) single-asset refreshes of the hour are used up (they keep 5 % of its "
        + "budget for the syncs' sake); try again in \(seconds) seconds."
    }
  }
}
