import AssetCore
import Foundation

/// The Kandji app and its connections (tenants, R22): what the admin pages, the scheduler and
/// the sync coordinator read and write about them.
public protocol ConnectionStore: Sendable {
  /// App-wide settings (installed).
  func kandjiSettings() async throws -> KandjiSettings
  func saveKandjiSettings(_ settings: KandjiSettings) async throws
  /// Connections by id; removed ones only when asked.
  func kandjiConnections(includeRemoved: Bool) async throws -> [KandjiConnection]
  func kandjiConnection(id: Int64) async throws -> KandjiConnection?
  /// A new connection; `.duplicateName` when another (not removed) connection has the name.
  func createKandjiConnection(_ draft: KandjiConnectionDraft, at: Date) async throws -> KandjiConnection
  /// Saves name, URL, token, enabled flag and settings; `.duplicateName` as above.
  func saveKandjiConnection(_ connection: KandjiConnection) async throws
  /// Marks the connection removed and retires its active assets with `reason` (never deletes
  /// them); returns how many were retired. Its runs and reports stay.
  func removeKandjiConnection(id: Int64, reason: String, at: Date) async throws -> Int
}
