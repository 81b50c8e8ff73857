import AssetCore
import AssetStore
import Foundation
import KandjiAPI

/// The one place a saved connection's sealed token is opened into a Kandji client: its URL
/// parsed, its token unsealed with the instance's key, its calls counted in the connection's
/// ledger (R24). Sync runs, single-asset refreshes and the mapping preview all come through here,
/// so they refuse unusable credentials the same way.
public struct ConnectionClients: Sendable {
  let store: any CallBudgetStore
  let sealer: TokenSealer
  /// Builds the client of an endpoint (live, or a test's client on a virtual clock).
  public let makeClient: KandjiClientFactory

  public init(store: any CallBudgetStore, sealer: TokenSealer, makeClient: @escaping KandjiClientFactory) {
    self.store = store
    self.sealer = sealer
    self.makeClient = makeClient
  }

  /// The endpoint of `connection`'s saved credentials, paced by `pacing`. Throws
  /// `SyncRefusal.badCredentials` when the URL is missing or invalid or the token cannot be opened
  /// (none saved, or sealed under another key).
  public func endpoint(
    for connection: KandjiConnection, pacing: PacingPolicy,
    onEvent: @escaping @Sendable (KandjiClientEvent) -> Void = { _ in }
  ) throws(SyncRefusal) -> KandjiEndpoint {
    do {
      let url = try KandjiBaseURL(connection.apiURL ?? "")
      let token = try sealer.open(connection.sealedToken ?? "")
      return KandjiEndpoint(
        url: url, token: token, pacing: pacing, ledger: StoreCallLedger(store: store, connectionID: connection.id),
        onEvent: onEvent)
    } catch {
      throw .badCredentials("\(error)")
    }
  }

  /// A client for `connection`'s saved credentials (see `endpoint(for:pacing:onEvent:)`).
  public func client(
    for connection: KandjiConnection, pacing: PacingPolicy,
    onEvent: @escaping @Sendable (KandjiClientEvent) -> Void = { _ in }
  ) throws(SyncRefusal) -> any KandjiClient {
    makeClient(try endpoint(for: connection, pacing: pacing, onEvent: onEvent))
  }
}
