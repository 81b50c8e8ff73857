import AssetCore
import AssetStore
import Foundation
import Logging

extension SyncScheduler {
  /// Starts the quick refresh (R23) `SchedulePlan` found due.
  func startRefresh(_ connection: KandjiConnection) async -> SchedulePlan.Outcome {
    do {
      let run = try await coordinator.start(connectionID: connection.id, trigger: .refresh)
      logger.debug(
        "quick refresh started", metadata: ["connection": "\(connection.name)", "run": "\(run.id)"])
      return .started
    } catch {
      // Busy elsewhere, or the connection cannot sync now: look again at the next wake.
      logger.debug(
        "quick refresh not started", metadata: ["connection": "\(connection.name)", "reason": "\(error)"])
      return .skipped
    }
  }

  /// Once an hour, deletes sync runs and their reports that ended more than
  /// `historyRetentionDays` ago, a batch at a time (each batch its own short transaction).
  func pruneHistoryIfDue(now: Date, last: inout Date?) async {
    guard historyRetentionDays > 0 || assetHistoryRetentionDays > 0,
      last.map({ now.timeIntervalSince($0) >= 3_600 }) ?? true
    else { return }
    last = now
    await pruneAssetHistory(now: now)
    guard historyRetentionDays > 0 else { return }
    let cutoff = now.addingTimeInterval(-TimeInterval(historyRetentionDays) * 86_400)
    var deleted = 0
    do {
      while !Task.isCancelled {
        let batch = try await store.pruneSyncHistory(endedBefore: cutoff, limit: Self.pruneBatch)
        guard batch > 0 else { break }
        deleted += batch
        await Task.yield()
      }
    } catch {
      logger.warning("sync history not pruned", metadata: ["reason": "\(error)"])
    }
    if deleted > 0 {
      logger.info(
        "old sync history deleted", metadata: ["rows": "\(deleted)", "retention_days": "\(historyRetentionDays)"])
    }
  }

  static let pruneBatch = 2_000

  /// Deletes asset history entries older than `assetHistoryRetentionDays` (issue 20), a batch
  /// at a time like the report rows, each batch its own short transaction.
  func pruneAssetHistory(now: Date) async {
    guard assetHistoryRetentionDays > 0 else { return }
    let cutoff = now.addingTimeInterval(-TimeInterval(assetHistoryRetentionDays) * 86_400)
    var deleted = 0
    do {
      while !Task.isCancelled {
        let batch = try await store.pruneAssetHistory(before: cutoff, limit: Self.pruneBatch)
        deleted += batch
        guard batch == Self.pruneBatch else { break }
        await Task.yield()
      }
    } catch {
      logger.warning("asset history not pruned", metadata: ["reason": "\(error)"])
    }
    if deleted > 0 {
      logger.info(
        "old asset history deleted",
        metadata: ["entries": "\(deleted)", "retention_days": "\(assetHistoryRetentionDays)"])
    }
  }
}
