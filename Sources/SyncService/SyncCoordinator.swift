import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import Logging

/// Starts sync runs from the Kandji app's stored settings — for "Sync now", saving the mapping
/// and the daily schedule — one at a time, in the background, and lets callers wait for them.
public actor SyncCoordinator {
  public typealias ClientFactory = @Sendable (KandjiBaseURL, KandjiToken) -> any KandjiClient

  let store: any AssetStore
  let engine: SyncEngine
  let sealer: TokenSealer
  let makeClient: ClientFactory
  let logger: Logger
  /// Heartbeat age after which a run counts as abandoned (see `SyncOptions.staleAfter`).
  let staleAfter: TimeInterval
  /// Told about every finished run (metrics).
  private var onRunFinished: @Sendable (SyncRun) -> Void = { _ in }
  private var current: (run: SyncRun, task: Task<SyncRun, Never>)?
  private var latestProgress: SyncProgress?

  public init(
    store: any AssetStore, engine: SyncEngine, sealer: TokenSealer, logger: Logger = Logger(label: "assetsync.sync"),
    staleAfter: TimeInterval = 120,
    makeClient: @escaping ClientFactory = { url, token in
      LiveKandjiClient(configuration: KandjiClientConfiguration(baseURL: url, token: token))
    }
  ) {
    self.store = store
    self.engine = engine
    self.sealer = sealer
    self.logger = logger
    self.staleAfter = staleAfter
    self.makeClient = makeClient
  }

  /// Sets the observer of finished runs.
  public func setOnRunFinished(_ observer: @escaping @Sendable (SyncRun) -> Void) {
    onRunFinished = observer
  }

  /// Starts a run now and returns it while it works. Throws `SyncRefusal` when the app is not
  /// ready or disabled (R21), or `StoreError.syncAlreadyRunning` (also across replicas).
  @discardableResult
  public func start(trigger: SyncTrigger) async throws -> SyncRun {
    // The store's run lock is the one authority (it also spans replicas on PostgreSQL).
    let settings = try await store.kandjiSettings()
    let (client, options) = try prepare(settings)
    let run = try await engine.begin(trigger: trigger, options: options)
    latestProgress = SyncProgress(runID: run.id, phase: .listing)
    let observer = onRunFinished
    let task = Task { [engine] in
      let finished: SyncRun
      do {
        finished = try await engine.execute(run, client: client, options: options) { progress in
          Task { await self.record(progress) }
        }
      } catch {
        var failed = run
        failed.status = .failed
        failed.error = "\(error)"
        finished = failed
      }
      observer(finished)
      return finished
    }
    current = (run, task)
    return run
  }

  /// The client and options for the stored settings, or why there are none.
  func prepare(_ settings: KandjiSettings) throws -> (any KandjiClient, SyncOptions) {
    guard settings.installed else { throw SyncRefusal.notInstalled }
    guard settings.enabled else { throw SyncRefusal.disabled }
    guard let urlText = settings.apiURL, let sealed = settings.sealedToken else { throw SyncRefusal.noCredentials }
    guard let mapping = settings.mapping else { throw SyncRefusal.noMapping }
    let url: KandjiBaseURL
    do { url = try KandjiBaseURL(urlText) } catch { throw SyncRefusal.badCredentials(error.description) }
    let token: KandjiToken
    do { token = try sealer.open(sealed) } catch { throw SyncRefusal.badCredentials(error.description) }
    return (
      makeClient(url, token),
      SyncOptions(
        mapping: mapping, detailsRefreshPerRun: settings.detailsRefreshPerRun, staleAfter: staleAfter)
    )
  }

  private func record(_ progress: SyncProgress) {
    if progress.runID == current?.run.id { latestProgress = progress }
  }

  /// The last progress report of the current (or last) run.
  public var progress: SyncProgress? { latestProgress }

  /// Waits for the run in progress, if any, and returns it finished.
  @discardableResult
  public func waitForCurrentRun() async -> SyncRun? {
    guard let task = current?.task else { return nil }
    return await task.value
  }

  /// Stops the run in progress (shutdown); it ends as interrupted and the next run resumes.
  public func cancelCurrentRun() async {
    current?.task.cancel()
    _ = await current?.task.value
  }
}

/// Why a sync did not start.
public enum SyncRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  case notInstalled
  case disabled
  case noCredentials
  case noMapping
  case badCredentials(String)

  public var description: String {
    switch self {
    case .notInstalled: "The Kandji app is not installed."
    case .disabled: "The Kandji app is disabled, so syncs are stopped. Enable it to sync again."
    case .noCredentials: "Enter the Kandji API URL and token first."
    case .noMapping: "Save the field mapping first; saving it starts the initial sync."
    case .badCredentials(let why): why
    }
  }
}
