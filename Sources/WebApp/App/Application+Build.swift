import AssetCore
import AssetSyncApplication
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
    registry.record(.get, "/health", role: .public)
    WebRoutes(services: services, secureCookies: secureCookies).register(router, registry: registry)
    let prefix = "/api/1.1/json/"
    let group = router.group(RouterPath(prefix)).add(
      middleware: AuthMiddleware(store: services.store, sessions: services.sessions))
    let api = APIRouter(group: group, prefix: prefix, registry: registry)
    AssetRoutes(services: services).register(api.agents)
    SearchRoutes(services: services).register(api.agents)
    AssetTypeRoutes(services: services).register(api)
    ContactRoutes(services: services).register(api.agents)
    ContactGroupRoutes(services: services).register(api.agents)
    TicketRoutes(services: services).register(api.agents)
    HelpdeskCatalogRoutes(services: services).register(api.agents)
    KandjiAppRoutes(services: services).register(api.admins)
    let metricsGroup = router.group("/").add(
      middleware: AuthMiddleware(store: services.store, sessions: services.sessions))
    SystemRoutes(services: services).register(
      metrics: APIRouter(group: metricsGroup, prefix: "/", registry: registry).agents)
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
    // The scheduler (unless off here) and the clean stop of running syncs, in their stopping order.
    for service in services.application.backgroundServices(runScheduler: configuration.runScheduler, logger: logger) {
      app.addServices(service)
    }
    return app
  }
}
