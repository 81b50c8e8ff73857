import AssetCore
import Foundation

/// One page of sync work for `AssetStore.applySyncBatch`: decisions to write and the report
/// rows to append, in one transaction.
public struct SyncBatch: Sendable {
  public var runID: Int64
  public var at: Date
  /// Report position of the first row (rows are numbered across the whole run).
  public var firstPosition: Int
  public var decisions: [SyncDecision]
  /// One row per decision (in the same order), then any rows without a decision.
  public var rows: [SyncReportRow]
  /// The outcomes whose rows are stored; nil stores every row. A quick refresh keeps only what
  /// changed, so refreshes that change nothing do not grow the database.
  public var reportedOutcomes: Set<SyncOutcome>?
  /// The agent behind the batch ("Refresh from Kandji", run 0), for the asset history.
  public var agentID: Int64?

  public init(
    runID: Int64, at: Date, firstPosition: Int, decisions: [SyncDecision], rows: [SyncReportRow],
    reportedOutcomes: Set<SyncOutcome>? = nil, agentID: Int64? = nil
  ) {
    self.agentID = agentID
    self.runID = runID
    self.at = at
    self.firstPosition = firstPosition
    self.decisions = decisions
    self.rows = rows
    self.reportedOutcomes = reportedOutcomes
  }
}

/// A synced asset by its identities, for retirement and details calls.
public struct SyncedAssetRef: Sendable, Hashable {
  public var assetID: Int64
  public var kandjiDeviceID: String
  public var displayID: String
  public var name: String
  public var platform: Platform

  public init(assetID: Int64, kandjiDeviceID: String, displayID: String, name: String, platform: Platform) {
    self.assetID = assetID
    self.kandjiDeviceID = kandjiDeviceID
    self.displayID = displayID
    self.name = name
    self.platform = platform
  }
}

/// What a details call found for one asset.
public struct DetailsUpdate: Sendable, Hashable {
  public var assetID: Int64
  public var supervised: Bool?
  public var udid: String?
  /// The details call's other attributes (FileVault, storage, …; issue 19), for the device's
  /// platform; stored as the asset's details document.
  public var attributes: KandjiAttributeValues
  /// `false` when Kandji no longer knows the device (404) or its details could not be read:
  /// the values stay as they are and the device is not asked about again until it re-enrolls.
  public var found: Bool
  /// Who read the details, for the asset's history: the run (0: "Refresh from Kandji", by
  /// `agentID`).
  public var runID: Int64
  public var agentID: Int64?

  public init(
    assetID: Int64, supervised: Bool?, udid: String?, found: Bool = true, runID: Int64 = 0, agentID: Int64? = nil,
    attributes: KandjiAttributeValues = KandjiAttributeValues()
  ) {
    self.attributes = attributes
    self.assetID = assetID
    self.supervised = supervised
    self.udid = udid
    self.found = found
    self.runID = runID
    self.agentID = agentID
  }
}

/// Errors of the store, with messages fit for an API answer.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  case notFound(String)
  case duplicateDisplayID(String)
  case duplicateEmail(String)
  case duplicateName(String)
  case invalid(field: String, message: String)
  case readOnly(AssetRuleViolation)
  /// Another run of the connection is alive; `takeOverAfter` is when it counts as abandoned
  /// if it shows no more sign of life.
  case syncAlreadyRunning(runID: Int64, takeOverAfter: TakeOverTime = TakeOverTime(nil))
  /// The run is no longer running: its heartbeat went stale and another replica took over.
  case syncRunTakenOver(runID: Int64)
  case database(String)

  public var description: String {
    switch self {
    case .notFound(let what): "\(what) was not found."
    case .duplicateDisplayID(let id): "The display ID \"\(id)\" is already used by another asset."
    case .duplicateEmail(let email): "A contact with the email \(email) already exists."
    case .duplicateName(let name): "The name \"\(name)\" is already used."
    case .invalid(_, let message): message
    case .readOnly(let violation): violation.message
    case .syncAlreadyRunning(let id, let takeOverAfter):
      "Sync run #\(id) is already running; only one sync runs at a time."
        + (takeOverAfter.date.map {
          " If its process has stopped, it can be taken over after \(ISO8601.string($0)) (unless it shows signs of life)."
        } ?? "")
    case .syncRunTakenOver(let id):
      "Sync run #\(id) was taken over by another replica after its heartbeat went stale; it stopped."
    case .database(let message): "Database error: \(message)"
    }
  }
}

/// Which sync runs to read.
public struct SyncRunFilter: Sendable, Hashable {
  /// One connection's runs; nil: every connection's.
  public var connectionID: Int64?
  /// Only these triggers; nil: any.
  public var triggers: Set<SyncTrigger>?
  /// Not these triggers.
  public var excludedTriggers: Set<SyncTrigger>
  /// Only runs started at or after this moment.
  public var startedSince: Date?
  public var limit: Int

  public init(
    connectionID: Int64? = nil, triggers: Set<SyncTrigger>? = nil, excludedTriggers: Set<SyncTrigger> = [],
    startedSince: Date? = nil, limit: Int
  ) {
    self.connectionID = connectionID
    self.triggers = triggers
    self.excludedTriggers = excludedTriggers
    self.startedSince = startedSince
    self.limit = max(0, limit)
  }
}

/// One page of a run's report rows.
public struct ReportRowPage: Sendable, Hashable {
  public var rows: [SyncReportRow]
  /// The position of the page's last row: the next page starts after it (nil: no rows).
  public var lastPosition: Int?

  public init(rows: [SyncReportRow], lastPosition: Int?) {
    self.rows = rows
    self.lastPosition = lastPosition
  }
}

extension SyncStore {
  /// Every report row of the run, in order, read page by page (tests and small reports; the
  /// CSV export streams instead).
  public func allReportRows(runID: Int64, pageSize: Int = 5_000) async throws -> [SyncReportRow] {
    var rows: [SyncReportRow] = []
    var after = -1
    while true {
      let page = try await reportRowPage(runID: runID, afterPosition: after, limit: pageSize)
      guard let last = page.lastPosition else { return rows }
      rows += page.rows
      after = last
    }
  }
}

/// When a running sync run counts as abandoned if it shows no more sign of life. Advice for the
/// message only, not part of the error's identity: two refusals naming the same run are equal.
public struct TakeOverTime: Sendable, Hashable {
  public let date: Date?

  public init(_ date: Date?) { self.date = date }

  public static func == (_: TakeOverTime, _: TakeOverTime) -> Bool { true }

  public func hash(into hasher: inout Hasher) {}
}
