import ArgumentParser
import AssetStore
import AssetSyncApplication
import Foundation
import Hummingbird
import KandjiAPI
import Logging
import ServiceLifecycle
import SyncService
import WebApp

/// `assetsync serve`: the server and the daily scheduler, until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve", abstract: "Run the AssetSync server (web UI, REST API and the daily Kandji sync).")

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Address to listen on.")
  var host: String = "127.0.0.1"

  @Option(help: "Port to listen on.")
  var port: Int = 8080

  @Flag(help: "Do not run the daily scheduler in this process.")
  var noScheduler = false

  @Flag(help: .hidden)
  var secureCookies = false  // Cookies are Secure by default now; kept so old command lines still start.

  @Flag(
    help:
      "Serve plain HTTP on a loopback --host (a local try-out): cookies are then not marked Secure. Without it cookies are Secure (use https://, http://localhost, or a proxy)."
  )
  var plainHTTP = false

  @Option(
    help: ArgumentHelp(
      "A reverse proxy (address or CIDR) whose X-Forwarded-For and X-Forwarded-Proto are trusted; repeatable.",
      valueName: "cidr"))
  var trustedProxy: [String] = []

  @Flag(
    help:
      "Allow any http(s) Kandji API URL, loopback and private addresses included (a simulator, a proxy). Off: only Kandji's own hosts."
  )
  var allowCustomKandjiEndpoints = false

  @Option(help: "Hours a web session lasts without activity.")
  var sessionIdleHours: Double = 8

  @Option(help: "Hours a web session lasts at most after signing in.")
  var sessionMaxHours: Double = 24

  @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
  var logLevel: String = "info"

  @Option(help: "Seconds without a heartbeat before another replica (or a restart) takes over a running sync.")
  var syncStaleAfter: Double = 120

  @Option(help: "Days sync runs and their CSV reports are kept (0 keeps them forever).")
  var historyDays: Int = 90

  @Option(
    help:
      "The URL browsers reach this server at, e.g. https://assetsync.example.com; single sign-on's redirect URI is it plus /login/oidc/callback."
  )
  var publicUrl: String?

  @Option(help: "Days each asset's history is kept (0 keeps it forever).")
  var assetHistoryDays: Int = 365

  func validate() throws {
    guard syncStaleAfter >= 4 else {
      throw ValidationError("--sync-stale-after must be at least 4 seconds, got \(syncStaleAfter).")
    }
    guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port).") }
    if plainHTTP && !AppConfiguration.isLoopback(host) {
      throw ValidationError("--plain-http is only for a loopback --host (127.0.0.1, ::1, localhost), got \(host).")
    }
    for proxy in trustedProxy where AddressRange(proxy) == nil {
      throw ValidationError("--trusted-proxy \"\(proxy)\" is not an IP address or CIDR range (e.g. 10.0.0.0/8).")
    }
    guard sessionIdleHours >= 0.1, sessionMaxHours >= sessionIdleHours, sessionMaxHours <= 24 * 90 else {
      throw ValidationError(
        "--session-idle-hours must be at least 0.1 and --session-max-hours between it and 2160 (90 days).")
    }
    guard (0...3_650).contains(historyDays) else {
      throw ValidationError("--history-days must be between 0 (keep everything) and 3650, got \(historyDays).")
    }
    guard (0...36_500).contains(assetHistoryDays) else {
      throw ValidationError(
        "--asset-history-days must be between 0 (keep everything) and 36500, got \(assetHistoryDays).")
    }
    if let publicUrl, let problem = AppConfiguration.publicURLProblem(publicUrl) {
      throw ValidationError("--public-url: \(problem).")
    }
    guard Logger.Level(rawValue: logLevel) != nil else {
      throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
    }
  }

  func run() async throws {
    var configuration = AppConfiguration(
      host: host, port: port, runScheduler: !noScheduler, sessionLifetime: sessionIdleHours * 3_600,
      sessionAbsoluteLifetime: sessionMaxHours * 3_600, plainHTTPOnLoopback: plainHTTP,
      trustedProxies: trustedProxy.compactMap(AddressRange.init), logLevel: Logger.Level(rawValue: logLevel) ?? .info,
      syncStaleAfter: syncStaleAfter, allowCustomKandjiEndpoints: allowCustomKandjiEndpoints)
    configuration.historyDays = historyDays
    configuration.publicURL = publicUrl
    configuration.assetHistoryDays = assetHistoryDays
    if !configuration.problems.isEmpty { throw CLIError(configuration.problems.joined(separator: "; ")) }
    var logger = Logger(label: "assetsync")
    logger.logLevel = configuration.logLevel
    let application = try await database.openApplication(
      settings: configuration.application, logger: logger, warnAboutSharedKey: true)
    let services = AppServices(application: application, configuration: configuration)
    let host = self.host
    // Browsers drop Secure cookies over plain http:// except for localhost.
    let secureOnLoopback = configuration.secureCookies && AppConfiguration.isLoopback(host) && trustedProxy.isEmpty
    let app = await AppBuilder.buildApplication(configuration: configuration, services: services) { port in
      Console.line("AssetSync is listening on http://\(host):\(port)")
      if secureOnLoopback {
        Console.line(
          "Cookies are Secure: sign in through HTTPS or http://localhost:\(port), or start with --plain-http.")
      }
    }
    let group = ServiceGroup(
      configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    do {
      try await group.run()
    } catch {
      throw CLIError("The server stopped: \(error)")
    }
  }
}
