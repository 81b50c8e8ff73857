import AssetCore
import AssetStore
import KandjiAPI

extension SyncEngine {
  /// Phase 1: every page of the listing, planned and written in one transaction each. A
  /// connection scoped to blueprints (issue 19) lists each blueprint on its own (Kandji's
  /// `blueprint_id` filter takes one id); the listing is complete only when every one is.
  func list(_ state: inout RunState) async throws {
    let scopes: [String?] = state.options.blueprintIDs.isEmpty ? [nil] : state.options.blueprintIDs
    var announced: Int?
    for scope in scopes {
      var hint: Int?
      for try await page in state.client.devicePages(blueprintID: scope) {
        try Task.checkCancellation()
        noteBlueprints(of: page.devices, &state)
        // Kandji documents the filter as "containing": only exact matches are this scope's.
        let outside = page.devices.filter { !state.options.includes($0) }
        state.devicesListed += outside.count
        try await apply(page.devices.filter { state.options.includes($0) }, failures: page.failures, &state)
        state.run.pages += 1
        hint = page.totalCountHint ?? hint
        state.absorbClientStats()
        state.run.heartbeatAt = now()
        try await store.updateSyncRun(state.run)
        state.onProgress(state.progress(.listing))
      }
      if let hint { announced = (announced ?? 0) + hint }
    }
    state.totalCountHint = announced
    state.listingComplete = true
    state.run.listingComplete = true
  }

  /// Remembers the blueprint names listed devices carry (for choosing a scope).
  func noteBlueprints(of devices: [KandjiDevice], _ state: inout RunState) {
    for device in devices {
      guard let id = device.blueprintID, let name = device.blueprintName else { continue }
      state.blueprintsSeen[id] = name
    }
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

extension SyncOptions {
  /// Whether a listed device is in the run's blueprint scope (every device when none is chosen).
  func includes(_ device: KandjiDevice) -> Bool {
    blueprintIDs.isEmpty || device.blueprintID.map { blueprintIDs.contains($0) } ?? false
  }
}
