import ArgumentParser
import AssetCore
import AssetStore
import AssetSyncApplication
import Foundation
import KandjiAPI
import SQLiteStore
import SyncService

/// `assetsync bench auth`: how `/health` and an API GET answer while clients hammer the sign-in
/// form with wrong passwords (issue 9). bcrypt runs at the production cost on its own bounded
/// pool; by default the throttle's limits are lifted so every guess costs a bcrypt check (a
/// botnet's worst case), `--keep-throttle` measures the production limits instead.
///
/// Then the two attacks of issue 16, each on a fresh server with the production limits: a flood
/// of 64 KB `a[]&a[]&…` bodies at `POST /login`, and wrong passwords for the admin and random
/// emails from thousands of addresses (to spend the global budget and the admin's account
/// bucket). Under each, `/health` and the sign-in of a browser that signed in before (device
/// cookie) are measured, and a new browser's sign-in as the same admin for contrast.
struct AuthBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "auth",
    abstract: "Latency of /health, an API GET and a known browser's sign-in while clients attack the sign-in form."
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
    let threads = ApplicationSettings().passwordThreads
    Console.line(
      "bcrypt cost \(bcryptCost) on \(threads) thread(s), queue \(ApplicationSettings().passwordQueueLimit); \(attackers) attackers"
    )
    Console.line("")
    Console.line("1. Wrong passwords for random emails (throttle \(keepThrottle ? "production limits" : "lifted"))")
    try await withServer(limits: keepThrottle ? .production : .lifted) { port, bench in
      try await measureWrongPasswords(port: port, authorization: bench.authorization)
    }
    Console.line("")
    Console.line("2. Form-body flood: 64 KB of a[]&a[]&… to POST /login, with the sign-in cookie (issue 16)")
    try await withServer(limits: .production) { port, bench in
      try await measureKnownBrowser(port: port, bench: bench, attack: Self.formFlood, attackName: "form flood")
    }
    Console.line("")
    Console.line(
      "3. Global-bucket lockout: wrong passwords for the admin and random emails from many addresses (issue 16)")
    try await withServer(limits: .production, trustLoopbackProxy: true) { port, bench in
      try await measureKnownBrowser(port: port, bench: bench, attack: Self.lockoutAttempt, attackName: "lockout")
    }
  }

  /// What a scenario's measurements need: the API key and a known browser's device cookie.
  struct Bench: Sendable {
    let authorization: String
    let deviceCookie: String
  }

  /// A fresh server with `limits`; its admin has signed in once from the "known browser".
  /// `trustLoopbackProxy` believes `X-Forwarded-For` from loopback, so one machine can play
  /// thousands of client addresses.
  private func withServer(
    limits: APIServer.SignInLimits, trustLoopbackProxy: Bool = false,
    _ body: @Sendable (Int, Bench) async throws -> Void
  ) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assetsync-bench-auth-\(UUID())")
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try SQLiteAssetStore(path: directory.appendingPathComponent("db.sqlite").path)
    let application = AssetSyncApp(
      store: store, sealer: try TokenSealer(keyData: Data(repeating: 1, count: 32)),
      settings: ApplicationSettings(bcryptCost: UInt8(bcryptCost)))
    let admin = try await store.createAgent(
      email: "admin@example.com", name: "Admin", role: .admin,
      passwordHash: application.accounts.passwords.hash("bench password 1"),
      at: Date())
    let key = try await application.accounts.issueAPIKey(for: admin)
    let authorization = "Authorization: Basic " + Data("\(key.key):\(key.authCode)".utf8).base64EncodedString()
    try await APIServer.serving(application, signInLimits: limits, trustLoopbackProxy: trustLoopbackProxy) { port in
      guard let connection = HTTPConnection(port: port),
        let reply = connection.exchangeHead(Self.adminSignIn(cookies: [])),
        let device = Self.cookie("assetsync_device", in: reply.head)
      else { throw CLIError("The admin's first sign-in gave no device cookie.") }
      connection.close()
      try await body(port, Bench(authorization: authorization, deviceCookie: "assetsync_device=" + device))
    }
  }

  private func measureWrongPasswords(port: Int, authorization: String) async throws {
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

    Self.table([
      ("/health, quiet", quietHealth), ("API GET, quiet", quietAPI),
      ("/health, \(attackers) attackers", busyHealth), ("API GET, \(attackers) attackers", busyAPI),
    ])
    Self.attackLine(attempts)
  }

  /// `/health` and the known browser's sign-in (right password, device cookie), quiet and under
  /// `attack`; then a new browser's sign-in as the same admin under it, for contrast.
  private func measureKnownBrowser(
    port: Int, bench: Bench, attack: @escaping @Sendable () -> [UInt8], attackName: String
  ) async throws {
    let health = HTTPLoad(port: port, headers: [])
    let signIns = HTTPLoad(port: port, headers: [])
    let device = bench.deviceCookie
    let known: @Sendable () -> [UInt8] = { Self.adminSignIn(cookies: [device]) }
    let newBrowser: @Sendable () -> [UInt8] = { Self.adminSignIn(cookies: []) }
    let signedIn: @Sendable (Int) -> Bool = { $0 == 303 }
    _ = await health.run(connections: 1, seconds: 1) { "/health" }
    let quietHealth = await health.run(connections: 1, seconds: seconds / 2) { "/health" }
    let quietKnown = await signIns.run(connections: 1, seconds: seconds / 2, succeeds: signedIn, request: known)

    let flood = Task {
      await HTTPLoad(port: port, headers: []).run(
        connections: attackers, seconds: 1.5 * seconds + 1, succeeds: { _ in true }, request: attack)
    }
    try await Task.sleep(for: .milliseconds(500))  // let the attack ramp up
    let busyHealth = await health.run(connections: 1, seconds: seconds / 2) { "/health" }
    let busyKnown = await signIns.run(connections: 1, seconds: seconds / 2, succeeds: signedIn, request: known)
    let busyNew = await signIns.run(connections: 1, seconds: seconds / 2, succeeds: signedIn, request: newBrowser)
    let attempts = await flood.value

    Self.table([
      ("/health, quiet", quietHealth), ("known browser sign-in, quiet", quietKnown),
      ("/health, \(attackName)", busyHealth), ("known browser sign-in, \(attackName)", busyKnown),
      ("new browser sign-in, \(attackName)", busyNew),
    ])
    for (name, result) in [("known browser", busyKnown), ("new browser", busyNew)] {
      Console.line("\(name) under \(attackName): \(result.latencies.count) of \(result.answers) sign-ins got in")
    }
    Self.attackLine(attempts)
  }

  private static func table(_ rows: [(String, HTTPLoad.Result)]) {
    Console.line("                                       req/s   p50 ms   p99 ms   max ms  errors")
    for (name, result) in rows {
      Console.line(
        String(
          format: "%@ %7.1f %8.2f %8.2f %8.2f  %6d",
          name.padding(toLength: 37, withPad: " ", startingAt: 0) as NSString,
          result.requestsPerSecond, result.percentile(0.5), result.percentile(0.99), result.maximum, result.errors))
    }
  }

  private static func attackLine(_ attempts: HTTPLoad.Result) {
    let answers = attempts.statuses.sorted { $0.key < $1.key }.map {
      "\($0.value) × \($0.key == 0 ? "no answer" : String($0.key))"
    }
    Console.line(
      String(format: "attack requests: %.0f/s (", Double(attempts.answers) / attempts.seconds)
        + answers.joined(separator: ", ") + ")")
  }

  /// A wrong password for a random email, with a matching double-submit token.
  @Sendable static func signInAttempt() -> [UInt8] {
    post(body: "_csrf=bench&email=guess\(UInt32.random(in: 0...UInt32.max))%40example.com&password=wrong+password+1")
  }

  /// 64 KB of empty list entries (`a[]&a[]&…`: 16,384 fields), the quadratic case before issue 16.
  static let formFloodBody = Array(repeating: "a[]", count: 16_384).joined(separator: "&")

  @Sendable static func formFlood() -> [UInt8] { post(body: formFloodBody) }

  /// A wrong password for the admin (half the time) or a random email, from a random address
  /// (as a trusted proxy would say): IPv4 across 10/8 and IPv6 across many /64s.
  @Sendable static func lockoutAttempt() -> [UInt8] {
    let random = UInt32.random(in: 0...UInt32.max)
    let email = random & 1 == 0 ? "admin%40example.com" : "guess\(random)%40example.com"
    let address =
      random & 2 == 0
      ? "10.\(random >> 24).\((random >> 16) & 0xFF).\((random >> 8) & 0xFF)"
      : "2001:db8:\(String(random >> 16, radix: 16)):\(String(random & 0xFFFF, radix: 16))::1"
    return post(
      body: "_csrf=bench&email=\(email)&password=wrong+password+1", headers: ["X-Forwarded-For: \(address)"])
  }

  /// The admin's right password, with `cookies` besides the double-submit one.
  static func adminSignIn(cookies: [String]) -> [UInt8] {
    post(body: "_csrf=bench&email=admin%40example.com&password=bench+password+1&next=/assets", cookies: cookies)
  }

  static func post(body: String, cookies: [String] = [], headers: [String] = []) -> [UInt8] {
    let cookie = (["assetsync_login_csrf=bench"] + cookies).joined(separator: "; ")
    return Array(
      ("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: \(cookie)\r\n" + headers.map { $0 + "\r\n" }.joined()
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body).utf8)
  }

  /// The value `Set-Cookie` gives `name` in a response head.
  static func cookie(_ name: String, in head: String) -> String? {
    for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("set-cookie: \(name)=") {
      return line.dropFirst("set-cookie: \(name)=".count).split(separator: ";").first.map(String.init)
    }
    return nil
  }
}
