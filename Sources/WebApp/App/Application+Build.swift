import AssetCore
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SyncService

/// The composition root: the router with every route and middleware, plus the scheduler,
/// in one application. `assetsync serve`, the demo and the tests all come through here.
public enum AppBuilder {
  /// The router alone (router-level tests use it with `app.test(.router)`).
  public static func buildRouter(
    services: AppServices, registry: RouteRegistry = RouteRegistry(), secureCookies: Bool = true
  ) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: ErrorMiddleware(metrics: services.metrics, logger: services.logger, registry: registry))
    if services.trustedProxies.ranges.isEmpty {
      router.add(middleware: ForwardedHeaderWarning(logger: services.logger))
    }
    SystemRoutes(services: services).register(health: router)
    registry.record(.get, "/health")
    WebRoutes(services: services, secureCookies: secureCookies).register(router)
    let prefix = "/api/1.1/json/"
    let group = router.group(RouterPath(prefix)).add(
      middleware: AuthMiddleware(store: services.store, sessions: services.sessions))
    let api = APIRouter(group: group, prefix: prefix, registry: registry)
    AssetRoutes(services: services).register(api)
    SearchRoutes(services: services).register(api)
    AssetTypeRoutes(services: services).register(api)
    ContactRoutes(services: services).register(api)
    ContactGroupRoutes(services: services).register(api)
    TicketRoutes(services: services).register(api)
    HelpdeskCatalogRoutes(services: services).register(api)
    KandjiAppRoutes(services: services).register(api)
    let metricsGroup = router.group("/").add(
      middleware: AuthMiddleware(store: services.store, sessions: services.sessions))
    SystemRoutes(services: services).register(metrics: APIRouter(group: metricsGroup, prefix: "/", registry: registry))
    return router
  }

  /// The whole server: HTTP, the daily scheduler and a clean stop of a running sync, as one
  /// application whose `ServiceGroup` shuts everything down gracefully on SIGTERM/SIGINT.
  public static func buildApplication(
    configuration: AppConfiguration, services: AppServices,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async -> some ApplicationProtocol {
    let metrics = services.metrics
    await services.coordinator.setOnRunFinished { metrics.countRun($0) }
    var logger = services.logger
    logger.logLevel = configuration.logLevel
    let headTimeout = TimeAmount.seconds(Int64(configuration.requestHeadTimeout.rounded(.up)))
    let bodyTimeout = TimeAmount.seconds(Int64(configuration.requestBodyTimeout.rounded(.up)))
    var app = Application(
      router: buildRouter(services: services, secureCookies: configuration.secureCookies),
      server: .http1(
        configuration: .init(
          additionalChannelHandlers: [RequestDeadlineHandler(headTimeout: headTimeout, bodyTimeout: bodyTimeout)],
          idleTimeout: .seconds(120))),
      configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "AssetSync"),
      onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
      logger: logger)
    if configuration.runScheduler {
      app.addServices(
        SyncScheduler(
          store: services.store, coordinator: services.coordinator, clock: services.wallClock, logger: logger,
          historyRetentionDays: configuration.historyDays, assetHistoryRetentionDays: configuration.assetHistoryDays))
    }
    // Services stop in the reverse order of their adding, each after the one before has ended:
    // the HTTP server first, then this (runs stop and none start), and only then the scheduler,
    // which may be waiting for a run to end (a run waiting an hour for the Kandji budget would
    // otherwise hold the shutdown up).
    app.addServices(SyncShutdown(coordinator: services.coordinator))
    return app
  }
}

/// Waits for shutdown, then stops the sync in progress so it ends as interrupted (the next
/// run resumes) instead of being cut off mid-write.
struct SyncShutdown: Service {
  let coordinator: SyncCoordinator

  func run() async throws {
    try? await gracefulShutdown()
    await coordinator.shutDown()
  }
}
