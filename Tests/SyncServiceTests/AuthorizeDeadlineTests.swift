import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import KandjiAPI
import Logging
import SyncService
import Synchronization
import Testing

/// Issue 17 item 5 follow-up: "Authorize" looks the host up once, inside the one 10 s deadline of
/// the check: a hanging DNS no longer adds a lookup of its own before the deadline starts.
@Suite("Authorize: one lookup, one 10 s deadline")
struct AuthorizeDeadlineTests {
  @Test("a hanging lookup: the check ends within 10 s on the client's clock, after one lookup, nothing saved")
  func hangingLookup() async throws {
    let store = try await StoreBackend.sqlite.makeStore()
    let clock = ManualClock()
    let lookups = Hosts()
    let resolve: @Sendable (String) async -> [IPAddress] = { host in
      lookups.add(host)
      try? await clock.delayAnswer(by: .seconds(HostResolver.timeout))  // DNS gives up after 5 s
      return []
    }
    var quiet = Logger(label: "assetsync.sync.test")
    quiet.logLevel = .warning
    let sealer = try TokenSealer(keyData: Data(repeating: 7, count: 32))
    let makeClient: KandjiClientFactory = { endpoint in
      LiveKandjiClient(
        configuration: KandjiClientConfiguration(
          baseURL: endpoint.url, token: endpoint.token, requestTimeout: .seconds(10), pacing: endpoint.pacing,
          retry: .interactive, endpointPolicy: .kandjiHostsOnly, resolve: resolve),
        clock: clock, ledger: endpoint.ledger)
    }
    let connections = KandjiConnections(
      store: store, sealer: sealer,
      coordinator: SyncCoordinator(
        store: store, engine: SyncEngine(store: store, owner: "test", logger: quiet), sealer: sealer, logger: quiet,
        makeClient: makeClient),
      policy: .kandjiHostsOnly, makeClient: makeClient)

    let outcome = try await connections.authorize(
      url: "acme.api.kandji.io", token: "5f0c7a11-2b3c-4d5e-8f90-a1b2c3d4e5f6", install: true)
    #expect(outcome.diagnosis == .unreachableHost(detail: "could not resolve the host"))
    #expect(outcome.connection == nil)
    #expect(lookups.all == ["acme.api.kandji.io"])
    #expect(clock.elapsed() <= LiveKandjiClient.authorizationTimeout)

    // A URL that is not a Kandji API host is still a field error at once, before any lookup.
    await #expect(throws: StoreError.self) {
      try await connections.authorize(url: "https://127.0.0.1:8443", token: "t")
    }
    #expect(lookups.all.count == 1)
  }
}

/// The hosts looked up, in order.
private final class Hosts: Sendable {
  private let hosts = Mutex<[String]>([])
  func add(_ host: String) { hosts.withLock { $0.append(host) } }
  var all: [String] { hosts.withLock { $0 } }
}
