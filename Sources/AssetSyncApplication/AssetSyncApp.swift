import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import Logging
import ServiceLifecycle
import SyncService

/// The application, built once: the store, the token sealer, the Kandji connections, the sync
/// engine and coordinator, the single-asset refresh, the scheduler and the accounts. `serve`,
/// `demo`, the other CLI commands and the benches all build it here; the web layer (`AppServices`)
/// holds one and adds only what HTTP needs (sessions, the sign-in throttle, pages).
public struct AssetSyncApp: Sendable {
  public let store: any AssetStore
  /// Seals Kandji tokens at rest under the instance's secret key.
  public let sealer: TokenSealer
  public let settings: ApplicationSettings
  /// The one clock of the application: the sync's records and heartbeat, the scheduler's waits,
  /// accounts, sessions and sign-in throttling. Real time unless a test or benchmark passes a
  /// `ManualClock`.
  public let clock: any WallClock
  public let logger: Logger
  /// Builds the Kandji client of an endpoint (live under the settings' endpoint policy, or a
  /// test's).
  public let makeClient: KandjiClientFactory
  public let engine: SyncEngine
  /// Starts sync runs and lets callers wait for them.
  public let coordinator: SyncCoordinator
  /// "Refresh from Kandji" on one asset, beside the runs.
  public let refresher: AssetRefresher
  /// The Kandji app's use cases (install, authorize, mapping, settings, enable, remove).
  public let connections: KandjiConnections
  /// Agents' passwords, their administration and API keys.
  public let accounts: Accounts

  /// - Parameter makeClient: nil builds live clients under `settings.kandjiEndpointPolicy`.
  public init(
    store: any AssetStore, sealer: TokenSealer, settings: ApplicationSettings = ApplicationSettings(),
    clock: any WallClock = SystemClock(),
    makeClient: KandjiClientFactory? = nil, logger: Logger = Logger(label: "assetsync")
  ) {
    self.store = store
    self.sealer = sealer
    self.settings = settings
    self.clock = clock
    self.logger = logger
    let policy = settings.kandjiEndpointPolicy
    let makeClient = makeClient ?? { $0.liveClient(policy: policy) }
    self.makeClient = makeClient
    engine = SyncEngine(store: store, clock: clock, logger: logger)
    coordinator = SyncCoordinator(
      store: store, engine: engine, sealer: sealer, logger: logger, staleAfter: settings.syncStaleAfter,
      makeClient: makeClient)
    refresher = AssetRefresher(
      store: store, clients: coordinator.clients, staleAfter: settings.syncStaleAfter, clock: clock)
    connections = KandjiConnections(
      store: store, sealer: sealer, coordinator: coordinator, policy: policy, makeClient: makeClient)
    accounts = Accounts(store: store, settings: settings, clock: clock)
  }

  /// The time on the application's clock.
  public func now() -> Date { clock.now() }

  /// Where a Kandji token may be sent (checked again by every live client).
  public var kandjiEndpoints: KandjiEndpointPolicy { settings.kandjiEndpointPolicy }

  /// Opens a saved connection's sealed token into a Kandji client (the one place that does).
  public var clients: ConnectionClients { coordinator.clients }

  /// The daily scheduler over this application's coordinator and clock, keeping history as long
  /// as the settings say.
  public func scheduler(logger: Logger? = nil) -> SyncScheduler {
    SyncScheduler(
      store: store, coordinator: coordinator, clock: clock, logger: logger ?? self.logger,
      historyRetentionDays: settings.historyDays, assetHistoryRetentionDays: settings.assetHistoryDays)
  }

  /// What runs beside a server, in the order to add them after it: the scheduler (unless
  /// `runScheduler` is false), then the clean stop of running syncs. Services stop in the reverse
  /// order of their adding, each after the one before has ended: the server first, then runs stop
  /// and none start, and only then the scheduler, which may be waiting for a run to end (a run
  /// waiting an hour for the Kandji budget would otherwise hold the shutdown up).
  public func backgroundServices(runScheduler: Bool, logger: Logger? = nil) -> [any Service] {
    (runScheduler ? [scheduler(logger: logger)] : []) + [SyncShutdown(coordinator: coordinator)]
  }
}

/// Waits for shutdown, then stops the sync in progress so it ends as interrupted (the next run
/// resumes) instead of being cut off mid-write.
struct SyncShutdown: Service {
  let coordinator: SyncCoordinator

  func run() async throws {
    try? await gracefulShutdown()
    await coordinator.shutDown()
  }
}
