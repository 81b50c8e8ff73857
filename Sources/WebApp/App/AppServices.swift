import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import Logging
import SyncService

/// Everything the routes and the scheduler share, built once (the composition root's parts).
/// Tests build it with an in-memory clock and a client factory pointing at the simulator.
public struct AppServices: Sendable {
  public let store: any AssetStore
  public let sealer: TokenSealer
  public let coordinator: SyncCoordinator
  public let passwords: PasswordHasher
  public let sessions: SessionManager
  public let metrics: AppMetrics
  public let now: @Sendable () -> Date
  public let wallClock: any WallClock
  /// Builds Kandji clients for authorize and for sync runs.
  public let makeClient: SyncCoordinator.ClientFactory
  public let logger: Logger
  let loginThrottle: LoginThrottle
  let previewCache = PreviewCache()
  let renderer = PageRenderer()

  public init(
    store: any AssetStore, sealer: TokenSealer, configuration: AppConfiguration,
    now: @escaping @Sendable () -> Date = { Date() }, wallClock: any WallClock = SystemWallClock(),
    makeClient: @escaping SyncCoordinator.ClientFactory = AppServices.liveClient,
    logger: Logger = Logger(label: "assetsync")
  ) {
    self.store = store
    self.sealer = sealer
    self.now = now
    self.wallClock = wallClock
    self.makeClient = makeClient
    self.logger = logger
    metrics = AppMetrics()
    passwords = PasswordHasher(cost: configuration.bcryptCost)
    sessions = SessionManager(store: store, lifetime: configuration.sessionLifetime, now: now)
    let engine = SyncEngine(store: store, now: now, logger: logger)
    coordinator = SyncCoordinator(
      store: store, engine: engine, sealer: sealer, logger: logger, staleAfter: configuration.syncStaleAfter,
      makeClient: makeClient)
    loginThrottle = LoginThrottle(now: now)
  }

  /// The production client: paced and retrying as `KandjiClientConfiguration` defaults say.
  public static let liveClient: SyncCoordinator.ClientFactory = { url, token in
    LiveKandjiClient(configuration: KandjiClientConfiguration(baseURL: url, token: token))
  }
}
