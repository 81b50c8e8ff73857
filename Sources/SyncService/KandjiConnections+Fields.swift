import AssetCore
import AssetStore

extension KandjiConnections {
  /// Saves which Kandji attributes a connection's assets show, in order (issue 19), checked:
  /// known keys, none twice, at least one (`StoreError.invalid` on field `fields`). The API, the
  /// CLI and the admin page all save through here. Values are stored whatever is selected, so
  /// this only changes what is shown — except that gaining a details attribute queues its
  /// backfill and, with `startBackfill`, starts a run to fetch it (`startDetailsBackfill`).
  @discardableResult
  public func saveFieldSelection(_ keys: [String], connectionID: Int64, startBackfill: Bool = true) async throws
    -> KandjiConnection
  {
    let previous = try await connection(id: connectionID).settings
    let saved = try await update(connectionID: connectionID) { $0.settings.fieldKeys = keys }
    try await startDetailsBackfill(saved, previous: previous, startRun: startBackfill)
    return saved
  }
}
