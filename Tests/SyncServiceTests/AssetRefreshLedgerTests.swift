import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import KandjiAPI
import KandjiSimulator
import Logging
import SyncService
import Testing

/// Issue 16 item 8: "Refresh from Kandji" limits live in the store, so a restarted process and
/// another replica see the same counts (once a minute per asset, 5 % of the hourly budget).
@Suite("Single-asset refresh limits in the durable ledger")
struct AssetRefreshLedgerTests {
  @Test(
    "two refreshers over one database share the per-asset and per-connection limits",
    arguments: StoreBackend.allCases)
  func twoRefreshersShareTheLimits(backend: StoreBackend) async throws {
    let (store, openReplica) = try await backend.makeStoreWithReplica()
    let replica = try await openReplica()
    let clock = ManualClock()
    let time = ManualClock(start: Date(timeIntervalSince1970: 1_790_000_000))
    let simulator = KandjiSimulator(configuration: SimulatorConfiguration(deviceCount: 14), clock: clock)
    let sealer = try TokenSealer(keyData: Data(repeating: 7, count: 32))
    let quiet = {
      var logger = Logger(label: "assetsync.sync.test")
      logger.logLevel = .warning
      return logger
    }()
    try await simulator.withRunningServer { url in
      var settings = ConnectionSettings()
      settings.mapping = .default
      settings.requestsPerHour = 400  // allowance: max(10, 400 / 40) = 10 refreshes an hour
      let connection = try await store.createKandjiConnection(
        KandjiConnectionDraft(
          name: "Tenant", apiURL: url, sealedToken: try sealer.seal(KandjiToken(simulator.fullAccessToken)),
          settings: settings),
        at: time.now())
      let client = LiveKandjiClient(
        configuration: KandjiClientConfiguration(
          baseURL: try KandjiBaseURL(url), token: KandjiToken(simulator.fullAccessToken), pacing: .unlimited,
          endpointPolicy: .allowCustomEndpoints),
        clock: clock)
      let engine = SyncEngine(store: store, clock: time, owner: "test", logger: quiet)
      _ = try await engine.runOnce(
        client: client, options: SyncOptions(connectionID: connection.id, mapping: .default), trigger: .manual)

      func refresher(_ store: any AssetStore) -> AssetRefresher {
        let clients = ConnectionClients(store: store, sealer: sealer) { endpoint in
          LiveKandjiClient(
            configuration: KandjiClientConfiguration(
              baseURL: endpoint.url, token: endpoint.token, pacing: .unlimited, endpointPolicy: .allowCustomEndpoints),
            clock: clock, ledger: endpoint.ledger)
        }
        return AssetRefresher(store: store, clients: clients, clock: time)
      }
      let first = refresher(store)
      let second = refresher(replica)
      let assets = try await store.activeSyncedAssets(connectionID: connection.id, afterID: 0, limit: 100)
      #expect(assets.count == 14)
      let ids = assets.map(\.assetID)

      // Once a minute per asset, whichever replica asks.
      _ = try await first.refreshAsset(id: ids[0])
      await #expect(throws: AssetRefreshRefusal.tooSoon(retryAfter: 60)) { try await second.refreshAsset(id: ids[0]) }
      // A restarted process (a new refresher on a new store) remembers it too.
      let restarted = refresher(try await openReplica())
      time.advance(by: .seconds(20))
      await #expect(throws: AssetRefreshRefusal.tooSoon(retryAfter: 40)) {
        try await restarted.refreshAsset(id: ids[0])
      }

      // Ten refreshes an hour for the connection, counted across both replicas: 1 + 4 + 5.
      for id in ids[1...4] { _ = try await first.refreshAsset(id: id) }
      for id in ids[5...9] { _ = try await second.refreshAsset(id: id) }
      await #expect(throws: AssetRefreshRefusal.allowanceSpent(perHour: 10, retryAfter: 3_580)) {
        try await first.refreshAsset(id: ids[10])
      }
      await #expect(throws: AssetRefreshRefusal.allowanceSpent(perHour: 10, retryAfter: 3_580)) {
        try await restarted.refreshAsset(id: ids[11])
      }
      // The hour of the oldest passes: one more may go.
      time.advance(by: .seconds(3_581))
      _ = try await second.refreshAsset(id: ids[12])
      await #expect(throws: AssetRefreshRefusal.self) { try await first.refreshAsset(id: ids[13]) }
    }
  }

  @Test("a refresh that reached nothing is given back", arguments: StoreBackend.allCases)
  func givenBack(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let connection = try await store.createKandjiConnection(KandjiConnectionDraft(name: "A"), at: Date())
    let at = Date(timeIntervalSince1970: 1_790_000_000)
    #expect(
      try await store.takeAssetRefresh(connectionID: connection.id, assetID: 5, at: at, minInterval: 60, perHour: 1)
        == .granted)
    #expect(
      try await store.takeAssetRefresh(
        connectionID: connection.id, assetID: 6, at: at.addingTimeInterval(1), minInterval: 60, perHour: 1)
        == .allowanceSpent(retryAfter: 3_599))
    try await store.returnAssetRefresh(connectionID: connection.id, assetID: 5, takenAt: at)
    #expect(
      try await store.takeAssetRefresh(
        connectionID: connection.id, assetID: 5, at: at.addingTimeInterval(2), minInterval: 60, perHour: 1)
        == .granted)
  }
}
