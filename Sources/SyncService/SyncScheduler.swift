import AssetCore
import AssetStore
import Foundation
import Logging
import ServiceLifecycle

/// The daily syncs (R8) as a `Service`: sleeps on an injected clock until the next scheduled
/// moment of any connection (a pure function of each connection's schedule), starts that
/// connection's run if it is enabled (runs of one connection never overlap: the store's lease),
/// survives a failed run, and stops on shutdown.
///
/// It wakes at least once a minute, so a schedule changed in the UI takes effect without a restart.
/// It also resumes a run that did not reach its end — the process was killed or shut down, or
/// the machine crashed — as soon as its lease is free, instead of leaving a ten-hour first import
/// half done until the next day (`resumeIfInterrupted`).
public struct SyncScheduler: Service {
  let store: any AssetStore
  let coordinator: SyncCoordinator
  let clock: any WallClock
  let logger: Logger
  let maxSleep: TimeInterval
  let resumesInterruptedRuns: Bool

  /// - Parameter resumesInterruptedRuns: whether runs that stopped before their end are picked
  ///   up (see `resumeIfInterrupted`); off only where clocks are not real (tests whose replicas
  ///   each jump their own manual clock, so that each sees the other's live heartbeat as stale).
  public init(
    store: any AssetStore, coordinator: SyncCoordinator, clock: any WallClock = SystemWallClock(),
    logger: Logger = Logger(label: "assetsync.scheduler"), maxSleep: TimeInterval = 60,
    resumesInterruptedRuns: Bool = true
  ) {
    self.store = store
    self.coordinator = coordinator
    self.clock = clock
    self.logger = logger
    self.maxSleep = maxSleep
    self.resumesInterruptedRuns = resumesInterruptedRuns
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
    // Connections whose scheduled run is going: their next slot is counted once it ends.
    var inFlight = Set<Int64>()
    do {
      while true {
        // Waiting for a run does not throw when shutdown cancels us; nothing new starts now.
        try Task.checkCancellation()
        for id in inFlight where await !coordinator.isRunning(connectionID: id) { inFlight.remove(id) }
        let now = clock.now()
        var wake = now.addingTimeInterval(maxSleep)
        var idle = 0
        let connections = (try? await store.kandjiConnections(includeRemoved: false)) ?? []
        for connection in connections where !inFlight.contains(connection.id) {
          switch await resumeIfInterrupted(connection, now: now) {
          case .started:
            inFlight.insert(connection.id)
            continue
          case .checkAgain(let moment): wake = min(wake, moment)
          case .nothing: break
          }
          let schedule = connection.settings.schedule
          var entry = anchors[connection.id] ?? (anchors.isEmpty ? started : now, schedule)
          if entry.schedule != schedule { entry = (now, schedule) }
          let due = schedule.nextRun(after: entry.anchor)
          if due <= now {
            // Runs of different connections go on side by side; this one's next slot counts from
            // its end.
            if await runScheduled(connection, slot: due) != nil {
              inFlight.insert(connection.id)
            } else if connection.enabled {
              idle += 1
            }
            entry.anchor = due
          } else {
            if connection.enabled { idle += 1 }
            wake = min(wake, due)
          }
          anchors[connection.id] = entry
        }
        if idle == 0, let first = inFlight.first {
          // Every enabled connection is syncing: the next thing to happen is a run ending.
          await coordinator.waitForRun(connectionID: first)
          inFlight.remove(first)
          if let entry = anchors[first] { anchors[first] = (max(entry.anchor, clock.now()), entry.schedule) }
          continue
        }
        try await clock.sleep(until: wake)
      }
    } catch is CancellationError {
      return
    }
  }

  /// Starts a `.resume` run when the connection's latest run stopped before its end: it is
  /// `interrupted`, or it is still marked running but nobody runs it — its heartbeat is stale,
  /// or its owner is this process's identity (a restarted container keeps host name and pid) and
  /// this process is not running it. The work already written stays; the new run lists again
  /// and fetches only the details still pending.
  private func resumeIfInterrupted(_ connection: KandjiConnection, now: Date) async -> ResumeCheck {
    guard resumesInterruptedRuns, connection.enabled, connection.isAuthorized, connection.settings.mapping != nil,
      await !coordinator.isRunning(connectionID: connection.id)
    else { return .nothing }
    let metadata: Logger.Metadata = ["connection": "\(connection.name)"]
    do {
      guard try await store.kandjiSettings().installed,
        let last = try await store.syncRuns(connectionID: connection.id, limit: 1).first
      else { return .nothing }
      let takeOver: Bool
      let staleAt = last.heartbeatAt.addingTimeInterval(coordinator.staleAfter + 1)
      switch last.status {
      case .interrupted: takeOver = false
      case .running where last.owner == coordinator.owner: takeOver = true
      case .running where now >= staleAt: takeOver = false
      // Someone else's run, alive as far as we know: look again when it would be stale.
      case .running: return .checkAgain(staleAt)
      default: return .nothing
      }
      let run = try await coordinator.start(connectionID: connection.id, trigger: .resume, takeOver: takeOver)
      logger.info(
        "sync resumed after an interruption",
        metadata: metadata.merging(["run": "\(run.id)", "interrupted": "\(last.id)"]) { $1 })
      return .started
    } catch {
      // Another replica resumed it first, or the connection cannot sync now: the schedule goes on.
      logger.debug("interrupted sync not resumed", metadata: metadata.merging(["reason": "\(error)"]) { $1 })
      return .nothing
    }
  }

  /// What `resumeIfInterrupted` did.
  private enum ResumeCheck {
    case started
    case checkAgain(Date)
    case nothing
  }

  /// Starts the slot's run unless it should not run; returns it.
  private func runScheduled(_ connection: KandjiConnection, slot: Date) async -> SyncRun? {
    let metadata: Logger.Metadata = ["connection": "\(connection.name)"]
    do {
      guard try await store.kandjiSettings().installed, connection.enabled else {
        logger.debug("scheduled sync skipped: the connection is not enabled", metadata: metadata)
        return nil
      }
      // Every replica wakes for the same slot. The store's run lock stops a second run while the
      // first is going; this stops one that starts after a short first run has already ended.
      if let last = try await store.syncRuns(connectionID: connection.id, limit: 20).first(where: {
        $0.trigger == .scheduled
      }), last.startedAt >= slot {
        logger.info(
          "scheduled sync skipped: another replica already ran this slot",
          metadata: metadata.merging(["run": "\(last.id)"]) { $1 })
        return nil
      }
      // Runs of different connections go on side by side; this one is not waited for.
      let run = try await coordinator.start(connectionID: connection.id, trigger: .scheduled)
      logger.info("scheduled sync started", metadata: metadata.merging(["run": "\(run.id)"]) { $1 })
      return run
    } catch {
      // A refused or failed run must not stop the schedule: tomorrow is another try.
      logger.warning("scheduled sync did not run", metadata: metadata.merging(["reason": "\(error)"]) { $1 })
      return nil
    }
  }
}
