import AssetCore
import AssetStore
import KandjiAPI

extension SyncEngine {
  /// Phase 3 (R14): details calls for new, re-enrolled and refresh-queued devices only — the
  /// only source of `supervised` and `udid`. Each batch is written as it completes, so a run
  /// stopped here repeats none of the calls it already made.
  func fetchDetails(_ state: inout RunState) async throws {
    // The refresh (or the rotation's share) joins the queue; the devices the listing found are
    // the rotation's fleet (in scope, readable or not). Marked devices persist, so a run stopped
    // below leaves them for the next, and a backfill marked beforehand is fetched here too: the
    // loop has no cap, only the client's pacing inside the durable budget.
    let refresh = state.options.detailsToRefresh(devicesListed: state.seenDeviceIDs.count)
    if refresh > 0 {
      _ = try await store.markOldestDetailsForRefresh(connectionID: state.options.connectionID, limit: refresh)
    }
    state.detailsRemaining = try await store.countAssetsNeedingDetails(connectionID: state.options.connectionID)
    var attempted = Set<Int64>()
    while true {
      try Task.checkCancellation()
      let batch = try await store.assetsNeedingDetails(
        connectionID: state.options.connectionID, limit: state.options.detailsConcurrency * 4
      )
      .filter { !attempted.contains($0.assetID) }
      guard !batch.isEmpty else { break }
      attempted.formUnion(batch.map(\.assetID))
      let runID = state.run.id
      let updates = try await details(for: batch, client: state.client, concurrency: state.options.detailsConcurrency)
        .map { update in
          var update = update
          update.runID = runID
          return update
        }
      state.run.assetWrites += try await store.applyDetails(updates, at: now())
      state.detailsDone += updates.count
      state.detailsRemaining = max(0, state.detailsRemaining - updates.count)
      state.absorbClientStats()
      state.run.heartbeatAt = now()
      try await store.updateSyncRun(state.run)
      state.onProgress(state.progress(.details))
    }
  }

  /// Details of `targets`, a few at a time. A device Kandji no longer knows, or whose details
  /// cannot be read, is marked done without values; an outage or a revoked token ends the run.
  private func details(for targets: [SyncedAssetRef], client: any KandjiClient, concurrency: Int) async throws
    -> [DetailsUpdate]
  {
    try await withThrowingTaskGroup(of: DetailsUpdate.self) { group in
      var updates: [DetailsUpdate] = []
      var iterator = targets.makeIterator()
      func addNext() {
        guard let target = iterator.next() else { return }
        group.addTask {
          do {
            let details = try await client.deviceDetails(id: target.kandjiDeviceID)
            return DetailsUpdate(
              assetID: target.assetID, supervised: details.supervised, udid: details.udid,
              attributes: details.attributes(for: target.platform))
          } catch KandjiError.notFound {
            return DetailsUpdate(assetID: target.assetID, supervised: nil, udid: nil, found: false)
          } catch KandjiError.decoding(let detail) {
            self.logger.warning(
              "details unreadable", metadata: ["device": "\(target.kandjiDeviceID)", "error": "\(detail)"])
            return DetailsUpdate(assetID: target.assetID, supervised: nil, udid: nil, found: false)
          }
        }
      }
      for _ in 0..<concurrency { addNext() }
      while let update = try await group.next() {
        updates.append(update)
        addNext()
      }
      return updates
    }
  }
}
