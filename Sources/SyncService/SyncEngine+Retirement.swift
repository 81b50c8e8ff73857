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
  /// are no more of them than the listing had pages, else by one more complete listing (fewer
  /// calls), after which the devices still unseen are looked up one by one if that is still
  /// cheaper than the listing, or retired as absent from two listings. At most two extra calls
  /// per unseen device, all paced inside the connection's budget.
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
    let listingCalls = max(1, state.run.pages)
    var confirmation = RetirementConfirmation.lookUp
    if unseen.count > listingCalls {
      guard try await listAgain(unseen: &unseen, &state) else { return }
      confirmation = unseen.count <= listingCalls ? .lookUpAfterSecondListing : .secondListing
    }
    if confirmation != .secondListing {
      unseen = try await lookUp(unseen, &state)
    }
    logger.info(
      "retirement confirmed",
      metadata: [
        "run": "\(state.run.id)", "retired": "\(unseen.count)", "how": "\(confirmation)",
        "extra_list_calls": "\(state.client.stats.listRequests - callsBefore)",
      ])
    for start in stride(from: 0, to: unseen.count, by: 1_000) {
      try Task.checkCancellation()
      let gone = unseen[start..<min(start + 1_000, unseen.count)]
      let reason = "no longer in Kandji (\(confirmation.reason))"
      let rows = gone.map {
        SyncReportRow(
          outcome: .retired, kandjiDeviceID: $0.kandjiDeviceID, displayID: $0.displayID, name: $0.name,
          platform: $0.platform.rawValue, reason: reason)
      }
      state.run.assetWrites += try await store.applySyncBatch(
        SyncBatch(
          runID: state.run.id, at: now(), firstPosition: state.position,
          decisions: gone.map { .retire(assetID: $0.assetID, reason: "no longer in Kandji") }, rows: rows,
          reportedOutcomes: state.options.reportedOutcomes))
      state.position += rows.count
      state.run.totals.retired += rows.count
      state.absorbClientStats()
      try await store.updateSyncRun(state.run)
      state.onProgress(state.progress(.retiring))
    }
  }

  /// How a retirement was confirmed, for the report row's reason.
  enum RetirementConfirmation: CustomStringConvertible {
    case lookUp, lookUpAfterSecondListing, secondListing

    var reason: String {
      switch self {
      case .lookUp, .lookUpAfterSecondListing: "confirmed: a device_id look-up found nothing"
      case .secondListing: "confirmed: absent from two complete listings"
      }
    }

    var description: String {
      switch self {
      case .lookUp: "device_id look-ups"
      case .lookUpAfterSecondListing: "a second listing, then device_id look-ups"
      case .secondListing: "a second listing"
      }
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

  /// One more complete listing: the unseen devices it serves are applied (they are still in
  /// Kandji) and leave `unseen`. Returns false when the listing cannot account for every record
  /// (an unreadable one could be any device): then nothing may be retired.
  private func listAgain(unseen: inout [SyncedAssetRef], _ state: inout RunState) async throws -> Bool {
    let wanted = Set(unseen.map(\.kandjiDeviceID))
    var listed = Set<String>()
    for try await page in state.client.devicePages() {
      try Task.checkCancellation()
      if page.failures.contains(where: { $0.deviceID == nil }) {
        logger.notice("retirement skipped: the confirming listing holds records that could be any device")
        return false
      }
      listed.formUnion(page.devices.map(\.deviceID))
      listed.formUnion(page.failures.compactMap(\.deviceID))
      let present = page.devices.filter { wanted.contains($0.deviceID) }
      let presentFailures = page.failures.filter { $0.deviceID.map(wanted.contains) ?? false }
      try await apply(present, failures: presentFailures, &state)
      state.absorbClientStats()
      state.run.heartbeatAt = now()
      try await store.updateSyncRun(state.run)
    }
    unseen.removeAll { listed.contains($0.kandjiDeviceID) || state.matched.contains($0.assetID) }
    return true
  }

  /// Asks Kandji for each unseen device by `device_id`, a few at a time. Devices still listed
  /// are applied; a device listed but unreadable stays as it is; returns the ones Kandji no
  /// longer lists.
  private func lookUp(_ unseen: [SyncedAssetRef], _ state: inout RunState) async throws -> [SyncedAssetRef] {
    enum Answer: Sendable {
      case gone(SyncedAssetRef)
      case listed(KandjiDevice)
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
            return .listed(device)
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
    for answer in answers {
      switch answer {
      case .gone(let asset): gone.append(asset)
      case .listed(let device): listed.append(device)
      case .unreadable: break
      }
    }
    try await apply(listed, failures: [], &state)
    state.absorbClientStats()
    return gone.filter { !state.matched.contains($0.assetID) }.sorted { $0.assetID < $1.assetID }
  }
}
