import ArgumentParser
import Foundation
import KandjiSimulator
import Logging
import ServiceLifecycle

/// `assetsync simulate-kandji`: the Kandji simulator alone, for trying AssetSync or a script
/// against a realistic tenant without a Kandji account.
struct SimulateKandjiCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate-kandji",
    abstract: "Run a simulated Kandji tenant and print its API URL and a full-permission token."
  )

  @Option(help: "Port to listen on (0 picks a free port).")
  var port: Int = 8123

  @Option(help: "Address to listen on.")
  var host: String = "127.0.0.1"

  @Option(help: "Number of devices in the tenant.")
  var devices: Int = 500

  @Option(help: "Seed of the generated tenant: the same seed gives the same devices.")
  var seed: UInt64 = 42

  @Option(help: "Kandji's per-second request limit (0 turns it off).")
  var ratePerSecond: Int = 50

  @Option(help: "Kandji's per-hour request limit (0 turns it off).")
  var ratePerHour: Int = 10_000

  @Option(help: "Delay added to every answer, in milliseconds.")
  var latencyMs: Int = 0

  @Flag(help: "Print the URL and token as one JSON line (for scripts).")
  var json = false

  func validate() throws {
    guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port).") }
    guard (0...2_000_000).contains(devices) else {
      throw ValidationError("--devices must be between 0 and 2000000, got \(devices).")
    }
    guard ratePerSecond >= 0, ratePerHour >= 0 else { throw ValidationError("Rate limits cannot be negative.") }
    guard (0...60_000).contains(latencyMs) else { throw ValidationError("--latency-ms must be between 0 and 60000.") }
  }

  /// Today at 00:00 UTC: recent check-ins, and the same tenant all day for the same seed.
  static func startOfToday() -> Date {
    Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
  }

  func run() async throws {
    let simulator = KandjiSimulator(
      configuration: SimulatorConfiguration(
        deviceCount: devices, seed: seed, requestsPerSecond: ratePerSecond > 0 ? ratePerSecond : nil,
        requestsPerHour: ratePerHour > 0 ? ratePerHour : nil, latency: .milliseconds(latencyMs),
        referenceDate: Self.startOfToday()))
    var logger = Logger(label: "assetsync.simulator")
    logger.logLevel = .warning
    let token = simulator.fullAccessToken
    let json = self.json
    let host = self.host
    let count = devices
    let app = simulator.makeApplication(host: host, port: port, logger: logger) { port in
      let url = "http://\(host):\(port)"
      if json {
        Console.line("{\"url\":\"\(url)\",\"token\":\"\(token)\",\"devices\":\(count)}")
      } else {
        Console.line("Kandji simulator: \(count) devices")
        Console.line("API URL: \(url)")
        Console.line("API token (Device list + Device details): \(token)")
        Console.line("Press Ctrl-C to stop.")
      }
    }
    let group = ServiceGroup(
      configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    do {
      try await group.run()
    } catch {
      throw CLIError("The simulator could not run on \(host):\(port): \(error)")
    }
  }
}
