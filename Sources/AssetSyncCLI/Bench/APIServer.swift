import AssetStore
import AssetSyncApplication
import Foundation
import Hummingbird
import KandjiAPI
import Logging
import ServiceLifecycle
import WebApp

/// The real server (`AppBuilder.buildApplication`) on a free loopback port, for as long as `body`
/// runs: the one bench file that knows the web layer (`bench api` and `bench auth` hand it their
/// application).
enum APIServer {
  /// The sign-in throttle's limits on a bench server.
  enum SignInLimits {
    /// The production limits.
    case production
    /// No limits: every guess costs a bcrypt check (a botnet's worst case).
    case lifted
  }

  /// The server around `application`, under the benches' HTTP settings. `trustLoopbackProxy`
  /// believes `X-Forwarded-For` from loopback, so one machine can play thousands of addresses.
  static func serving(
    _ application: AssetSyncApp, signInLimits: SignInLimits = .production, trustLoopbackProxy: Bool = false,
    _ body: @Sendable (Int) async throws -> Void
  ) async throws {
    var configuration = configuration
    if signInLimits == .lifted {
      configuration.signInLimits = LoginThrottle.Limits(
        perAccount: .max, perAddress: .max, global: .max, maxKeys: 1_000_000)
    }
    if trustLoopbackProxy { configuration.trustedProxies = [AddressRange("127.0.0.1")].compactMap { $0 } }
    try await serving(
      AppServices(application: application, configuration: configuration), configuration: configuration, body)
  }

  /// A web session of `agentID`, a day long, as a `Cookie` header value.
  static func sessionCookie(agentID: Int64, store: any AssetStore, now: Date) async throws -> String {
    let token = SecretTokens.random()
    try await store.createSession(
      tokenHash: SecretTokens.hash(token), agentID: agentID, csrfToken: SecretTokens.random(),
      expiresAt: now.addingTimeInterval(86_400), at: now)
    return "\(SessionManager.cookieName)=\(token)"
  }

  /// Loopback, a free port, no scheduler (the benches start the runs they measure).
  static let configuration = AppConfiguration(host: "127.0.0.1", port: 0, runScheduler: false, logLevel: .error)

  private static func serving(
    _ services: AppServices, configuration: AppConfiguration, _ body: @Sendable (Int) async throws -> Void
  ) async throws {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = await AppBuilder.buildApplication(configuration: configuration, services: services) { port in
      continuation.yield(port)
    }
    var logger = Logger(label: "assetsync.bench")
    logger.logLevel = .error
    let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      var iterator = ports.makeAsyncIterator()
      guard let port = await iterator.next() else { throw CLIError("The server did not start.") }
      do {
        try await body(port)
      } catch {
        await group.triggerGracefulShutdown()
        throw error
      }
      // A graceful stop, as on SIGTERM: the server closes its connections and returns.
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
    }
  }
}
