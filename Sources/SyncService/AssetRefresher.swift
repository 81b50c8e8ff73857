import AssetCore
import AssetStore
import Foundation
import KandjiAPI

/// "Refresh from Kandji" on one asset (R23), on its own beside the sync runs: it takes no run
/// lease, and its limiter (once a minute per asset, 5 % of the connection's hourly budget) lives
/// in the store's ledger so every replica shares it. Built where the `SyncCoordinator` is.
public struct AssetRefresher: Sendable {
  let store: any AssetRecordStore & ConnectionStore & RefreshLedgerStore & SyncBatchStore
  /// Opens the connection's saved token into a client counted in its ledger, as for runs.
  let clients: ConnectionClients
  /// Heartbeat age after which a run counts as abandoned (the connection's readiness check).
  let staleAfter: TimeInterval
  let clock: any WallClock

  public init(
    store: any AssetRecordStore & ConnectionStore & RefreshLedgerStore & SyncBatchStore,
    clients: ConnectionClients, staleAfter: TimeInterval = 120, clock: any WallClock = SystemClock()
  ) {
    self.store = store
    self.clients = clients
    self.staleAfter = staleAfter
    self.clock = clock
  }

  func now() -> Date { clock.now() }

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
    let client = try clients.client(for: connection, pacing: connection.settings.pacing.interactive)

    guard let listed = try await client.listedDevice(id: deviceID) else {
      return AssetRefreshOutcome(result: .notListed, detailsRefreshed: false)
    }
    // A device in a blueprint the connection does not sync is not applied (issue 19): that would
    // restore an asset its listing retired as out of scope.
    guard options.includes(listed) else {
      return AssetRefreshOutcome(
        result: .refused(
          "the device is in a blueprint this connection does not sync (\(listed.blueprintName ?? "unknown"))"),
        detailsRefreshed: false)
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
        [
          DetailsUpdate(
            assetID: assetID, supervised: details.supervised, udid: details.udid, agentID: agentID,
            attributes: device.platform.map(details.attributes(for:)) ?? details.attributes)
        ],
        at: self.now())
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
}
