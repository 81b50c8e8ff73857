import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import Logging
import SingleSignOn
import SyncService
import Synchronization

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
  /// OpenID Connect sign-in (issue 22).
  public let singleSignOn: SingleSignOnService
  /// The address browsers reach this server at (`AppConfiguration.publicURL`); the demo sets it
  /// once its port is known.
  public let publicURL: PublicURL
  let loginThrottle: LoginThrottle
  /// Signs and checks the cookie of browsers that signed in before (under the secret key).
  let deviceCookies: DeviceCookie
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
    deviceCookies = DeviceCookie(key: sealer.derivedKey(for: DeviceCookie.purpose))
    let work = passwordWork
    singleSignOn = SingleSignOnService(
      store: store, sealer: sealer, now: now, hashPassword: { try await work.hash($0) }, logger: logger)
    publicURL = PublicURL(configuration.publicURL)
  }
}

/// The server's public URL, settable once the listening port is known (the demo on port 0).
public final class PublicURL: Sendable {
  private let value: Mutex<String?>

  public init(_ url: String?) { value = Mutex(url) }

  public var url: String? { value.withLock { $0 } }

  /// Sets the URL unless one was configured.
  public func setIfUnset(_ url: String) { value.withLock { if $0 == nil { $0 = url } } }
}
