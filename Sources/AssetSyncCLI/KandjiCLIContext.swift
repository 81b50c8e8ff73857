import ArgumentParser
import AssetStore
import AssetSyncApplication
import Foundation
import KandjiAPI
import Logging
import SyncService

/// What the `sync` and `kandji` commands share: the application (`AssetSyncApp`, the same the
/// server builds, so one sync path), and turning its refusals into one-line errors.
struct KandjiCLIContext {
  let application: AssetSyncApp

  var store: any AssetStore { application.store }
  var connections: KandjiConnections { application.connections }
  var coordinator: SyncCoordinator { application.coordinator }

  static func open(_ database: DatabaseOptions, allowCustomEndpoints: Bool, logLevel: Logger.Level = .error)
    async throws -> KandjiCLIContext
  {
    var logger = Logger(label: "assetsync.sync")
    // Failures reach the operator as the command's own message; no duplicate log line.
    logger.logLevel = logLevel
    let application = try await database.openApplication(
      settings: ApplicationSettings(allowCustomKandjiEndpoints: allowCustomEndpoints), logger: logger)
    return KandjiCLIContext(application: application)
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
