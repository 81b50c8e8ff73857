import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import KandjiAPI
import SyncService
import Testing

/// Issue 18: one place opens a saved connection's sealed token into a Kandji client; runs,
/// single-asset refreshes and the mapping preview all come through it.
@Suite("Opening a saved connection into a Kandji client")
struct ConnectionClientsTests {
  let token = "11111111-2222-4333-8444-555555555555"
  let url = "https://acme.api.kandji.io"

  /// A connection saved ready to sync, its token sealed under `sealer`.
  func savedConnection(_ store: any AssetStore, sealer: TokenSealer) async throws -> KandjiConnection {
    try await store.saveKandjiSettings(KandjiSettings(installed: true))
    var settings = ConnectionSettings()
    settings.mapping = .default
    return try await store.createKandjiConnection(
      KandjiConnectionDraft(
        name: "Acme", apiURL: url, sealedToken: try sealer.seal(KandjiToken(token)), settings: settings),
      at: Date(timeIntervalSince1970: 1_790_000_000))
  }

  func sealer(_ byte: UInt8) throws -> TokenSealer { try TokenSealer(keyData: Data(repeating: byte, count: 32)) }

  @Test("the client gets the saved URL, the opened token and the pacing asked for, counted in the ledger")
  func opensTheSavedCredentials() async throws {
    let store = try await StoreBackend.sqlite.makeStore()
    let sealer = try sealer(7)
    let connection = try await savedConnection(store, sealer: sealer)
    let clients = ConnectionClients(store: store, sealer: sealer) { $0.liveClient(policy: .kandjiHostsOnly) }

    let endpoint = try clients.endpoint(for: connection, pacing: PacingPolicy().interactive)
    #expect(endpoint.url == (try KandjiBaseURL(url)))
    #expect(endpoint.token.secret == token)
    #expect(endpoint.pacing.longestBudgetWait == .seconds(5))
    #expect(endpoint.ledger is StoreCallLedger)

    let client = try #require(try clients.client(for: connection, pacing: PacingPolicy()) as? LiveKandjiClient)
    #expect(client.configuration.token.secret == token)
    #expect(client.configuration.requestTimeout == .seconds(30))
  }

  @Test("a token sealed under another key, or a connection without a URL, is refused as bad credentials")
  func refusesUnusableCredentials() async throws {
    let store = try await StoreBackend.sqlite.makeStore()
    let connection = try await savedConnection(store, sealer: try sealer(7))
    let otherKey = ConnectionClients(store: store, sealer: try sealer(8)) { $0.liveClient(policy: .kandjiHostsOnly) }
    #expect(Self.isBadCredentials { _ = try otherKey.client(for: connection, pacing: PacingPolicy()) })

    var withoutURL = connection
    withoutURL.apiURL = nil
    let sameKey = ConnectionClients(store: store, sealer: try sealer(7)) { $0.liveClient(policy: .kandjiHostsOnly) }
    #expect(Self.isBadCredentials { _ = try sameKey.endpoint(for: withoutURL, pacing: PacingPolicy()) })
  }

  @Test("a run whose token cannot be opened is refused before it takes the lease: no run is recorded")
  func coordinatorRefusesBeforeTheLease() async throws {
    let store = try await StoreBackend.sqlite.makeStore()
    let connection = try await savedConnection(store, sealer: try sealer(7))
    let coordinator = SyncCoordinator(
      store: store, engine: SyncEngine(store: store, owner: "test"), sealer: try sealer(8))
    await #expect(throws: SyncRefusal.self) {
      try await coordinator.start(connectionID: connection.id, trigger: .manual)
    }
    #expect(try await store.syncRuns(connectionID: connection.id, limit: 10).isEmpty)
  }

  static func isBadCredentials(_ body: () throws -> Void) -> Bool {
    do {
      try body()
      return false
    } catch {
      if case .badCredentials = error as? SyncRefusal { return true }
      return false
    }
  }
}
