import AssetCore
import AssetStore
import Foundation

/// The details backfill of a connection (issue 19): choosing a details attribute that only the
/// details call reads (FileVault, storage, …) queues one details call for every device whose
/// details were read before this release kept those values; the runs then fetch them, paced
/// inside the connection's durable budget. The queue is the assets' `details_pending` flag, so
/// a run stopped half way leaves the rest for the next one.
public enum DetailsBackfill {
  /// What choosing a selection started.
  public struct Start: Sendable, Hashable {
    /// Devices queued for a details call now.
    public var queued: Int
    /// The run started to fetch them (nil: none started — disabled, already running, or not asked).
    public var run: SyncRun?

    public init(queued: Int, run: SyncRun?) {
      self.queued = queued
      self.run = run
    }
  }

  /// A connection's backfill as its page and `…/fields/` show it.
  public struct Progress: Sendable, Hashable {
    /// Devices still waiting for a details call (the backfill's and any other).
    public var pending: Int
    /// The connection's active synced devices.
    public var total: Int
    /// Seconds the pending calls need at the connection's pacing, budget waits included
    /// (0 when none are pending); other integrations' calls on the tenant come on top.
    public var estimatedSecondsLeft: Int

    public init(pending: Int, total: Int, estimatedSecondsLeft: Int) {
      self.pending = pending
      self.total = total
      self.estimatedSecondsLeft = estimatedSecondsLeft
    }

    /// Devices whose details are read, of `total`.
    public var done: Int { max(0, total - pending) }
  }

  /// Whether saving `new` over `old` selects a details attribute beyond supervised and UDID that
  /// `old` did not: only then can devices lack its value (values are kept whatever is selected,
  /// so re-selecting costs nothing once they were read).
  public static func gainsDetails(from old: ConnectionSettings, to new: ConnectionSettings) -> Bool {
    !Set(new.selectedDetailsExtras.map(\.key)).isSubset(of: old.selectedDetailsExtras.map(\.key))
  }

  /// Seconds `calls` calls take under a pacing of `perSecond` a second and `perHour` in any hour
  /// (the durable budget is a sliding hour): each full hour's budget goes at the per-second rate,
  /// then the wait for the hour to pass; the rest at the per-second rate.
  public static func estimatedSeconds(calls: Int, perSecond: Int, perHour: Int) -> Int {
    guard calls > 0 else { return 0 }
    let perSecond = max(1, perSecond)
    let perHour = max(1, perHour)
    let fullHours = (calls - 1) / perHour
    let rest = calls - fullHours * perHour
    return fullHours * 3_600 + (rest + perSecond - 1) / perSecond
  }
}

extension KandjiConnections {
  /// The one entry point after a connection's selection was saved (API, CLI, admin page): when
  /// `saved` gains a details attribute over `previous`, queues the backfill (one details call per
  /// device whose details this release has not read yet) and, with `startRun`, starts a run to
  /// fetch it as saving the mapping starts the initial sync. Nil when nothing was gained.
  ///
  /// Without a run started here (the CLI: its process ends; or the connection is disabled or
  /// already syncing) the queue persists: the running run's details phase, the next quick
  /// refresh or the daily sync fetches it.
  @discardableResult
  public func startDetailsBackfill(
    _ saved: KandjiConnection, previous: ConnectionSettings, startRun: Bool = true
  ) async throws -> DetailsBackfill.Start? {
    guard DetailsBackfill.gainsDetails(from: previous, to: saved.settings) else { return nil }
    let queued = try await coordinator.engine.store.markDetailsBackfill(connectionID: saved.id)
    guard queued > 0, startRun, saved.isReadyToSync else { return DetailsBackfill.Start(queued: queued, run: nil) }
    do {
      let run = try await coordinator.start(connectionID: saved.id, trigger: .manual)
      return DetailsBackfill.Start(queued: queued, run: run)
    } catch StoreError.syncAlreadyRunning {
      // The run going on reads the queue in its details phase, or the next run does.
      return DetailsBackfill.Start(queued: queued, run: nil)
    } catch is SyncRefusal {
      return DetailsBackfill.Start(queued: queued, run: nil)
    }
  }

  /// The connection's backfill: devices waiting for details, of its devices, and the time left at
  /// its pacing.
  public func detailsBackfillProgress(connectionID: Int64) async throws -> DetailsBackfill.Progress {
    let connection = try await connection(id: connectionID)
    let counts = try await coordinator.engine.store.detailsBackfillProgress(connectionID: connectionID)
    return DetailsBackfill.Progress(
      pending: counts.pending, total: counts.total,
      estimatedSecondsLeft: DetailsBackfill.estimatedSeconds(
        calls: counts.pending, perSecond: connection.settings.requestsPerSecond,
        perHour: connection.settings.requestsPerHour))
  }
}
