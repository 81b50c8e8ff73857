import AssetCore
import AssetStore
import AssetSyncApplication
import Foundation
import KandjiAPI
import KandjiSimulator
import Logging
import SyncService

/// What `bench api` serves: a store synced from the simulator through the demo's own path (the
/// Kandji app installed and authorized, the initial sync by the engine, contacts and tickets), an
/// admin with an API key and a web session, and a manual asset with `historyEntries` entries of
/// history written by agent edits.
struct APISeed: Sendable {
  let application: AssetSyncApp
  let basicAuthorization: String
  let sessionCookie: String
  /// The type with the most assets (Mac), and how many it has.
  let largestType: Int64
  let largestTypeCount: Int
  let maxAssetID: Int64
  /// The first 6 characters of sampled Macs' serials.
  let serials: [String]
  /// Search terms taken from the same sample of synced Macs: their users' emails and first
  /// names, and 5 characters from the middle of their serials.
  let emails: [String]
  let firstNames: [String]
  let serialFragments: [String]
  /// The manual asset whose history is `historyEntries` long (created, then renamed by an agent).
  let historyAssetID: Int64
  static let historyEntries = 500

  func randomSerial() -> String { serials.randomElement() ?? "X" }
  func randomEmail() -> String { Self.queryValue(emails.randomElement() ?? "X") }
  func randomFirstName() -> String { Self.queryValue(firstNames.randomElement() ?? "X") }
  func randomSerialFragment() -> String { serialFragments.randomElement() ?? "X" }

  /// A term percent-encoded for a query string (first names such as `Zoë` are not ASCII).
  static func queryValue(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "-._~@").union(.alphanumerics))
      ?? text
  }

  static func make(store: any AssetStore, simulator: SimulatorProcess) async throws -> APISeed {
    var logger = Logger(label: "assetsync.bench")
    logger.logLevel = .error
    let application = AssetSyncApp(
      store: store, sealer: try TokenSealer(keyData: Data((0..<32).map { _ in UInt8.random(in: 0...255) })),
      settings: ApplicationSettings(bcryptCost: 4, allowCustomKandjiEndpoints: true),
      makeClient: { endpoint in
        LiveKandjiClient(
          configuration: KandjiClientConfiguration(
            baseURL: endpoint.url, token: endpoint.token, pacing: .unlimited, endpointPolicy: .allowCustomEndpoints))
      }, logger: logger)
    let users = TenantGenerator().devices(count: 50).compactMap { $0.user?.email }
    let demo = try await DemoSeeder(application: application).seed(
      kandjiURL: simulator.url, token: simulator.token, userEmails: users, onProgress: { _ in })
    guard demo.run?.status == .completed else { throw CLIError("The seeding sync did not complete.") }
    let admin = try await store.agentCredentials(email: demo.adminEmail)
    let now = Date()
    let sessionCookie = try await APIServer.sessionCookie(agentID: admin?.agent.id ?? 0, store: store, now: now)
    let historyAsset = try await history(store: store, agentID: admin?.agent.id, now: now)
    let counts = try await store.assetCounts()
    let largest = counts.max { $0.value < $1.value }
    let sample = try await store.assets(AssetQuery(assetTypeID: largest?.key, page: 7, size: 200)).items
    let devices = sample.compactMap(\.kandji)
    return APISeed(
      application: application,
      basicAuthorization: "Basic " + Data("\(demo.apiKey):\(demo.authCode)".utf8).base64EncodedString(),
      sessionCookie: sessionCookie, largestType: largest?.key ?? 1,
      largestTypeCount: largest?.value ?? 0, maxAssetID: Int64(counts.values.reduce(0, +)),
      serials: devices.compactMap { $0.serialNumber.map { String($0.prefix(6)) } },
      emails: devices.compactMap { $0.userEmail }.filter { !$0.isEmpty },
      firstNames: devices.compactMap { $0.userName?.split(separator: " ").first.map(String.init) },
      serialFragments: devices.compactMap { device in
        guard let serial = device.serialNumber, serial.count >= 7 else { return nil }
        return String(serial.dropFirst((serial.count - 5) / 2).prefix(5))
      },
      historyAssetID: historyAsset)
  }

  /// A manual asset of a type of its own (the Mac list stays as synced) with `historyEntries`
  /// entries, written the way agents write them: created, then renamed `historyEntries - 1`
  /// times through `updateManualAsset`, which records each change in the same transaction.
  static func history(store: any AssetStore, agentID: Int64?, now: Date) async throws -> Int64 {
    let type = try await store.createAssetType(name: "Bench loaners", description: "Manual assets for bench api.")
    let start = now.addingTimeInterval(-Double(historyEntries))
    let asset = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: type.id, name: "Loaner 0", displayID: "BENCH-LOANER-1", createdBy: agentID),
      at: start)
    for edit in 1..<historyEntries {
      _ = try await store.updateManualAsset(
        id: asset.id, ManualAssetChange(name: "Loaner \(edit)", updatedBy: agentID),
        at: start.addingTimeInterval(Double(edit)))
    }
    guard let written = try await store.assetHistory(assetID: asset.id, page: 1, size: 1)?.total,
      written == historyEntries
    else { throw CLIError("The bench asset's history is not \(historyEntries) entries long.") }
    return asset.id
  }
}
