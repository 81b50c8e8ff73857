import AssetCore
import AssetStore
import AssetSyncApplication
import Foundation
import KandjiAPI
import Logging
import SingleSignOn
import SyncService
import Synchronization

/// The web layer's holder of the application: the `AssetSyncApp` (store, sync, accounts), built
/// once and shared with the scheduler, plus what only HTTP needs (sessions, the sign-in throttle,
/// device cookies, metrics, pages). Tests build it with an in-memory clock and a client factory
/// pointing at the simulator.
public struct AppServices: Sendable {
  /// The application these routes serve.
  public let application: AssetSyncApp
  public let metrics: AppMetrics
  /// The address browsers reach this server at (`AppConfiguration.publicURL`); the demo sets it
  /// once its port is known.
  public let publicURL: PublicURL
  let sessions: SessionManager
  /// Which peers are proxies whose forwarding headers count.
  let trustedProxies: TrustedProxies
  /// OpenID Connect sign-in (issue 22).
  let singleSignOn: SingleSignOnService
  let loginThrottle: LoginThrottle
  /// Signs and checks the cookie of browsers that signed in before (under the secret key).
  let deviceCookies: DeviceCookie
  let previewCache = PreviewCache()
  let renderer = PageRenderer()

  /// The web layer around `application`, under the HTTP settings of `configuration` (its
  /// application settings are the application's business; `serve` and `demo` build both from
  /// the same configuration).
  public init(application: AssetSyncApp, configuration: AppConfiguration) {
    self.application = application
    let clock = application.clock
    trustedProxies = TrustedProxies(configuration.trustedProxies)
    metrics = AppMetrics()
    sessions = SessionManager(
      store: application.store, lifetime: configuration.sessionLifetime,
      absoluteLifetime: configuration.sessionAbsoluteLifetime, clock: clock)
    loginThrottle = LoginThrottle(limits: configuration.signInLimits, clock: clock)
    deviceCookies = DeviceCookie(key: application.sealer.derivedKey(for: DeviceCookie.purpose))
    let work = application.accounts.passwordWork
    singleSignOn = SingleSignOnService(
      store: application.store, sealer: application.sealer, clock: clock, hashPassword: { try await work.hash($0) },
      logger: application.logger)
    publicURL = PublicURL(configuration.publicURL)
  }

  /// Builds the application from `configuration.application` and the web layer around it.
  /// - Parameter makeClient: nil builds live clients under the configuration's endpoint policy.
  public init(
    store: any AssetStore, sealer: TokenSealer, configuration: AppConfiguration,
    clock: any WallClock = SystemClock(),
    makeClient: KandjiClientFactory? = nil, logger: Logger = Logger(label: "assetsync")
  ) {
    self.init(
      application: AssetSyncApp(
        store: store, sealer: sealer, settings: configuration.application, clock: clock,
        makeClient: makeClient, logger: logger),
      configuration: configuration)
  }
}

// The application's parts the routes and tests reach most, by their short names.
extension AppServices {
  /// The secret-key holder (tests seal tokens with it).
  public var sealer: TokenSealer { application.sealer }
  public var coordinator: SyncCoordinator { application.coordinator }
  /// "Refresh from Kandji" on one asset, beside the runs (its own limiter in the store's ledger).
  public var refresher: AssetRefresher { application.refresher }
  public var passwords: PasswordHasher { application.accounts.passwords }
  /// Bcrypt off the request threads, bounded (sign-ins, password changes).
  public var passwordWork: PasswordWork { application.accounts.passwordWork }
  public var logger: Logger { application.logger }
  public var store: any AssetStore { application.store }
  /// The application's one clock.
  var clock: any WallClock { application.clock }
  func now() -> Date { application.clock.now() }
  /// The Kandji app's use cases (connections, authorize, mapping, enable, remove).
  var connections: KandjiConnections { application.connections }
  /// Where the Kandji token may be sent (checked again by every live client).
  var kandjiEndpoints: KandjiEndpointPolicy { application.kandjiEndpoints }
}

/// The server's public URL, settable once the listening port is known (the demo on port 0).
public final class PublicURL: Sendable {
  private let value: Mutex<String?>

  public init(_ url: String?) { value = Mutex(url) }

  public var url: String? { value.withLock { $0 } }

  /// Sets the URL unless one was configured.
  public func setIfUnset(_ url: String) { value.withLock { if $0 == nil { $0 = url } } }
}
