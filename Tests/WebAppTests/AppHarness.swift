import AssetCore
import AssetStore
import AssetStoreTestSupport
import AssetSyncApplication
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KandjiAPI
import KandjiSimulator
import Logging
import SyncService
import Synchronization
import Testing
import WebApp

/// A full app on a fresh store, a simulator on loopback sharing a virtual clock with the Kandji
/// clients, an admin and an agent with API keys, and every log line captured. `run` runs its body
/// once per backend (SQLite, and PostgreSQL where its cases run), so every web and API test holds
/// on both.
struct AppHarness: Sendable {
  let backend: StoreBackend
  let services: AppServices
  let store: any AssetStore
  /// Opens another store on the same database (a second replica).
  let openReplica: @Sendable () async throws -> any AssetStore
  let simulator: KandjiSimulator
  let simulatorURL: String
  let clock: ManualClock
  let admin: Credentials
  let agent: Credentials
  let logs: LogCapture
  let registry: RouteRegistry

  struct Credentials: Sendable {
    let agent: Agent
    let key: String
    let code: String
    var header: String { "Basic " + Data("\(key):\(code)".utf8).base64EncodedString() }
  }

  static func run<T: Sendable>(
    devices: Int = 40, wallClock: (any WallClock)? = nil, backends: [StoreBackend] = StoreBackend.allCases,
    configure: (inout AppConfiguration) -> Void = { _ in }, _ body: @Sendable (AppHarness) async throws -> T
  ) async throws -> T {
    let start = wallClock?.now()
    var result: T?
    for backend in backends {
      if let clock = wallClock as? ManualClock, let start { clock.reset(to: start) }
      result = try await run(backend: backend, devices: devices, wallClock: wallClock, configure: configure, body)
    }
    guard let result else { throw FixtureError("no store backend to run on") }
    return result
  }

  private static func run<T: Sendable>(
    backend: StoreBackend, devices: Int, wallClock: (any WallClock)?, configure: (inout AppConfiguration) -> Void,
    _ body: @Sendable (AppHarness) async throws -> T
  ) async throws -> T {
    var configuration = AppConfiguration(bcryptCost: 4, runScheduler: false, allowCustomKandjiEndpoints: true)
    configure(&configuration)
    let clock = ManualClock()
    let simulator = KandjiSimulator(
      configuration: SimulatorConfiguration(deviceCount: devices, requestsPerSecond: nil, requestsPerHour: nil),
      clock: clock)
    let (store, openReplica) = try await backend.makeStoreWithReplica()
    let logs = LogCapture()
    let logger = Logger(label: "assetsync") { _ in logs }
    let services = AppServices(
      store: store, sealer: try TokenSealer(keyData: Data(repeating: 7, count: 32)),
      configuration: configuration,
      clock: wallClock ?? SystemClock(),
      makeClient: { endpoint in
        LiveKandjiClient(
          configuration: KandjiClientConfiguration(
            baseURL: endpoint.url, token: endpoint.token, requestTimeout: .seconds(5), pacing: .unlimited,
            retry: RetryPolicy(maxAttempts: 2, jitter: RetryPolicy.noJitter), endpointPolicy: .allowCustomEndpoints),
          clock: clock, ledger: endpoint.ledger, onEvent: endpoint.onEvent)
      }, logger: logger)
    func credentials(_ role: AgentRole, _ email: String) async throws -> Credentials {
      let agent = try await store.createAgent(
        email: email, name: role.rawValue.capitalized, role: role,
        passwordHash: services.passwords.hash("correct horse battery"),
        at: Date())
      let key = try await APIKeyIssuer.issue(for: agent, store: store)
      return Credentials(agent: agent, key: key.key, code: key.authCode)
    }
    let admin = try await credentials(.admin, "admin@example.com")
    let agent = try await credentials(.agent, "agent@example.com")
    return try await simulator.withRunningServer { url in
      try await body(
        AppHarness(
          backend: backend, services: services, store: store, openReplica: openReplica, simulator: simulator,
          simulatorURL: url, clock: clock, admin: admin,
          agent: agent, logs: logs, registry: RouteRegistry()))
    }
  }

  /// Router-level tests: requests go straight to the router, no sockets.
  func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
    let app = Application(router: AppBuilder.buildRouter(services: services, registry: registry))
    return try await app.test(.router, body)
  }
}

/// One request's outcome, decoded.
struct Reply: Sendable {
  let status: HTTPResponse.Status
  let headers: HTTPFields
  let text: String

  var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
  var list: [[String: Any]] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? [] }
  /// The items of a HappyFox page (`{"page_info", "data"}`) or of a bare list.
  var items: [[String: Any]] { json["data"] as? [[String: Any]] ?? list }
  /// HappyFox's field errors in any of its shapes, as `field` (or `field.key` for nested
  /// custom-field errors) → messages: `{"error": {"field": ["message"]}}`,
  /// `{"error": {"field": "message"}}`, `{"error": {"custom_fields": {"81": "message"}}}` and
  /// `{"error": [{"field": "name", "errors": ["message"]}]}`.
  var fieldErrors: [String: [String]] {
    let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    var errors: [String: [String]] = [:]
    if let fields = object?["error"] as? [String: Any] {
      for (field, value) in fields {
        if let list = value as? [String] {
          errors[field] = list
        } else if let message = value as? String {
          errors[field] = [message]
        } else if let nested = value as? [String: String] {
          for (key, message) in nested { errors["\(field).\(key)"] = [message] }
        }
      }
    } else if let list = object?["error"] as? [[String: Any]] {
      for entry in list {
        if let field = entry["field"] as? String { errors[field] = entry["errors"] as? [String] ?? [] }
      }
    }
    return errors
  }
  var message: String { json["error"] as? String ?? "" }
}

extension TestClientProtocol {
  func call(
    _ method: HTTPRequest.Method, _ path: String, as credentials: AppHarness.Credentials?, json: String? = nil,
    headers extra: [(String, String)] = []
  ) async throws -> Reply {
    var headers = HTTPFields()
    if let credentials { headers[.authorization] = credentials.header }
    if json != nil { headers[.contentType] = "application/json" }
    for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
    let fullPath = path.hasPrefix("/") ? path : "/api/1.1/json/" + path
    return try await execute(
      uri: fullPath, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }
    ) { response in
      Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }
  }
}

/// Keeps every log line (message and metadata) for the secrets test.
final class LogCapture: LogHandler, Sendable {
  private let lines = Mutex<[String]>([])
  var all: [String] { lines.withLock { $0 } }

  var logLevel: Logger.Level {
    get { .trace }
    set {}
  }
  var metadata: Logger.Metadata {
    get { [:] }
    set {}
  }
  subscript(metadataKey _: String) -> Logger.Metadata.Value? {
    get { nil }
    set {}
  }

  func log(event: LogEvent) {
    let text =
      "\(event.level) \(event.message) \(event.metadata.map { "\($0)" } ?? "") \(event.error.map { "\($0)" } ?? "")"
    lines.withLock { $0.append(text) }
  }
}

extension AssetStore {
  /// Installs the Kandji app and adds an enabled (unless told), authorized and mapped connection
  /// to a simulator, quick refreshes off unless told; returns it.
  @discardableResult
  func readyConnection(
    url: String, token: String, sealer: TokenSealer, name: String = "Test tenant", enabled: Bool = true,
    schedule: SyncSchedule = SyncSchedule(), refreshMinutes: Int = 0
  ) async throws -> KandjiConnection {
    try await saveKandjiSettings(KandjiSettings(installed: true))
    var settings = ConnectionSettings()
    settings.mapping = .default
    settings.schedule = schedule
    settings.refreshMinutes = refreshMinutes
    return try await createKandjiConnection(
      KandjiConnectionDraft(
        name: name, apiURL: url, sealedToken: try sealer.seal(KandjiToken(token)), enabled: enabled,
        settings: settings),
      at: Date())
  }
}
