import AssetCore
import AssetStore
import KandjiAPI

extension SyncEngine {
  /// Phase 1: every page of the listing, planned and written in one transaction each.
  func list(_ state: inout RunState) async throws {
    for try await page in state.client.devicePages() {
      try Task.checkCancellation()
      let devices = page.devices.map(\.snapshot)
      // Undecodable records still protect their assets from retirement when they can be
      // identified by device id or serial number.
      let stubs = page.failures.compactMap { failure -> DeviceSnapshot? in
        guard failure.deviceID != nil || failure.serialNumber != nil else { return nil }
        return DeviceSnapshot(deviceID: failure.deviceID ?? "", serialNumber: failure.serialNumber, platformName: "")
      }
      state.unidentifiedFailures += page.failures.count - stubs.count
      let displayIDs = devices.map { state.options.mapping.displayID(of: $0).value }
      let snapshot = try await store.syncSnapshot(
        connectionID: state.options.connectionID, for: devices + stubs, displayIDs: displayIDs)
      let plan = SyncPlan.make(
        devices: devices, snapshot: snapshot, mapping: state.options.mapping, matchedEarlier: state.matched,
        connectionID: state.options.connectionID)
      state.matched.formUnion(plan.matchedAssetIDs)
      state.seenDeviceIDs.formUnion(devices.map(\.deviceID))
      state.seenDeviceIDs.formUnion(page.failures.compactMap(\.deviceID))
      for stub in stubs {
        let connection = state.options.connectionID
        let bySerial = stub.serialNumber.flatMap { snapshot.bySerial[$0]?.first { $0.connectionID == connection } }
        if let asset = snapshot.byDeviceID[stub.deviceID].flatMap({ $0.connectionID == connection ? $0 : nil })
          ?? bySerial
        {
          state.matched.insert(asset.id)
        }
      }
      let rows = plan.devices.map(\.row) + page.failures.map(\.reportRow)
      let writes = try await store.applySyncBatch(
        SyncBatch(
          runID: state.run.id, at: now(), firstPosition: state.position,
          decisions: plan.devices.map(\.decision), rows: rows, reportedOutcomes: state.options.reportedOutcomes))
      // The store may turn a decision into a failure (a display ID taken meanwhile); count
      // what the plan said, which the store only ever downgrades.
      for row in rows { state.run.totals.count(row.outcome) }
      state.position += rows.count
      state.devicesListed += page.recordCount
      state.run.pages += 1
      state.run.assetWrites += writes
      state.totalCountHint = page.totalCountHint ?? state.totalCountHint
      state.absorbClientStats()
      state.run.heartbeatAt = now()
      try await store.updateSyncRun(state.run)
      state.onProgress(state.progress(.listing))
    }
    state.listingComplete = true
    state.run.listingComplete = true
  }
}
