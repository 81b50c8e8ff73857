import Foundation

/// Why a run started.
public enum SyncTrigger: String, Sendable, Hashable, Codable, CaseIterable {
  /// Saving the field mapping (R7).
  case initial
  /// The daily schedule (R8).
  case scheduled
  /// "Sync now" in the UI or API.
  case manual
  /// `assetsync sync`.
  case cli
  /// The frequent list-only refresh (R23).
  case refresh
  /// Picking up a run that a crash, a kill or a shutdown stopped before its end.
  case resume
}

public enum SyncRunStatus: String, Sendable, Hashable, Codable, CaseIterable {
  case running
  /// The listing completed; rows may still have failed.
  case completed
  /// Kandji failed or the token was rejected; assets already imported stay as they are (R11).
  case failed
  /// Stopped by shutdown or a newer process found it abandoned; the next run resumes.
  case interrupted
}

/// One sync run: its lifecycle, outcome counts and Kandji request counts (R9).
public struct SyncRun: Sendable, Hashable, Codable, Identifiable {
  public var id: Int64
  /// The Kandji connection (tenant) the run synced.
  public var connectionID: Int64?
  public var trigger: SyncTrigger
  public var status: SyncRunStatus
  public var startedAt: Date
  public var finishedAt: Date?
  public var heartbeatAt: Date
  /// Which process runs it (host and pid), to tell a live run from an abandoned one.
  public var owner: String
  public var error: String?
  public var totals: SyncTotals
  public var pages: Int
  public var listRequests: Int
  public var detailRequests: Int
  public var retries: Int
  public var rateLimited: Int
  /// Asset rows written (inserted or changed), contact links included.
  public var assetWrites: Int
  /// Devices still waiting for a details call when the run ended.
  public var detailsPending: Int
  /// Whether the whole listing was read, so retirement could be decided (R12).
  public var listingComplete: Bool

  public init(
    id: Int64, trigger: SyncTrigger, status: SyncRunStatus = .running, startedAt: Date, finishedAt: Date? = nil,
    heartbeatAt: Date, owner: String, error: String? = nil, totals: SyncTotals = SyncTotals(), pages: Int = 0,
    listRequests: Int = 0, detailRequests: Int = 0, retries: Int = 0, rateLimited: Int = 0, assetWrites: Int = 0,
    detailsPending: Int = 0, listingComplete: Bool = false, connectionID: Int64? = nil
  ) {
    self.id = id
    self.connectionID = connectionID
    self.trigger = trigger
    self.status = status
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.heartbeatAt = heartbeatAt
    self.owner = owner
    self.error = error
    self.totals = totals
    self.pages = pages
    self.listRequests = listRequests
    self.detailRequests = detailRequests
    self.retries = retries
    self.rateLimited = rateLimited
    self.assetWrites = assetWrites
    self.detailsPending = detailsPending
    self.listingComplete = listingComplete
  }

  public var duration: TimeInterval? { finishedAt.map { $0.timeIntervalSince(startedAt) } }
}
