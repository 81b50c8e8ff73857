import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import Logging

/// Starts sync runs of Kandji connections — "Sync now", saving a mapping, the daily schedule, the
/// CLI — in the background and lets callers wait for them. Runs of different connections are
/// independent (one may be in a ten-hour first import while another runs its daily sync); the
/// store's lease allows one run per connection across all replicas.
public actor SyncCoordinator {
  let store: any ConnectionStore & CallBudgetStore
  let engine: SyncEngine
  /// Opens a connection's sealed token into a Kandji client (runs and single-asset refreshes).
  public nonisolated let clients: ConnectionClients
  let logger: Logger
  /// Heartbeat age after which a run counts as abandoned (see `SyncOptions.staleAfter`).
  let staleAfter: TimeInterval
  /// Told about every finished run (metrics).
  private var onRunFinished: @Sendable (SyncRun) -> Void = { _ in }
  private var current: [Int64: (run: SyncRun, task: Task<SyncRun, Never>)] = [:]
  private var latestProgress: [Int64: SyncProgress] = [:]
  /// Connections whose run in this process has not ended yet.
  private var running = Set<Int64>()
  /// Set by `shutDown()`: no run starts any more.
  private var isShutDown = false
  /// The scheduler waiting for a run to end (`waitForAnyRun`), keyed so a timeout can resume it.
  private var runEndWaiters: [UUID: CheckedContinuation<Void, Never>] = [:]

  public init(
    store: any ConnectionStore & CallBudgetStore, engine: SyncEngine, sealer: TokenSealer,
    logger: Logger = Logger(label: "assetsync.sync"),
    staleAfter: TimeInterval = 120,
    makeClient: @escaping KandjiClientFactory = { $0.liveClient(policy: .kandjiHostsOnly) }
  ) {
    self.store = store
    self.engine = engine
    clients = ConnectionClients(store: store, sealer: sealer, makeClient: makeClient)
    self.logger = logger
    self.staleAfter = staleAfter
  }

  /// The engine's clock: the one time of runs, their progress and the waits for them.
  public nonisolated var clock: any WallClock { engine.clock }

  private func now() -> Date { engine.clock.now() }

  /// Sets the observer of finished runs.
  public func setOnRunFinished(_ observer: @escaping @Sendable (SyncRun) -> Void) {
    onRunFinished = observer
  }

  /// Starts a run of the connection now and returns it while it works. Throws `SyncRefusal`
  /// when the connection is not ready or disabled (R21), or `StoreError.syncAlreadyRunning`
  /// (also across replicas). `onProgress` hears every step (the CLI prints them). `takeOver`
  /// takes the lease from a run this process identity left behind (see `SyncEngine.begin`).
  @discardableResult
  public func start(
    connectionID: Int64, trigger: SyncTrigger, takeOver: Bool = false,
    onProgress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
  ) async throws -> SyncRun {
    guard !isShutDown else { throw SyncRefusal.shuttingDown }
    guard let connection = try await store.kandjiConnection(id: connectionID), !connection.isRemoved else {
      throw SyncRefusal.noSuchConnection(connectionID)
    }
    var options = try SyncRefusal.check(connection, staleAfter: staleAfter)
    if trigger == .refresh {
      // A quick refresh (R23) lists and applies; details only for new or re-enrolled devices,
      // and report rows only for what changed.
      options.detailsRefreshPerRun = 0
      options.detailsMaxAgeDays = nil
      options.reportsEveryDevice = false
    } else if let going = current[connectionID], running.contains(connectionID), going.run.trigger == .refresh {
      // A quick refresh yields to a sync of its connection: it stops (interrupted) and the sync
      // starts at once.
      going.task.cancel()
      _ = await going.task.value
    }
    var pacing = connection.settings.pacing
    // A quick refresh never waits out a spent budget or a Kandji 429 (it would hold the
    // connection's lease meanwhile): it ends, and the next one comes in refresh_minutes.
    if trigger == .refresh { pacing.longestBudgetWait = .seconds(30) }
    // Unusable credentials are refused before the run takes the lease.
    let endpoint = try clients.endpoint(for: connection, pacing: pacing) { [weak self] event in
      guard case .waitingForBudget(let until, let reason) = event else { return }
      Task { await self?.waiting(connectionID: connectionID, until: until, reason: reason.rawValue, onProgress) }
    }
    // The store's run lock is the one authority (it also spans replicas on PostgreSQL).
    let run = try await engine.begin(trigger: trigger, options: options, takeOver: takeOver)
    latestProgress[connectionID] = SyncProgress(runID: run.id, phase: .listing)
    let client = clients.makeClient(endpoint)
    let observer = onRunFinished
    let task = Task { [engine] in
      let finished: SyncRun
      do {
        finished = try await engine.execute(
          run, client: client, options: options,
          onProgress: { progress in
            onProgress(progress)
            Task { await self.record(progress, connectionID: connectionID) }
          },
          onBlueprints: { seen in
            // A daily sync also reads the blueprint list when the token may (one or two calls).
            var all: [KandjiBlueprint]?
            if trigger != .refresh, connection.settings.listBlueprintsPermitted == true {
              all = try? await client.blueprints()
            }
            await self.recordBlueprints(seen, all: all, connectionID: connectionID)
          })
      } catch {
        var failed = run
        failed.status = .failed
        failed.error = "\(error)"
        finished = failed
      }
      observer(finished)
      self.ended(connectionID: connectionID, runID: run.id)
      return finished
    }
    current[connectionID] = (run, task)
    running.insert(connectionID)
    return run
  }

  /// Saves the blueprint names a run saw (issue 19), for choosing a scope: `all` (the tenant's
  /// blueprint list) replaces the known names, else the seen ones are added. Saved only when
  /// something changed, re-reading the connection first so that no other setting is undone.
  private func recordBlueprints(_ seen: [String: String], all: [KandjiBlueprint]?, connectionID: Int64) async {
    do {
      guard var connection = try await store.kandjiConnection(id: connectionID), !connection.isRemoved else { return }
      var names =
        all.map { Dictionary($0.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) }
        ?? connection.settings.blueprintNames
      names.merge(seen) { _, new in new }
      guard names != connection.settings.blueprintNames else { return }
      connection.settings.blueprintNames = names
      try await store.saveKandjiConnection(connection)
    } catch {
      logger.notice("blueprint names not saved", metadata: ["connection": "\(connectionID)", "reason": "\(error)"])
    }
  }

  private func ended(connectionID: Int64, runID: Int64) {
    if current[connectionID]?.run.id == runID { running.remove(connectionID) }
    let waiters = runEndWaiters.values
    runEndWaiters.removeAll()
    for waiter in waiters { waiter.resume() }
  }

  /// Waits until a run in this process ends, or `limit` passes on the clock, whichever is first;
  /// returns at once when none of `connectionIDs` is running here. The scheduler uses it when
  /// every connection is busy: a ten-hour import must not keep it from noticing a connection
  /// added meanwhile.
  public func waitForAnyRun(of connectionIDs: Set<Int64>, atMost limit: Duration) async {
    guard connectionIDs.contains(where: { running.contains($0) }) else { return }
    let key = UUID()
    // A timeout in the background: a test's manual clock does not jump to it, so there the wait
    // ends when the run does (as it would in real time, a run being shorter than a minute).
    // It cannot fire before the waiter is registered: that needs this actor, held until then.
    let timeout = Task { [weak self, clock] in
      guard (try? await clock.sleepInBackground(for: limit)) != nil else { return }
      await self?.stopWaiting(key)
    }
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      runEndWaiters[key] = continuation
    }
    timeout.cancel()
  }

  private func stopWaiting(_ key: UUID) { runEndWaiters.removeValue(forKey: key)?.resume() }

  /// Who this process is in the run lease (`host:pid`).
  public nonisolated var owner: String { engine.owner }

  /// Whether the connection's run in this process is still going.
  public func isRunning(connectionID: Int64) -> Bool { running.contains(connectionID) }

  private func record(_ progress: SyncProgress, connectionID: Int64) {
    guard progress.runID == current[connectionID]?.run.id else { return }
    var merged = progress
    // A budget wait lasts until its end; the engine's own reports do not know about it.
    if let previous = latestProgress[connectionID], let until = previous.waitingUntil, until > now() {
      merged.waitingUntil = until
      merged.waitingReason = previous.waitingReason
    }
    latestProgress[connectionID] = merged
  }

  private func waiting(
    connectionID: Int64, until: Date, reason: String, _ onProgress: @Sendable (SyncProgress) -> Void
  ) {
    guard var progress = latestProgress[connectionID] else { return }
    progress.waitingUntil = until
    progress.waitingReason = reason
    latestProgress[connectionID] = progress
    onProgress(progress)
  }

  /// The last progress report of the connection's current (or last) run.
  public func progress(connectionID: Int64) -> SyncProgress? { latestProgress[connectionID] }

  /// Waits for the connection's run in progress, if any, and returns it finished.
  @discardableResult
  public func waitForRun(connectionID: Int64) async -> SyncRun? {
    guard let task = current[connectionID]?.task else { return nil }
    return await task.value
  }

  /// Waits for every run in progress.
  public func waitForAllRuns() async {
    for (_, entry) in current { _ = await entry.task.value }
  }

  /// Waits for every run in progress and returns the one started last (single-tenant callers).
  @discardableResult
  public func waitForCurrentRun() async -> SyncRun? {
    guard let last = current.values.max(by: { $0.run.id < $1.run.id }) else { return nil }
    await waitForAllRuns()
    return await last.task.value
  }

  /// Stops the connection's run in progress (disable); it ends as interrupted and the next run
  /// resumes.
  public func cancelRun(connectionID: Int64) async {
    current[connectionID]?.task.cancel()
    _ = await current[connectionID]?.task.value
  }

  /// Stops every run in progress and refuses new ones from now on: the server is stopping, and
  /// a run started now (a resume, a schedule slot) would hold the shutdown up.
  public func shutDown() async {
    isShutDown = true
    await cancelAllRuns()
  }

  /// Stops every run in progress.
  public func cancelAllRuns() async {
    for (_, entry) in current { entry.task.cancel() }
    await waitForAllRuns()
  }
}
