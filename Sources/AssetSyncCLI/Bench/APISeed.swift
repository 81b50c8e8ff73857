import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import KandjiSimulator
import Logging
import SyncService
import WebApp

/// What `bench api` serves: a store synced from the simulator through the demo's own path (the
/// Kandji app installed and authorized, the initial sync by the engine, contacts and tickets), an
/// admin with an API key and a web session.
struct APISeed: Sendable {
  let services: AppServices
  let basicAuthorization: String
  let sessionCookie: String
  /// The type with the most assets (Mac), and how many it has.
  let largestType: Int64
  let largestTypeCount: Int
  let maxAssetID: Int64
  let serials: [String]

  func randomSerial() -> String { serials.randomElement() ?? "X" }

  static func make(store: any AssetStore, simulator: SimulatorProcess) async throws -> APISeed {
    var logger = Logger(label: "assetsync.bench")
    logger.logLevel = .error
    let services = AppServices(
      store: store, sealer: try TokenSealer(keyData: Data((0..<32).map { _ in UInt8.random(in: 0...255) })),
      configuration: AppConfiguration(
        bcryptCost: 4, runScheduler: false, logLevel: .error, allowCustomKandjiEndpoints: true),
      makeClient: { endpoint in
        LiveKandjiClient(
          configuration: KandjiClientConfiguration(
            baseURL: endpoint.url, token: endpoint.token, pacing: .unlimited, endpointPolicy: .allowCustomEndpoints))
      }, logger: logger)
    let users = TenantGenerator().devices(count: 50).compactMap { $0.user?.email }
    let demo = try await DemoSeeder(services: services).seed(
      kandjiURL: simulator.url, token: simulator.token, userEmails: users, onProgress: { _ in })
    guard demo.run?.status == .completed else { throw CLIError("The seeding sync did not complete.") }
    let admin = try await store.agentCredentials(email: demo.adminEmail)
    let token = SecretTokens.random()
    let now = Date()
    try await store.createSession(
      tokenHash: SecretTokens.hash(token), agentID: admin?.agent.id ?? 0, csrfToken: SecretTokens.random(),
      expiresAt: now.addingTimeInterval(86_400), at: now)
    let counts = try await store.assetCounts()
    let largest = counts.max { $0.value < $1.value }
    let sample = try await store.assets(AssetQuery(assetTypeID: largest?.key, page: 7, size: 200)).items
    return APISeed(
      services: services,
      basicAuthorization: "Basic " + Data("\(demo.apiKey):\(demo.authCode)".utf8).base64EncodedString(),
      sessionCookie: "\(SessionManager.cookieName)=\(token)", largestType: largest?.key ?? 1,
      largestTypeCount: largest?.value ?? 0, maxAssetID: Int64(counts.values.reduce(0, +)),
      serials: sample.compactMap { $0.kandji?.serialNumber.map { String($0.prefix(6)) } })
  }
}
