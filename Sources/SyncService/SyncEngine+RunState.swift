import AssetCore
import KandjiAPI

extension SyncEngine {
  /// Everything one run accumulates.
  struct RunState {
    var run: SyncRun
    let options: SyncOptions
    let client: any KandjiClient
    let onProgress: @Sendable (SyncProgress) -> Void
    /// Assets this run matched to a listed device (never retired by it).
    var matched = Set<Int64>()
    /// Every device id Kandji listed in this run, readable or not.
    var seenDeviceIDs = Set<String>()
    /// Report rows written so far; the next row's position.
    var position = 0
    var devicesListed = 0
    var listingComplete = false
    /// Failed records with neither a device id nor a serial: they could be any asset, so
    /// nothing may be retired.
    var unidentifiedFailures = 0
    var totalCountHint: Int?
    /// Blueprint names by id, from the devices this run listed (issue 19).
    var blueprintsSeen: [String: String] = [:]
    var detailsDone = 0
    var detailsRemaining = 0

    init(
      run: SyncRun, options: SyncOptions, client: any KandjiClient,
      onProgress: @escaping @Sendable (SyncProgress) -> Void
    ) {
      self.run = run
      self.options = options
      self.client = client
      self.onProgress = onProgress
    }

    mutating func absorbClientStats() {
      let stats = client.stats
      run.listRequests = stats.listRequests
      run.detailRequests = stats.detailRequests
      run.retries = stats.retries
      run.rateLimited = stats.rateLimited
    }

    func progress(_ phase: SyncProgress.Phase) -> SyncProgress {
      SyncProgress(
        runID: run.id, phase: phase, pages: run.pages, devicesListed: devicesListed, totals: run.totals,
        detailsDone: detailsDone, detailsRemaining: detailsRemaining)
    }
  }
}
