import AssetCore
import AssetStore
import Foundation
import Logging
import ServiceLifecycle

/// The daily syncs (R8) and quick refreshes (R23) as a `Service`: sleeps on an injected clock
/// until the next moment something is due for any connection — a daily slot (a pure function of
/// the connection's schedule) or a quick refresh (`refresh_minutes` after the connection's last
/// run began) — starts that connection's run if it is enabled (runs of one connection never
/// overlap: the store's lease; a refresh yields to a daily run), survives a failed run, and stops
/// on shutdown.
///
/// It wakes at least once a minute, so a schedule changed in the UI takes effect without a restart.
/// It also resumes a run that did not reach its end — the process was killed or shut down, or
/// the machine crashed — as soon as its lease is free, instead of leaving a ten-hour first import
/// half done until the next day (`resumeIfInterrupted`), and once an hour deletes sync history
/// older than the retention (`pruneHistoryIfDue`).
public struct SyncScheduler: Service {
  let store: any AssetStore
  let coordinator: SyncCoordinator
  let clock: any WallClock
  let logger: Logger
  let maxSleep: TimeInterval
  let resumesInterruptedRuns: Bool
  /// Sync runs and their reports older than this many days are deleted (0 keeps everything).
  let historyRetentionDays: Int
  /// Asset history entries older than this many days are deleted (0 keeps everything).
  let assetHistoryRetentionDays: Int

  /// - Parameter resumesInterruptedRuns: whether runs that stopped before their end are picked
  ///   up (see `resumeIfInterrupted`); off only where clocks are not real (tests whose replicas
  ///   each jump their own manual clock, so that each sees the other's live heartbeat as stale).
  public init(
    store: any AssetStore, coordinator: SyncCoordinator, clock: any WallClock = SystemWallClock(),
    logger: Logger = Logger(label: "assetsync.scheduler"), maxSleep: TimeInterval = 60,
    resumesInterruptedRuns: Bool = true, historyRetentionDays: Int = 90, assetHistoryRetentionDays: Int = 365
  ) {
    self.assetHistoryRetentionDays = assetHistoryRetentionDays
    self.store = store
    self.coordinator = coordinator
    self.clock = clock
    self.logger = logger
    self.maxSleep = maxSleep
    self.resumesInterruptedRuns = resumesInterruptedRuns
    self.historyRetentionDays = historyRetentionDays
  }

  public func run() async throws {
    try await cancelWhenGracefulShutdown {
      try await loop()
    }
  }

  /// The loop itself (tests call it directly and stop it with the clock's limit).
  public func loop() async throws {
    // Each connection's slots are counted from its anchor: the start (or when the connection
    // appeared), the slot it last ran, or the moment its schedule changed. A late wake-up still
    // runs the slot it missed; days of downtime run once.
    let started = clock.now()
    var anchors: [Int64: (anchor: Date, schedule: SyncSchedule)] = [:]
    // Connections whose daily (or resumed) run is going: their next slot counts once it ends.
    var inFlight = Set<Int64>()
    // Connections whose quick refresh is going: a daily slot still starts (the refresh yields).
    var refreshing = Set<Int64>()
    var prunedAt: Date?
    do {
      while true {
        // Waiting for a run does not throw when shutdown cancels us; nothing new starts now.
        try Task.checkCancellation()
        // A run that ended: the connection's next slot counts from its end (a slot that fell due
        // during a long run is not run straight after it).
        for id in inFlight where await !coordinator.isRunning(connectionID: id) {
          inFlight.remove(id)
          if let entry = anchors[id] { anchors[id] = (max(entry.anchor, clock.now()), entry.schedule) }
        }
        for id in refreshing where await !coordinator.isRunning(connectionID: id) { refreshing.remove(id) }
        let now = clock.now()
        var wake = now.addingTimeInterval(maxSleep)
        await pruneHistoryIfDue(now: now, last: &prunedAt)
        let connections = (try? await store.kandjiConnections(includeRemoved: false)) ?? []
        for connection in connections where !inFlight.contains(connection.id) {
          // A disabled connection starts nothing: no need to read its runs.
          let last = connection.enabled ? try? await store.syncRuns(connectionID: connection.id, limit: 1).first : nil
          if !refreshing.contains(connection.id) {
            switch await resumeIfInterrupted(connection, last: last, now: now) {
            case .started:
              inFlight.insert(connection.id)
              continue
            case .checkAgain(let moment): wake = min(wake, moment)
            case .nothing: break
            }
          }
          let schedule = connection.settings.schedule
          var entry = anchors[connection.id] ?? (anchors.isEmpty ? started : now, schedule)
          if entry.schedule != schedule { entry = (now, schedule) }
          let due = schedule.nextRun(after: entry.anchor)
          if due <= now {
            // Runs of different connections go on side by side; this one's next slot counts from
            // its end.
            switch await runScheduled(connection, slot: due) {
            case .started:
              inFlight.insert(connection.id)
              refreshing.remove(connection.id)
              entry.anchor = due
            case .busy:
              // Another replica's run of this connection (a quick refresh ends within a minute):
              // the slot stays due and is tried again shortly.
              wake = min(wake, now.addingTimeInterval(Self.busyRetry))
            case .skipped:
              entry.anchor = due
            }
          } else {
            wake = min(wake, due)
          }
          anchors[connection.id] = entry
          guard !inFlight.contains(connection.id), !refreshing.contains(connection.id) else { continue }
          switch await refreshIfDue(connection, last: last, now: now) {
          case .started: refreshing.insert(connection.id)
          case .checkAgain(let moment): wake = min(wake, moment)
          case .nothing: break
          }
        }
        let idle = connections.filter {
          $0.enabled && !inFlight.contains($0.id) && !refreshing.contains($0.id)
        }
        if idle.isEmpty, !inFlight.isEmpty || !refreshing.isEmpty {
          // Every enabled connection is syncing: the next thing to happen is a run ending (any
          // of them), or a connection being added, looked for every minute.
          await coordinator.waitForAnyRun(of: inFlight.union(refreshing), atMost: .seconds(60))
          continue
        }
        try await clock.sleep(until: wake)
      }
    } catch is CancellationError {
      return
    }
  }

  /// How soon a slot refused because its connection is busy elsewhere is tried again.
  static let busyRetry: TimeInterval = 10

  /// What starting something did.
  enum StartCheck {
    case started
    case checkAgain(Date)
    case nothing
  }

  /// What a daily slot did.
  enum SlotOutcome {
    case started
    /// A run of the connection is going on another replica.
    case busy
    case skipped
  }

  /// Starts the slot's run unless it should not run.
  private func runScheduled(_ connection: KandjiConnection, slot: Date) async -> SlotOutcome {
    let metadata: Logger.Metadata = ["connection": "\(connection.name)"]
    do {
      guard try await store.kandjiSettings().installed, connection.enabled else {
        logger.debug("scheduled sync skipped: the connection is not enabled", metadata: metadata)
        return .skipped
      }
      // Every replica wakes for the same slot. The store's run lock stops a second run while the
      // first is going; this stops one that starts after a short first run has already ended.
      if let last = try await store.syncRuns(
        SyncRunFilter(connectionID: connection.id, triggers: [.scheduled], limit: 1)
      ).first, last.startedAt >= slot {
        logger.info(
          "scheduled sync skipped: another replica already ran this slot",
          metadata: metadata.merging(["run": "\(last.id)"]) { $1 })
        return .skipped
      }
      // Runs of different connections go on side by side; this one is not waited for.
      let run = try await coordinator.start(connectionID: connection.id, trigger: .scheduled)
      logger.info("scheduled sync started", metadata: metadata.merging(["run": "\(run.id)"]) { $1 })
      return .started
    } catch StoreError.syncAlreadyRunning {
      return .busy
    } catch {
      // A refused or failed run must not stop the schedule: tomorrow is another try.
      logger.warning("scheduled sync did not run", metadata: metadata.merging(["reason": "\(error)"]) { $1 })
      return .skipped
    }
  }
}
