import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import Logging

/// Runs one sync at a time: streams Kandji's device list page by page, plans each page with
/// `SyncPlan` and applies it in one transaction, retires what a complete listing no longer
/// shows, then spends details calls only on the devices that need them (R8–R14).
///
/// Memory stays bounded by a page plus the set of matched asset ids; everything else lives in
/// the store, so a run stopped at any point resumes where it stopped: written assets stay, and
/// pending details are the only details fetched next time.
public final class SyncEngine: Sendable {
  let store: any SyncBatchStore & SyncRunStore
  /// The time of the run's records, and what its heartbeat waits on between renewals of its lease.
  let clock: any WallClock
  let owner: String
  let logger: Logger

  /// - Parameter clock: real time by default; tests pass the `ManualClock` they move by hand.
  public init(
    store: any SyncBatchStore & SyncRunStore, clock: any WallClock = SystemClock(),
    owner: String = SyncEngine.defaultOwner, logger: Logger = Logger(label: "assetsync.sync")
  ) {
    self.store = store
    self.clock = clock
    self.owner = owner
    self.logger = logger
  }

  /// The clock's time (what the run's records say).
  func now() -> Date { clock.now() }

  /// `host:pid`, so an operator can tell which process holds a run.
  public static var defaultOwner: String { RunOwner.current }

  /// One run. Throws `StoreError.syncAlreadyRunning` when another run is alive; otherwise
  /// returns the finished run, whose status says whether it completed or failed (R11).
  public func runOnce(
    client: any KandjiClient, options: SyncOptions, trigger: SyncTrigger,
    onProgress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
  ) async throws -> SyncRun {
    let run = try await begin(trigger: trigger, options: options)
    return try await execute(run, client: client, options: options, onProgress: onProgress)
  }

  /// Takes the run lock and records a new run (so a caller can answer with its id at once).
  /// `takeOver` treats a run still marked running as abandoned whatever its heartbeat: only for a
  /// run this very process identity (`owner`) left behind in an earlier life. A run whose owner
  /// was a process on this host that has ended is taken over at once (`RunOwner.isGone`).
  public func begin(trigger: SyncTrigger, options: SyncOptions, takeOver: Bool = false) async throws -> SyncRun {
    let run = try await store.beginSyncRun(
      connectionID: options.connectionID, trigger: trigger, owner: owner, at: now(),
      staleAfter: takeOver ? 0 : options.staleAfter, ownerIsGone: { RunOwner.isGone($0) })
    logger.info("sync run started", metadata: ["run": "\(run.id)", "trigger": "\(trigger.rawValue)"])
    return run
  }

  /// Does the work of a run `begin` started, and closes it whatever happens.
  /// `onBlueprints` hears the blueprint names (by id) the run's listed devices carried.
  public func execute(
    _ run: SyncRun, client: any KandjiClient, options: SyncOptions,
    onProgress: @escaping @Sendable (SyncProgress) -> Void = { _ in },
    onBlueprints: @Sendable ([String: String]) async -> Void = { _ in }
  ) async throws -> SyncRun {
    // The work runs in a task of its own so that losing the lease (another replica took the run
    // over after our heartbeat went stale) can stop it, as the caller's cancellation does.
    let initial = RunState(run: run, options: options, client: client, onProgress: onProgress)
    let work = Task { [self] in await perform(initial) }
    let lease = LeaseWatch()
    let heartbeat = startHeartbeat(runID: run.id, every: .seconds(max(1, options.staleAfter / 4))) {
      lease.markLost()
      work.cancel()
    }
    defer { heartbeat.cancel() }
    var state = await withTaskCancellationHandler {
      await work.value
    } onCancel: {
      work.cancel()
    }
    if lease.isLost {
      state.run.status = .interrupted
      state.run.error = StoreError.syncRunTakenOver(runID: run.id).description
      logger.warning("sync run lost its lease", metadata: ["run": "\(run.id)"])
    }
    state.absorbClientStats()
    state.run.detailsPending =
      (try? await store.countAssetsNeedingDetails(connectionID: run.connectionID ?? options.connectionID))
      ?? state.run.detailsPending
    state.run.finishedAt = now()
    state.run.heartbeatAt = now()
    let finished = state.run
    // The run must be closed even when the caller's task was cancelled (GRDB refuses work
    // from a cancelled task), so this write runs in a task of its own.
    try await Task { [store] in try await store.updateSyncRun(finished) }.value
    if !state.blueprintsSeen.isEmpty { await onBlueprints(state.blueprintsSeen) }
    onProgress(state.progress(.finished))
    logger.info(
      "sync run finished",
      metadata: [
        "run": "\(finished.id)", "status": "\(finished.status.rawValue)", "created": "\(finished.totals.created)",
        "updated": "\(finished.totals.updated)", "skipped": "\(finished.totals.skipped)",
        "failed": "\(finished.totals.failed)", "retired": "\(finished.totals.retired)",
      ])
    return finished
  }

  /// Lists, retires and fetches details; the outcome is in the returned state's run.
  private func perform(_ initial: RunState) async -> RunState {
    var state = initial
    do {
      try await list(&state)
      try await retire(&state)
      try await fetchDetails(&state)
      state.run.status = .completed
    } catch is CancellationError {
      state.run.status = .interrupted
      state.run.error = "Stopped before the end; the next run resumes from here."
    } catch {
      state.run.status = .failed
      state.run.error = Self.describe(error)
      logger.warning("sync run failed", metadata: ["run": "\(state.run.id)", "error": "\(state.run.error ?? "")"])
    }
    return state
  }

  static func describe(_ error: any Error) -> String {
    switch error {
    case let error as KandjiError: error.description
    case let error as StoreError: error.description
    default: "\(error)"
    }
  }

  /// Renews the run's lease every `interval`; calls `onLeaseLost` once and stops when the store
  /// says another replica took the run over. Other errors (a blip) are retried next time.
  private func startHeartbeat(runID: Int64, every interval: Duration, onLeaseLost: @escaping @Sendable () -> Void)
    -> Task<Void, Never>
  {
    Task { [store, clock] in
      while !Task.isCancelled {
        // In the background: on a test's manual clock the heartbeat is due when the test (or
        // another sleeper) has moved the time on, never by itself.
        try? await clock.sleepInBackground(for: interval)
        guard !Task.isCancelled else { return }
        do {
          try await store.heartbeat(runID: runID, at: clock.now())
        } catch StoreError.syncRunTakenOver {
          onLeaseLost()
          return
        } catch {
          continue
        }
      }
    }
  }
}
