import AssetCore
import AssetStore
import KandjiAPI

extension SyncEngine {
  /// Phase 2 (R12): synced assets the complete listing did not show are retired — never
  /// deleted — once Kandji confirms they are gone. A listing that failed, was cut short, or
  /// that cannot account for every record retires nothing.
  ///
  /// Kandji pages by offset only: devices that leave while a run pages move every later device
  /// up a place, so the first devices of the next page are never served in that pass although
  /// they are still enrolled. So every device the pass did not see is confirmed before its asset
  /// is retired, for every kind of run: by one list call filtered by its `device_id` while there
  /// are no more of them than the listing had pages; else one more complete listing comes first
  /// (fewer calls), which applies the devices it serves and confirms as gone the ones missing
  /// from their place in it (`ListingSpans`); the few left between its pages are looked up. At
  /// most two extra calls per unseen device, all paced inside the connection's budget.
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
    var unseen = try await unseenAssets(state)
    guard !unseen.isEmpty else { return }
    if state.devicesListed == 0 {
      // An empty listing with synced assets on file looks like a token or tenant mix-up.
      logger.notice("retirement skipped: Kandji listed no devices at all")
      return
    }
    state.onProgress(state.progress(.retiring))
    let callsBefore = state.client.stats.listRequests
    var goneInPlace: [SyncedAssetRef] = []
    // Devices still in Kandji but in a blueprint the connection does not sync (issue 19).
    var outside: [SyncedAssetRef] = []
    if unseen.count > max(1, state.run.pages) {
      guard let spans = try await listAgain(unseen: &unseen, outside: &outside, &state) else { return }
      goneInPlace = unseen.filter { spans.encloses($0.kandjiDeviceID) }
      unseen.removeAll { spans.encloses($0.kandjiDeviceID) }
    }
    let (goneByLookUp, outsideByLookUp) = try await lookUp(unseen, &state)
    outside = (outside + outsideByLookUp).filter { !state.matched.contains($0.assetID) }.sorted {
      $0.assetID < $1.assetID
    }
    let extraCalls = state.client.stats.listRequests - callsBefore
    logger.info(
      "retirement confirmed",
      metadata: [
        "run": "\(state.run.id)", "missing_in_place": "\(goneInPlace.count)", "looked_up": "\(unseen.count)",
        "gone_by_look_up": "\(goneByLookUp.count)", "outside_blueprints": "\(outside.count)",
        "extra_list_calls": "\(extraCalls)",
      ])
    try await retireAssets(goneInPlace, reason: Self.missingInPlace, &state)
    try await retireAssets(goneByLookUp, reason: Self.goneByLookUp, &state)
    try await retireAssets(outside, reason: Self.outsideBlueprints, assetReason: Self.outsideBlueprints, &state)
  }

  /// The report's reasons: how each retirement was confirmed.
  static let goneByLookUp = "no longer in Kandji (confirmed: a device_id look-up found nothing)"
  static let missingInPlace = "no longer in Kandji (confirmed: missing from its place in a second listing)"
  /// Still in Kandji, in a blueprint this connection does not sync (issue 19): report and asset.
  public static let outsideBlueprints = "outside this connection's blueprints"

  /// Retires `assets` with `reason`, a thousand to a transaction.
  private func retireAssets(
    _ assets: [SyncedAssetRef], reason: String, assetReason: String = "no longer in Kandji", _ state: inout RunState
  ) async throws {
    for start in stride(from: 0, to: assets.count, by: 1_000) {
      try Task.checkCancellation()
      let gone = assets[start..<min(start + 1_000, assets.count)]
      let rows = gone.map {
        SyncReportRow(
          outcome: .retired, kandjiDeviceID: $0.kandjiDeviceID, displayID: $0.displayID, name: $0.name,
          platform: $0.platform.rawValue, reason: reason)
      }
      state.run.assetWrites += try await store.applySyncBatch(
        SyncBatch(
          runID: state.run.id, at: now(), firstPosition: state.position,
          decisions: gone.map { .retire(assetID: $0.assetID, reason: assetReason) }, rows: rows,
          reportedOutcomes: state.options.reportedOutcomes))
      state.position += rows.count
      state.run.totals.retired += rows.count
      state.absorbClientStats()
      try await store.updateSyncRun(state.run)
      state.onProgress(state.progress(.retiring))
    }
  }

  /// The connection's active synced assets this run neither saw nor matched, in id order.
  private func unseenAssets(_ state: RunState) async throws -> [SyncedAssetRef] {
    var unseen: [SyncedAssetRef] = []
    var afterID: Int64 = 0
    while true {
      try Task.checkCancellation()
      let active = try await store.activeSyncedAssets(
        connectionID: state.options.connectionID, afterID: afterID, limit: 1_000)
      guard let last = active.last else { return unseen }
      afterID = last.assetID
      unseen += active.filter {
        !state.seenDeviceIDs.contains($0.kandjiDeviceID) && !state.matched.contains($0.assetID)
      }
    }
  }

  /// One more complete listing, of every blueprint: the unseen devices it serves are applied
  /// (they are still in Kandji) and leave `unseen`; those it serves in a blueprint outside the
  /// connection's scope go to `outside`. Returns its pages' spans, or nil when the listing cannot
  /// account for every record (an unreadable one could be any device): then nothing may be retired.
  private func listAgain(unseen: inout [SyncedAssetRef], outside: inout [SyncedAssetRef], _ state: inout RunState)
    async throws -> ListingSpans?
  {
    let wanted = Set(unseen.map(\.kandjiDeviceID))
    var listed = Set<String>()
    var outsideIDs = Set<String>()
    var spans = ListingSpans()
    for try await page in state.client.devicePages() {
      try Task.checkCancellation()
      if page.failures.contains(where: { $0.deviceID == nil }) {
        logger.notice("retirement skipped: the confirming listing holds records that could be any device")
        return nil
      }
      spans.add(page.devices.map(\.deviceID))
      listed.formUnion(page.devices.map(\.deviceID))
      listed.formUnion(page.failures.compactMap(\.deviceID))
      noteBlueprints(of: page.devices, &state)
      let present = page.devices.filter { wanted.contains($0.deviceID) && state.options.includes($0) }
      outsideIDs.formUnion(
        page.devices.filter { wanted.contains($0.deviceID) && !state.options.includes($0) }.map(\.deviceID))
      let presentFailures = page.failures.filter { $0.deviceID.map(wanted.contains) ?? false }
      try await apply(present, failures: presentFailures, &state)
      state.absorbClientStats()
      state.run.heartbeatAt = now()
      try await store.updateSyncRun(state.run)
    }
    outside += unseen.filter { outsideIDs.contains($0.kandjiDeviceID) }
    unseen.removeAll { listed.contains($0.kandjiDeviceID) || state.matched.contains($0.assetID) }
    return spans
  }

  /// Asks Kandji for each unseen device by `device_id`, a few at a time. Devices still listed
  /// are applied when in the connection's blueprints; a device listed but unreadable stays as it
  /// is; returns the ones Kandji no longer lists, and those it lists in other blueprints.
  private func lookUp(_ unseen: [SyncedAssetRef], _ state: inout RunState) async throws
    -> (gone: [SyncedAssetRef], outside: [SyncedAssetRef])
  {
    enum Answer: Sendable {
      case gone(SyncedAssetRef)
      case listed(KandjiDevice, SyncedAssetRef)
      case unreadable
    }
    let client = state.client
    let concurrency = state.options.detailsConcurrency
    let answers = try await withThrowingTaskGroup(of: Answer.self) { group in
      var answers: [Answer] = []
      var iterator = unseen.makeIterator()
      func addNext() {
        guard let asset = iterator.next() else { return }
        group.addTask {
          do {
            guard let device = try await client.listedDevice(id: asset.kandjiDeviceID) else { return .gone(asset) }
            return .listed(device, asset)
          } catch KandjiError.decoding {
            return .unreadable
          }
        }
      }
      for _ in 0..<concurrency { addNext() }
      while let answer = try await group.next() {
        answers.append(answer)
        addNext()
      }
      return answers
    }
    var listed: [KandjiDevice] = []
    var gone: [SyncedAssetRef] = []
    var outside: [SyncedAssetRef] = []
    for answer in answers {
      switch answer {
      case .gone(let asset): gone.append(asset)
      case .listed(let device, let asset):
        if state.options.includes(device) { listed.append(device) } else { outside.append(asset) }
      case .unreadable: break
      }
    }
    noteBlueprints(of: listed, &state)
    try await apply(listed, failures: [], &state)
    state.absorbClientStats()
    return (gone.filter { !state.matched.contains($0.assetID) }.sorted { $0.assetID < $1.assetID }, outside)
  }
}
