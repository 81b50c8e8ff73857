import AssetCore
import AssetStore
import Foundation
import Logging
import ServiceLifecycle

/// The daily sync (R8) as a `Service`: sleeps on an injected clock until the next scheduled
/// moment (a pure function of the stored schedule), starts a run if the app is enabled, waits for
/// it to finish (runs never overlap), survives a failed run, and stops on shutdown.
///
/// It wakes at least once a minute, so a schedule changed in the UI takes effect without a restart.
public struct SyncScheduler: Service {
  let store: any AssetStore
  let coordinator: SyncCoordinator
  let clock: any WallClock
  let logger: Logger
  let maxSleep: TimeInterval

  public init(
    store: any AssetStore, coordinator: SyncCoordinator, clock: any WallClock = SystemWallClock(),
    logger: Logger = Logger(label: "assetsync.scheduler"), maxSleep: TimeInterval = 60
  ) {
    self.store = store
    self.coordinator = coordinator
    self.clock = clock
    self.logger = logger
    self.maxSleep = maxSleep
  }

  public func run() async throws {
    try await cancelWhenGracefulShutdown {
      try await loop()
    }
  }

  /// The loop itself (tests call it directly and stop it with the clock's limit).
  public func loop() async throws {
    // Slots are counted from `anchor`: the start, the end of the last run, or the moment the
    // schedule changed. A late wake-up still runs the slot it missed; days of downtime run once.
    var anchor = clock.now()
    var lastSchedule: SyncSchedule?
    do {
      while true {
        let schedule = (try? await store.kandjiSettings().schedule) ?? SyncSchedule()
        if let lastSchedule, lastSchedule != schedule { anchor = clock.now() }
        lastSchedule = schedule
        let due = schedule.nextRun(after: anchor)
        let now = clock.now()
        if due <= now {
          await runScheduled(slot: due)
          anchor = max(due, clock.now())
          continue
        }
        try await clock.sleep(until: min(due, now.addingTimeInterval(maxSleep)))
      }
    } catch is CancellationError {
      return
    }
  }

  private func runScheduled(slot: Date) async {
    do {
      let settings = try await store.kandjiSettings()
      guard settings.installed, settings.enabled else {
        logger.debug("scheduled sync skipped: the Kandji app is not enabled")
        return
      }
      // Every replica wakes for the same slot. The store's run lock stops a second run while the
      // first is going; this stops one that starts after a short first run has already ended.
      if let last = try await store.syncRuns(limit: 20).first(where: { $0.trigger == .scheduled }),
        last.startedAt >= slot
      {
        logger.info("scheduled sync skipped: another replica already ran this slot", metadata: ["run": "\(last.id)"])
        return
      }
      let run = try await coordinator.start(trigger: .scheduled)
      logger.info("scheduled sync started", metadata: ["run": "\(run.id)"])
      let finished = await coordinator.waitForCurrentRun()
      logger.info("scheduled sync finished", metadata: ["status": "\(finished?.status.rawValue ?? "unknown")"])
    } catch {
      // A refused or failed run must not stop the schedule: tomorrow is another try.
      logger.warning("scheduled sync did not run", metadata: ["reason": "\(error)"])
    }
  }
}
