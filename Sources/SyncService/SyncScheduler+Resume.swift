import AssetCore
import AssetStore
import Foundation
import Logging

extension SyncScheduler {
  /// Starts the `.resume` run `SchedulePlan` asked for: the connection's latest run (`interrupted`)
  /// stopped before its end. The work already written stays; the new run lists again and fetches
  /// only the details still pending.
  func resume(_ connection: KandjiConnection, interrupted: SyncRun?, takeOver: Bool) async -> SchedulePlan.Outcome {
    let metadata: Logger.Metadata = ["connection": "\(connection.name)"]
    do {
      let run = try await coordinator.start(connectionID: connection.id, trigger: .resume, takeOver: takeOver)
      logger.info(
        "sync resumed after an interruption",
        metadata: metadata.merging(["run": "\(run.id)", "interrupted": "\(interrupted?.id ?? 0)"]) { $1 })
      return .started
    } catch {
      // Another replica resumed it first, or the connection cannot sync now: the schedule goes on.
      logger.debug("interrupted sync not resumed", metadata: metadata.merging(["reason": "\(error)"]) { $1 })
      return .skipped
    }
  }
}
