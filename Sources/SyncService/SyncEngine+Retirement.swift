import AssetCore
import AssetStore

extension SyncEngine {
  /// Phase 2 (R12): synced assets the complete listing did not show are retired — never
  /// deleted. A listing that failed, was cut short, or that cannot account for every record
  /// retires nothing.
  func retire(_ state: inout RunState) async throws {
    guard state.listingComplete else { return }
    if state.unidentifiedFailures > 0 {
      logger.notice("retirement skipped: \(state.unidentifiedFailures) unreadable records could be any device")
      return
    }
    if let hint = state.totalCountHint, hint > state.devicesListed {
      logger.notice("retirement skipped: Kandji announced \(hint) devices but listed \(state.devicesListed)")
      return
    }
    var afterID: Int64 = 0
    while true {
      try Task.checkCancellation()
      let active = try await store.activeSyncedAssets(
        connectionID: state.options.connectionID, afterID: afterID, limit: 1_000)
      guard let last = active.last else { break }
      afterID = last.assetID
      let gone = active.filter {
        !state.seenDeviceIDs.contains($0.kandjiDeviceID) && !state.matched.contains($0.assetID)
      }
      guard !gone.isEmpty else { continue }
      if state.devicesListed == 0 {
        // An empty listing with synced assets on file looks like a token or tenant mix-up.
        logger.notice("retirement skipped: Kandji listed no devices at all")
        return
      }
      let rows = gone.map {
        SyncReportRow(
          outcome: .retired, kandjiDeviceID: $0.kandjiDeviceID, displayID: $0.displayID, name: $0.name,
          platform: $0.platform.rawValue, reason: "no longer in Kandji")
      }
      state.run.assetWrites += try await store.applySyncBatch(
        SyncBatch(
          runID: state.run.id, at: now(), firstPosition: state.position,
          decisions: gone.map { .retire(assetID: $0.assetID, reason: "no longer in Kandji") }, rows: rows,
          reportedOutcomes: state.options.reportedOutcomes))
      state.position += rows.count
      state.run.totals.retired += rows.count
      try await store.updateSyncRun(state.run)
      state.onProgress(state.progress(.retiring))
    }
  }
}
