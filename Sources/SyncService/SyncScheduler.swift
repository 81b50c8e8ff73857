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
/// half done until the next day (`SchedulePlan`), and once an hour deletes sync history
/// older than the retention (`pruneHistoryIfDue`).
public struct SyncScheduler: Service {
  let store: any ConnectionStore & SyncRunStore & FindStore
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
  ///   up (see `SchedulePlan`); off only where clocks are not real (tests whose replicas
  ///   each jump their own manual clock, so that each sees the other's live heartbeat as stale).
  public init(
    store: any ConnectionStore & SyncRunStore & FindStore, coordinator: SyncCoordinator,
    clock: any WallClock = SystemClock(),
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

  /// The loop itself (tests call it directly and stop it with the clock's limit): reads what the
  /// plan needs, tries the starts it names, and sleeps until its next moment. Every decision is
  /// `SchedulePlan`'s.
  public func loop() async throws {
    var plan = SchedulePlan(
      rules: SchedulePlan.Rules(
        maxSleep: maxSleep, resumesInterruptedRuns: resumesInterruptedRuns, staleAfter: coordinator.staleAfter,
        ownProcess: String(RunOwner.process(of: coordinator.owner))),
      started: clock.now())
    var prunedAt: Date?
    do {
      while true {
        // Waiting for a run does not throw when shutdown cancels us; nothing new starts now.
        try Task.checkCancellation()
        var stillRunning = Set<Int64>()
        for id in plan.going where await coordinator.isRunning(connectionID: id) { stillRunning.insert(id) }
        plan.runsEnded(stillRunning: stillRunning, at: clock.now())
        let now = clock.now()
        await pruneHistoryIfDue(now: now, last: &prunedAt)
        let connections = (try? await store.kandjiConnections(includeRemoved: false)) ?? []
        var seen: [SchedulePlan.Connection] = []
        for connection in connections where !plan.inFlight.contains(connection.id) {
          // A disabled connection starts nothing: no need to read its runs.
          let last = connection.enabled ? try? await store.syncRuns(connectionID: connection.id, limit: 1).first : nil
          seen.append(
            SchedulePlan.Connection(
              connection, lastRun: last, runningHere: await coordinator.isRunning(connectionID: connection.id)))
        }
        // A failed read starts nothing (a due slot passes, as a failed run's would).
        let installed = seen.isEmpty ? false : (try? await store.kandjiSettings().installed) ?? false
        let tick = plan.tick(seen, installed: installed, now: now)
        var wake = tick.wake
        for step in tick.steps {
          guard let entry = seen.first(where: { $0.connection.id == step.connectionID }) else { continue }
          for start in step.starts {
            let outcome = await self.start(start, entry)
            if let moment = plan.record(outcome, of: start, connectionID: step.connectionID, now: now) {
              wake = min(wake, moment)
            }
            if outcome == .started { break }
          }
        }
        if plan.waitsForRuns(connections) {
          // Every enabled connection is syncing: the next thing to happen is a run ending (any
          // of them), or a connection being added, looked for every minute.
          await coordinator.waitForAnyRun(of: plan.going, atMost: .seconds(60))
          continue
        }
        try await clock.sleep(until: wake)
      }
    } catch is CancellationError {
      return
    }
  }

  /// Tries one start the plan named.
  private func start(_ start: SchedulePlan.Start, _ entry: SchedulePlan.Connection) async -> SchedulePlan.Outcome {
    switch start {
    case .resume(let takeOver): await resume(entry.connection, interrupted: entry.lastRun, takeOver: takeOver)
    case .daily(let slot): await runScheduled(entry.connection, slot: slot)
    case .refresh: await startRefresh(entry.connection)
    }
  }

  /// Starts the slot's run unless it should not run.
  private func runScheduled(_ connection: KandjiConnection, slot: Date) async -> SchedulePlan.Outcome {
    let metadata: Logger.Metadata = ["connection": "\(connection.name)"]
    do {
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
