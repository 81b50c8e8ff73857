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
  let store: any AssetStore
  let now: @Sendable () -> Date
  let owner: String
  let logger: Logger

  public init(
    store: any AssetStore, now: @escaping @Sendable () -> Date = { Date() }, owner: String = SyncEngine.defaultOwner,
    logger: Logger = Logger(label: "assetsync.sync")
  ) {
    self.store = store
    self.now = now
    self.owner = owner
    self.logger = logger
  }

  /// `host:pid`, so an operator can tell which process holds a run.
  public static var defaultOwner: String {
    "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
  }

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
  public func begin(trigger: SyncTrigger, options: SyncOptions) async throws -> SyncRun {
    let run = try await store.beginSyncRun(trigger: trigger, owner: owner, at: now(), staleAfter: options.staleAfter)
    logger.info("sync run started", metadata: ["run": "\(run.id)", "trigger": "\(trigger.rawValue)"])
    return run
  }

  /// Does the work of a run `begin` started, and closes it whatever happens.
  public func execute(
    _ run: SyncRun, client: any KandjiClient, options: SyncOptions,
    onProgress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
  ) async throws -> SyncRun {
    let heartbeat = startHeartbeat(runID: run.id, every: .seconds(max(1, options.staleAfter / 4)))
    defer { heartbeat.cancel() }
    var state = RunState(run: run, options: options, client: client, onProgress: onProgress)
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
      logger.warning("sync run failed", metadata: ["run": "\(run.id)", "error": "\(state.run.error ?? "")"])
    }
    state.absorbClientStats()
    state.run.detailsPending = (try? await store.countAssetsNeedingDetails()) ?? state.run.detailsPending
    state.run.finishedAt = now()
    state.run.heartbeatAt = now()
    let finished = state.run
    // The run must be closed even when the caller's task was cancelled (GRDB refuses work
    // from a cancelled task), so this write runs in a task of its own.
    try await Task { [store] in try await store.updateSyncRun(finished) }.value
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

  static func describe(_ error: any Error) -> String {
    switch error {
    case let error as KandjiError: error.description
    case let error as StoreError: error.description
    default: "\(error)"
    }
  }

  private func startHeartbeat(runID: Int64, every interval: Duration) -> Task<Void, Never> {
    Task { [store, now] in
      while !Task.isCancelled {
        try? await Task.sleep(for: interval)
        guard !Task.isCancelled else { return }
        try? await store.heartbeat(runID: runID, at: now())
      }
    }
  }
}
