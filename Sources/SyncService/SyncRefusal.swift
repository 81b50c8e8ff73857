import AssetCore
import AssetStore
import Foundation

/// Why a sync did not start.
public enum SyncRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  case notInstalled
  case noSuchConnection(Int64)
  case disabled(String)
  case noCredentials(String)
  case noMapping(String)
  case badCredentials(String)
  /// Only a disabled connection may be removed.
  case enabledConnection(String)
  /// The server is stopping: no run starts.
  case shuttingDown

  public var description: String {
    switch self {
    case .notInstalled: "The Kandji app is not installed."
    case .noSuchConnection(let id): "Kandji connection \(id) was not found."
    case .disabled(let name):
      "The Kandji connection \"\(name)\" is disabled, so its syncs are stopped. Enable it to sync again."
    case .noCredentials(let name): "Enter the API URL and token of the Kandji connection \"\(name)\" first."
    case .noMapping(let name):
      "Save the field mapping of the Kandji connection \"\(name)\" first; saving it starts the initial sync."
    case .badCredentials(let why): why
    case .shuttingDown: "The server is shutting down; start the sync again once it is back."
    case .enabledConnection(let name):
      "Disable the Kandji connection \"\(name)\" before removing it (its assets are then retired, never deleted)."
    }
  }

  /// The run options of a connection that may sync, or why it may not.
  static func check(_ connection: KandjiConnection, staleAfter: TimeInterval) throws -> SyncOptions {
    guard connection.enabled else { throw SyncRefusal.disabled(connection.name) }
    guard connection.isAuthorized else { throw SyncRefusal.noCredentials(connection.name) }
    guard let mapping = connection.settings.mapping else { throw SyncRefusal.noMapping(connection.name) }
    var options = SyncOptions(
      connectionID: connection.id, mapping: mapping, detailsRefreshPerRun: connection.settings.detailsRefreshPerRun,
      detailsMaxAgeDays: connection.settings.detailsMaxAgeDays, staleAfter: staleAfter)
    options.blueprintIDs = Array(Set(connection.settings.blueprintIDs)).sorted()
    return options
  }
}
