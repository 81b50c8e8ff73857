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
  /// Bcrypt off the request threads, bounded (sign-ins, password changes).
  public let passwordWork: PasswordWork
  public let sessions: SessionManager
  public let metrics: AppMetrics
  public let now: @Sendable () -> Date
  public let wallClock: any WallClock
  /// Builds Kandji clients for authorize and for sync runs.
  public let makeClient: KandjiClientFactory
  /// The Kandji app's use cases (connections, authorize, mapping, enable, remove).
  public let connections: KandjiConnections
  /// Where the Kandji token may be sent (checked again by every live client).
  public let kandjiEndpoints: KandjiEndpointPolicy
  /// Which peers are proxies whose forwarding headers count.
  public let trustedProxies: TrustedProxies
  public let logger: Logger
  let loginThrottle: LoginThrottle
  let previewCache = PreviewCache()
  let renderer = PageRenderer()

  /// - Parameter makeClient: nil builds live clients under the configuration's endpoint policy.
  public init(
    store: any AssetStore, sealer: TokenSealer, configuration: AppConfiguration,
    now: @escaping @Sendable () -> Date = { Date() }, wallClock: any WallClock = SystemWallClock(),
    makeClient: KandjiClientFactory? = nil, logger: Logger = Logger(label: "assetsync")
  ) {
    self.store = store
    self.sealer = sealer
    self.now = now
    self.wallClock = wallClock
    kandjiEndpoints = configuration.kandjiEndpointPolicy
    let policy = configuration.kandjiEndpointPolicy
    let makeClient = makeClient ?? { $0.liveClient(policy: policy) }
    self.makeClient = makeClient
    trustedProxies = TrustedProxies(configuration.trustedProxies)
    self.logger = logger
    metrics = AppMetrics()
    passwords = PasswordHasher(cost: configuration.bcryptCost)
    passwordWork = PasswordWork(
      hasher: passwords, threads: configuration.passwordThreads, queueLimit: configuration.passwordQueueLimit)
    sessions = SessionManager(
      store: store, lifetime: configuration.sessionLifetime, absoluteLifetime: configuration.sessionAbsoluteLifetime,
      now: now)
    let engine = SyncEngine(store: store, now: now, logger: logger)
    coordinator = SyncCoordinator(
      store: store, engine: engine, sealer: sealer, logger: logger, staleAfter: configuration.syncStaleAfter, now: now,
      makeClient: makeClient)
    connections = KandjiConnections(
      store: store, sealer: sealer, coordinator: coordinator, policy: policy, now: now, makeClient: makeClient)
    loginThrottle = LoginThrottle(limits: configuration.signInLimits, now: now)
  }
}
