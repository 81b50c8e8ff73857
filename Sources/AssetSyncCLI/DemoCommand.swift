import ArgumentParser
import AssetStore
import AssetSyncApplication
import Foundation
import Hummingbird
import KandjiAPI
import KandjiSimulator
import Logging
import SQLiteStore
import ServiceLifecycle
import SyncService
import WebApp

/// `assetsync demo`: the whole product on one machine, no Kandji account needed: a simulated
/// tenant, the server on loopback with an embedded SQLite file, the Kandji app installed,
/// authorized and mapped, the initial sync done, demo contacts and tickets, an admin and an API key.
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo", abstract: "Try AssetSync with a simulated Kandji tenant (no Kandji account needed).")

  @Option(help: "Port of the web UI and API (0 picks a free one).")
  var port: Int = 8080

  @Option(help: "Devices in the simulated Kandji tenant.")
  var devices: Int = 500

  @Option(help: "SQLite file to keep the demo in (default: a new temporary file).")
  var database: String?

  @Flag(help: "Leave the Kandji app uninstalled, to walk through its setup in the web UI.")
  var skipKandjiSetup = false

  @Flag(help: "Print the demo's URLs and credentials as one JSON line (for scripts and tests).")
  var json = false

  func validate() throws {
    guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port).") }
    guard (1...200_000).contains(devices) else { throw ValidationError("--devices must be between 1 and 200000.") }
  }

  func run() async throws {
    let path =
      database
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "assetsync-demo-\(UUID().uuidString)/demo.sqlite"
      )
      .path
    let store: SQLiteAssetStore
    do { store = try SQLiteAssetStore(path: path) } catch { throw CLIError("Cannot open \(path): \(error)") }
    let sealer: TokenSealer
    do { sealer = try TokenSealer.load(keyFile: path + ".key") } catch { throw CLIError("\(error)") }
    var logger = Logger(label: "assetsync")
    logger.logLevel = .warning
    // The demo's Kandji is the simulator on loopback: custom endpoints are the point here.
    // Plain HTTP on 127.0.0.1, opened by browsers that drop Secure cookies there: say so.
    let configuration = AppConfiguration(
      port: port, plainHTTPOnLoopback: true, logLevel: .warning, allowCustomKandjiEndpoints: true)
    let application = AssetSyncApp(
      store: store, sealer: sealer, settings: configuration.application, logger: logger)
    let services = AppServices(application: application, configuration: configuration)
    let simulator = KandjiSimulator(
      configuration: SimulatorConfiguration(
        deviceCount: devices, referenceDate: SimulateKandjiCommand.startOfToday()))

    let (simulatorPorts, simulatorPort) = AsyncStream.makeStream(of: Int.self)
    let (serverPorts, serverPort) = AsyncStream.makeStream(of: Int.self)
    let simulatorApp = simulator.makeApplication(port: 0, logger: logger) { simulatorPort.yield($0) }
    let server = await AppBuilder.buildApplication(configuration: configuration, services: services) {
      serverPort.yield($0)
    }
    let group = ServiceGroup(
      configuration: .init(
        services: [simulatorApp, server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    let running = Task { try await group.run() }
    var simulatorIterator = simulatorPorts.makeAsyncIterator()
    var serverIterator = serverPorts.makeAsyncIterator()
    guard let kandjiPort = await simulatorIterator.next(), let webPort = await serverIterator.next() else {
      throw CLIError("The demo could not start its servers (is port \(port) free?).")
    }
    // Single sign-on's redirect URI is the demo's own loopback address.
    services.publicURL.setIfUnset("http://127.0.0.1:\(webPort)")
    if !json { Console.line("Kandji simulator: \(devices) devices at http://127.0.0.1:\(kandjiPort)") }
    do {
      let result = try await DemoSeeder(application: application).seed(
        kandjiURL: "http://127.0.0.1:\(kandjiPort)", token: simulator.fullAccessToken,
        userEmails: simulator.devices.compactMap(\.user?.email), setUpKandji: !skipKandjiSetup
      ) { if !json { Console.line($0) } }
      if json {
        Console.line(
          "{\"url\":\"http://127.0.0.1:\(webPort)\",\"kandji_url\":\"http://127.0.0.1:\(kandjiPort)\",\"kandji_token\":\"\(simulator.fullAccessToken)\",\"email\":\"\(result.adminEmail)\",\"password\":\"\(result.adminPassword)\",\"api_key\":\"\(result.apiKey)\",\"auth_code\":\"\(result.authCode)\"}"
        )
        try await running.value
        return
      }
      if let run = result.run {
        let t = run.totals
        Console.line(
          "Initial sync \(run.status.rawValue): \(t.created) created, \(t.skipped) skipped, \(t.failed) failed (\(run.listRequests) list and \(run.detailRequests) details calls)."
        )
      }
      Console.line("")
      Console.line("AssetSync demo is running at http://127.0.0.1:\(webPort)")
      Console.line("  Sign in:   \(result.adminEmail)  /  \(result.adminPassword)")
      if skipKandjiSetup {
        Console.line("  Kandji app not set up: in Admin › Apps › Kandji use API URL http://127.0.0.1:\(kandjiPort)")
        Console.line("  and the simulator's token \(simulator.fullAccessToken)")
      }
      Console.line("  API key:   \(result.apiKey)")
      Console.line("  Auth code: \(result.authCode)")
      Console.line(
        "  Try: curl -u \(result.apiKey):\(result.authCode) http://127.0.0.1:\(webPort)/api/1.1/json/asset_types/")
      Console.line("  Database:  \(path)")
      Console.line("Press Ctrl-C to stop.")
    } catch {
      await group.triggerGracefulShutdown()
      throw CLIError("\(error)")
    }
    try await running.value
  }
}
