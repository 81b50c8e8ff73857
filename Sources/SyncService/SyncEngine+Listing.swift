import AssetCore
import AssetStore
import KandjiAPI

extension SyncEngine {
  /// Phase 1: every page of the listing, planned and written in one transaction each.
  func list(_ state: inout RunState) async throws {
    for try await page in state.client.devicePages() {
      try Task.checkCancellation()
      try await apply(page.devices, failures: page.failures, &state)
      state.run.pages += 1
      state.totalCountHint = page.totalCountHint ?? state.totalCountHint
      state.absorbClientStats()
      state.run.heartbeatAt = now()
      try await store.updateSyncRun(state.run)
      state.onProgress(state.progress(.listing))
    }
    state.listingComplete = true
    state.run.listingComplete = true
  }

  /// Plans and writes devices Kandji listed (a page, or devices a retirement check found still
  /// listed) in one transaction. A device this run already applied is left out: Kandji pages by
  /// offset only, so a device that enrolled meanwhile pushes the last device of one page onto the
  /// next, and it is applied and reported once.
  func apply(_ listed: [KandjiDevice], failures listedFailures: [DeviceDecodeFailure], _ state: inout RunState)
    async throws
  {
    var firstSeen = Set<String>()
    let devices = listed.map(\.snapshot).filter {
      !state.seenDeviceIDs.contains($0.deviceID) && firstSeen.insert($0.deviceID).inserted
    }
    let failures = listedFailures.filter { failure in
      failure.deviceID.map { !state.seenDeviceIDs.contains($0) && firstSeen.insert($0).inserted } ?? true
    }
    // Undecodable records still protect their assets from retirement when they can be
    // identified by device id or serial number.
    let stubs = failures.compactMap { failure -> DeviceSnapshot? in
      guard failure.deviceID != nil || failure.serialNumber != nil else { return nil }
      return DeviceSnapshot(deviceID: failure.deviceID ?? "", serialNumber: failure.serialNumber, platformName: "")
    }
    state.unidentifiedFailures += failures.count - stubs.count
    state.seenDeviceIDs.formUnion(firstSeen)
    state.devicesListed += devices.count + failures.count
    guard !devices.isEmpty || !failures.isEmpty else { return }
    let displayIDs = devices.map { state.options.mapping.displayID(of: $0).value }
    let snapshot = try await store.syncSnapshot(
      connectionID: state.options.connectionID, for: devices + stubs, displayIDs: displayIDs)
    let plan = SyncPlan.make(
      devices: devices, snapshot: snapshot, mapping: state.options.mapping, matchedEarlier: state.matched,
      connectionID: state.options.connectionID)
    state.matched.formUnion(plan.matchedAssetIDs)
    for stub in stubs {
      let connection = state.options.connectionID
      let bySerial = stub.serialNumber.flatMap { snapshot.bySerial[$0]?.first { $0.connectionID == connection } }
      if let asset = snapshot.byDeviceID[stub.deviceID].flatMap({ $0.connectionID == connection ? $0 : nil })
        ?? bySerial
      {
        state.matched.insert(asset.id)
      }
    }
    let rows = plan.devices.map(\.row) + failures.map(\.reportRow)
    let writes = try await store.applySyncBatch(
      SyncBatch(
        runID: state.run.id, at: now(), firstPosition: state.position,
        decisions: plan.devices.map(\.decision), rows: rows, reportedOutcomes: state.options.reportedOutcomes))
    // The store may turn a decision into a failure (a display ID taken meanwhile); count
    // what the plan said, which the store only ever downgrades.
    for row in rows { state.run.totals.count(row.outcome) }
    state.position += rows.count
    state.run.assetWrites += writes
  }
}
