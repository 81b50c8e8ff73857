import ArgumentParser
import AssetStore
import Foundation
import KandjiAPI
import Logging
import SyncService

/// What the `sync` and `kandji` commands share: the store, the sealer, and the Kandji use cases
/// the web UI uses too (one sync path).
struct KandjiCLIContext {
  let store: any AssetStore
  let connections: KandjiConnections
  let coordinator: SyncCoordinator

  static func open(_ database: DatabaseOptions, allowCustomEndpoints: Bool, logLevel: Logger.Level = .error)
    async throws -> KandjiCLIContext
  {
    let store = try await database.openStore()
    let sealer: TokenSealer
    do { sealer = try TokenSealer.load(keyFile: try database.keyFile()) } catch { throw CLIError("\(error)") }
    var logger = Logger(label: "assetsync.sync")
    // Failures reach the operator as the command's own message; no duplicate log line.
    logger.logLevel = logLevel
    let policy: KandjiEndpointPolicy = allowCustomEndpoints ? .allowCustomEndpoints : .kandjiHostsOnly
    let makeClient: KandjiClientFactory = { $0.liveClient(policy: policy) }
    let coordinator = SyncCoordinator(
      store: store, engine: SyncEngine(store: store, logger: logger), sealer: sealer, logger: logger,
      makeClient: makeClient)
    return KandjiCLIContext(
      store: store,
      connections: KandjiConnections(
        store: store, sealer: sealer, coordinator: coordinator, policy: policy, makeClient: makeClient),
      coordinator: coordinator)
  }

  /// The connection named `name`, or a one-line error pointing at `kandji list`.
  func connection(named name: String) async throws -> KandjiConnection {
    guard let connection = try await connections.connection(named: name) else {
      throw CLIError("No Kandji connection named \"\(name)\"; `assetsync kandji list` shows them.")
    }
    return connection
  }

  /// Runs `body`, turning the use cases' refusals into one-line errors.
  func refusalsAsErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch let error as StoreError {
      throw CLIError(error.description)
    } catch let error as SyncRefusal {
      throw CLIError(error.description)
    }
  }
}
