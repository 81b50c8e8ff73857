/// What a sync run did with one device (R9).
public enum SyncOutcome: String, Sendable, Hashable, Codable, CaseIterable {
  case created, updated, skipped, failed, retired
}

/// One row of a sync report: one device, its outcome and why.
public struct SyncReportRow: Sendable, Hashable, Codable {
  public var outcome: SyncOutcome
  public var kandjiDeviceID: String?
  public var displayID: String?
  public var name: String?
  public var platform: String?
  public var reason: String

  public init(
    outcome: SyncOutcome, kandjiDeviceID: String?, displayID: String?, name: String?, platform: String?,
    reason: String
  ) {
    self.outcome = outcome
    self.kandjiDeviceID = kandjiDeviceID
    self.displayID = displayID
    self.name = name
    self.platform = platform
    self.reason = reason
  }
}

/// Counts of outcomes in a run.
public struct SyncTotals: Sendable, Hashable, Codable {
  public var created = 0
  public var updated = 0
  public var skipped = 0
  public var failed = 0
  public var retired = 0

  public init() {}

  public var devices: Int { created + updated + skipped + failed + retired }

  public mutating func count(_ outcome: SyncOutcome) {
    switch outcome {
    case .created: created += 1
    case .updated: updated += 1
    case .skipped: skipped += 1
    case .failed: failed += 1
    case .retired: retired += 1
    }
  }

  public subscript(outcome: SyncOutcome) -> Int {
    switch outcome {
    case .created: created
    case .updated: updated
    case .skipped: skipped
    case .failed: failed
    case .retired: retired
    }
  }
}
