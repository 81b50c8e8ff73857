import ArgumentParser
import AssetStore
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

  @Flag(help: "Mark session cookies Secure (when served over HTTPS, e.g. behind a proxy).")
  var secureCookies = false

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

  func validate() throws {
    guard syncStaleAfter >= 4 else {
      throw ValidationError("--sync-stale-after must be at least 4 seconds, got \(syncStaleAfter).")
    }
    guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port).") }
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
    guard Logger.Level(rawValue: logLevel) != nil else {
      throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
    }
  }

  func run() async throws {
    let store = try await database.openStore()
    if let warning = try database.sharedKeyWarning() { Console.error(warning) }
    let sealer: TokenSealer
    do { sealer = try TokenSealer.load(keyFile: try database.keyFile()) } catch { throw CLIError("\(error)") }
    var configuration = AppConfiguration(
      host: host, port: port, runScheduler: !noScheduler, sessionLifetime: sessionIdleHours * 3_600,
      sessionAbsoluteLifetime: sessionMaxHours * 3_600, secureCookies: secureCookies,
      trustedProxies: trustedProxy.compactMap(AddressRange.init), logLevel: Logger.Level(rawValue: logLevel) ?? .info,
      syncStaleAfter: syncStaleAfter, allowCustomKandjiEndpoints: allowCustomKandjiEndpoints)
    configuration.historyDays = historyDays
    if !configuration.problems.isEmpty { throw CLIError(configuration.problems.joined(separator: "; ")) }
    var logger = Logger(label: "assetsync")
    logger.logLevel = configuration.logLevel
    let services = AppServices(store: store, sealer: sealer, configuration: configuration, logger: logger)
    let host = self.host
    let app = await AppBuilder.buildApplication(configuration: configuration, services: services) { port in
      Console.line("AssetSync is listening on http://\(host):\(port)")
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
