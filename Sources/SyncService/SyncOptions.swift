import AssetCore
import Foundation

/// How one run behaves.
public struct SyncOptions: Sendable {
  /// The connection (tenant) whose devices the run syncs.
  public var connectionID: Int64
  public var mapping: FieldMapping
  /// Extra details calls per run to refresh the oldest details (R14: only where needed).
  public var detailsRefreshPerRun: Int
  /// The rotation (issue 19): when set, each run re-reads the ⌈devices listed / D⌉ oldest
  /// details instead of `detailsRefreshPerRun`, so every device's details are at most D days old
  /// with one run a day.
  public var detailsMaxAgeDays: Int?
  /// Details requests in flight at once (the client's pacer still caps the rate).
  public var detailsConcurrency: Int
  /// A run longer than this without a heartbeat is considered abandoned by other processes.
  public var staleAfter: Double
  /// Whether the report keeps a row for every device (a sync) or only for what changed
  /// (a quick refresh: created, updated, retired).
  public var reportsEveryDevice: Bool
  /// The blueprints whose devices the run syncs (issue 19), sorted without repeats; empty syncs
  /// every device. Listed devices of other blueprints are never applied, and the connection's
  /// assets of devices confirmed to be in other blueprints are retired.
  public var blueprintIDs: [String] = []

  /// How many of the oldest details this run re-reads, given the devices its listing found:
  /// ⌈devices / D⌉ with the rotation, else `detailsRefreshPerRun`.
  public func detailsToRefresh(devicesListed: Int) -> Int {
    guard let days = detailsMaxAgeDays else { return detailsRefreshPerRun }
    return (max(0, devicesListed) + days - 1) / days
  }

  /// The outcomes whose report rows are stored (nil: all).
  var reportedOutcomes: Set<SyncOutcome>? { reportsEveryDevice ? nil : [.created, .updated, .retired] }

  public init(
    connectionID: Int64, mapping: FieldMapping, detailsRefreshPerRun: Int = 0, detailsMaxAgeDays: Int? = nil,
    detailsConcurrency: Int = 8, staleAfter: Double = 120, reportsEveryDevice: Bool = true
  ) {
    self.detailsMaxAgeDays = detailsMaxAgeDays.flatMap { $0 > 0 ? $0 : nil }
    self.reportsEveryDevice = reportsEveryDevice
    self.connectionID = connectionID
    self.mapping = mapping
    self.detailsRefreshPerRun = max(0, detailsRefreshPerRun)
    self.detailsConcurrency = max(1, detailsConcurrency)
    self.staleAfter = staleAfter
  }
}

/// Where a run is, for progress displays.
public struct SyncProgress: Sendable, Hashable {
  public enum Phase: String, Sendable, Hashable {
    case listing, retiring, details, finished
  }

  public var runID: Int64
  public var phase: Phase
  public var pages: Int
  public var devicesListed: Int
  public var totals: SyncTotals
  public var detailsDone: Int
  public var detailsRemaining: Int
  /// Set while the run waits for the API budget (R24): until when, and whose budget.
  public var waitingUntil: Date?
  public var waitingReason: String?

  public init(
    runID: Int64, phase: Phase, pages: Int = 0, devicesListed: Int = 0, totals: SyncTotals = SyncTotals(),
    detailsDone: Int = 0, detailsRemaining: Int = 0
  ) {
    self.runID = runID
    self.phase = phase
    self.pages = pages
    self.devicesListed = devicesListed
    self.totals = totals
    self.detailsDone = detailsDone
    self.detailsRemaining = detailsRemaining
  }
}
