import ArgumentParser
import AssetCore
import AssetStore
import Foundation
import SQLiteStore
import SyncService
import WebApp

/// `assetsync bench auth`: how `/health` and an API GET answer while clients hammer the sign-in
/// form with wrong passwords (issue 9). bcrypt runs at the production cost on its own bounded
/// pool; by default the throttle's limits are lifted so every guess costs a bcrypt check (a
/// botnet's worst case), `--keep-throttle` measures the production limits instead.
struct AuthBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "auth",
    abstract: "Latency of /health and an API GET while clients hammer the sign-in form."
  )

  @Option(help: "Clients sending sign-in attempts at once.")
  var attackers: Int = 16

  @Option(help: "Seconds per measurement.")
  var seconds: Double = 10

  @Option(help: "bcrypt cost of the agents' passwords (production: 12).")
  var bcryptCost: Int = 12

  @Flag(help: "Keep the sign-in throttle's production limits (most guesses then answer 429 at once).")
  var keepThrottle = false

  func validate() throws {
    guard (1...256).contains(attackers) else { throw ValidationError("--attackers takes 1 to 256.") }
    guard seconds >= 1 else { throw ValidationError("--seconds takes at least 1.") }
    guard (4...16).contains(bcryptCost) else { throw ValidationError("--bcrypt-cost takes 4 to 16.") }
  }

  func run() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assetsync-bench-auth-\(UUID())")
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try SQLiteAssetStore(path: directory.appendingPathComponent("db.sqlite").path)
    var configuration = AppConfiguration(bcryptCost: UInt8(bcryptCost), runScheduler: false, logLevel: .error)
    if !keepThrottle {
      configuration.signInLimits = .init(perAccount: .max, perAddress: .max, global: .max, maxKeys: 1_000_000)
    }
    let services = AppServices(
      store: store, sealer: try TokenSealer(keyData: Data(repeating: 1, count: 32)), configuration: configuration)
    let admin = try await store.createAgent(
      email: "admin@example.com", name: "Admin", role: .admin,
      passwordHash: services.passwords.hash("bench password 1"),
      at: Date())
    let key = try await APIKeyIssuer.issue(for: admin, store: store)
    let authorization = "Authorization: Basic " + Data("\(key.key):\(key.authCode)".utf8).base64EncodedString()
    Console.line(
      "bcrypt cost \(bcryptCost) on \(configuration.passwordThreads) thread(s), queue \(configuration.passwordQueueLimit); throttle \(keepThrottle ? "production limits" : "lifted")"
    )
    try await APIServer.serving(services) { port in
      try await measure(port: port, authorization: authorization)
    }
  }

  private func measure(port: Int, authorization: String) async throws {
    let health = HTTPLoad(port: port, headers: [])
    let api = HTTPLoad(port: port, headers: [authorization])
    let apiPath: @Sendable () -> String = { "/api/1.1/json/asset_types/" }
    _ = await health.run(connections: 1, seconds: 1) { "/health" }
    let quietHealth = await health.run(connections: 1, seconds: seconds / 2) { "/health" }
    let quietAPI = await api.run(connections: 1, seconds: seconds / 2, path: apiPath)

    let attack = Task {
      await HTTPLoad(port: port, headers: []).run(
        connections: attackers, seconds: seconds + 1, succeeds: { _ in true }, request: Self.signInAttempt)
    }
    try await Task.sleep(for: .milliseconds(500))  // let the attack ramp up
    let busyHealth = await health.run(connections: 1, seconds: seconds / 2) { "/health" }
    let busyAPI = await api.run(connections: 1, seconds: seconds / 2, path: apiPath)
    let attempts = await attack.value

    Console.line("                          req/s   p50 ms   p99 ms   max ms  errors")
    for (name, result) in [
      ("/health, quiet", quietHealth), ("API GET, quiet", quietAPI),
      ("/health, \(attackers) attackers", busyHealth), ("API GET, \(attackers) attackers", busyAPI),
    ] {
      Console.line(
        String(
          format: "%-24@ %7.0f %8.2f %8.2f %8.2f  %6d",
          name.padding(toLength: 24, withPad: " ", startingAt: 0) as NSString,
          result.requestsPerSecond, result.percentile(0.5), result.percentile(0.99), result.maximum, result.errors))
    }
    let answers = attempts.statuses.sorted { $0.key < $1.key }.map {
      "\($0.value) × \($0.key == 0 ? "no answer" : String($0.key))"
    }
    Console.line(
      String(format: "sign-in attempts: %.0f/s (", Double(attempts.statuses.values.reduce(0, +)) / attempts.seconds)
        + answers.joined(separator: ", ") + ")")
  }

  /// A wrong password for a random email, with a matching double-submit token.
  @Sendable static func signInAttempt() -> [UInt8] {
    let body = "_csrf=bench&email=guess\(UInt32.random(in: 0...UInt32.max))%40example.com&password=wrong+password+1"
    return Array(
      ("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: assetsync_login_csrf=bench\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body).utf8)
  }
}
