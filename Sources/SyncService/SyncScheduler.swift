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
    // Each connection's slots are counted from its anchor: the start (or when the connection
    // appeared), the slot it last ran, or the moment its schedule changed. A late wake-up still
    // runs the slot it missed; days of downtime run once.
    let started = clock.now()
    var anchors: [Int64: (anchor: Date, schedule: SyncSchedule)] = [:]
    // Connections whose scheduled run is going: their next slot is counted once it ends.
    var inFlight = Set<Int64>()
    do {
      while true {
        for id in inFlight where await !coordinator.isRunning(connectionID: id) { inFlight.remove(id) }
        let now = clock.now()
        var wake = now.addingTimeInterval(maxSleep)
        var idle = 0
        let connections = (try? await store.kandjiConnections(includeRemoved: false)) ?? []
        for connection in connections where !inFlight.contains(connection.id) {
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
