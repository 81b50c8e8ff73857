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

extension SyncCoordinator {
  /// How often one asset may be refreshed on its own.
  static let assetRefreshInterval: TimeInterval = 60

  /// "Refresh from Kandji" (R23): one list call filtered by the asset's device id and one
  /// details call, applied with the sync's own plan (so display-ID and tenant rules hold), at
  /// most once a minute per asset and within 5 % of the connection's hourly budget, both counted
  /// in the store (`takeAssetRefresh`) so a restart or another replica sees the same counts. It
  /// takes no run lease — a ten-hour import of the same connection may be going — and its calls
  /// count against the connection's API budget.
  /// - Parameter agentID: who asked; the asset's history records it with what changed.
  public func refreshAsset(id assetID: Int64, by agentID: Int64? = nil) async throws -> AssetRefreshOutcome {
    let now = now()
    guard let asset = try await store.asset(id: assetID) else { throw AssetRefreshRefusal.notFound(assetID) }
    guard let deviceID = asset.kandji?.deviceID, let connectionID = asset.connectionID else {
      throw AssetRefreshRefusal.notSynced
    }
    guard let connection = try await store.kandjiConnection(id: connectionID), !connection.isRemoved else {
      throw SyncRefusal.noSuchConnection(connectionID)
    }
    let options = try SyncRefusal.check(connection, staleAfter: staleAfter)
    // Taken in one store transaction, so a double click (or a second replica) does not refresh
    // twice; given back when nothing reached Kandji (a refusal, a spent budget).
    try await takeRefreshAllowance(connection, assetID: assetID, now: now)
    do {
      return try await refresh(
        assetID: assetID, deviceID: deviceID, connection: connection, options: options, now: now, by: agentID)
    } catch let error where !(error is KandjiError) {
      try? await store.returnAssetRefresh(connectionID: connectionID, assetID: assetID, takenAt: now)
      throw error
    }
  }

  private func refresh(
    assetID: Int64, deviceID: String, connection: KandjiConnection, options: SyncOptions, now: Date,
    by agentID: Int64?
  ) async throws -> AssetRefreshOutcome {
    let connectionID = connection.id
    let client = try client(for: connection, pacing: connection.settings.pacing.interactive)

    guard let listed = try await client.listedDevice(id: deviceID) else {
      return AssetRefreshOutcome(result: .notListed, detailsRefreshed: false)
    }
    let device = listed.snapshot
    let snapshot = try await store.syncSnapshot(
      connectionID: connectionID, for: [device], displayIDs: [options.mapping.displayID(of: device).value])
    let plan = SyncPlan.make(
      devices: [device], snapshot: snapshot, mapping: options.mapping, matchedEarlier: [], connectionID: connectionID)
    guard let planned = plan.devices.first else {
      return AssetRefreshOutcome(result: .unchanged, detailsRefreshed: false)
    }
    let result: AssetRefreshOutcome.Result
    switch planned.decision {
    case .update(let update) where update.assetID == assetID:
      // No run, so no report rows are stored (the row is there for the store's fallback only).
      _ = try await store.applySyncBatch(
        SyncBatch(
          runID: 0, at: now, firstPosition: 0, decisions: [planned.decision], rows: [planned.row],
          reportedOutcomes: [], agentID: agentID))
      result = .updated(planned.row.reason)
    case .skip where planned.row.outcome == .skipped: result = .unchanged
    default: return AssetRefreshOutcome(result: .refused(planned.row.reason), detailsRefreshed: false)
    }
    do {
      let details = try await client.deviceDetails(id: deviceID)
      _ = try await store.applyDetails(
        [DetailsUpdate(assetID: assetID, supervised: details.supervised, udid: details.udid)], at: self.now())
      return AssetRefreshOutcome(result: result, detailsRefreshed: true)
    } catch is KandjiError {
      // The list's values are stored already; the details wait for the next sync.
      return AssetRefreshOutcome(result: result, detailsRefreshed: false)
    } catch is BudgetSpent {
      return AssetRefreshOutcome(result: result, detailsRefreshed: false)
    }
  }

  /// Single-asset refreshes a connection allows per hour: 5 % of its hourly budget at two calls
  /// each (225 at the default 9,000), at least 10. Any agent may refresh, so a script refreshing
  /// every asset must not starve the connection's syncs.
  static func refreshAllowance(_ connection: KandjiConnection) -> Int {
    max(10, connection.settings.requestsPerHour / 40)
  }

  /// Counts one single-asset refresh of `assetID` in the store's ledger, or refuses it: the
  /// asset was refreshed less than a minute ago, or the connection's allowance of the hour is used.
  func takeRefreshAllowance(_ connection: KandjiConnection, assetID: Int64, now: Date) async throws {
    let allowance = Self.refreshAllowance(connection)
    switch try await store.takeAssetRefresh(
      connectionID: connection.id, assetID: assetID, at: now, minInterval: Self.assetRefreshInterval,
      perHour: allowance)
    {
    case .granted: return
    case .tooSoon(let retryAfter): throw AssetRefreshRefusal.tooSoon(retryAfter: retryAfter)
    case .allowanceSpent(let retryAfter):
      throw AssetRefreshRefusal.allowanceSpent(perHour: allowance, retryAfter: retryAfter)
    }
  }

  /// A client for the connection's stored credentials, counted in its ledger.
  func client(for connection: KandjiConnection, pacing: PacingPolicy) throws -> any KandjiClient {
    do {
      let url = try KandjiBaseURL(connection.apiURL ?? "")
      let token = try sealer.open(connection.sealedToken ?? "")
      return makeClient(
        KandjiEndpoint(
          url: url, token: token, pacing: pacing,
          ledger: StoreCallLedger(store: store, connectionID: connection.id)))
    } catch {
      throw SyncRefusal.badCredentials("\(error)")
    }
  }
}
