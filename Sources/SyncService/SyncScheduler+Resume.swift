import AssetCore
import AssetStore
import Foundation
import Logging

extension SyncScheduler {
  /// Starts a `.resume` run when the connection's latest run stopped before its end: it is
  /// `interrupted`, or it is still marked running but nobody runs it — its heartbeat is stale,
  /// or its owner is this process's identity (a restarted container keeps host name and pid) and
  /// this process is not running it. The work already written stays; the new run lists again
  /// and fetches only the details still pending.
  func resumeIfInterrupted(_ connection: KandjiConnection, last: SyncRun?, now: Date) async -> StartCheck {
    guard resumesInterruptedRuns, connection.enabled, connection.isAuthorized, connection.settings.mapping != nil,
      await !coordinator.isRunning(connectionID: connection.id)
    else { return .nothing }
    let metadata: Logger.Metadata = ["connection": "\(connection.name)"]
    do {
      // A quick refresh is not resumed: the next one is due anyway.
      guard let last, last.trigger != .refresh, try await store.kandjiSettings().installed else { return .nothing }
      let takeOver: Bool
      let staleAt = last.heartbeatAt.addingTimeInterval(coordinator.staleAfter + 1)
      switch last.status {
      case .interrupted: takeOver = false
      case .running where RunOwner.process(of: last.owner) == RunOwner.process(of: coordinator.owner): takeOver = true
      case .running where now >= staleAt: takeOver = false
      // Someone else's run, alive as far as we know: look again when it would be stale.
      case .running: return .checkAgain(staleAt)
      default: return .nothing
      }
      let run = try await coordinator.start(connectionID: connection.id, trigger: .resume, takeOver: takeOver)
      logger.info(
        "sync resumed after an interruption",
        metadata: metadata.merging(["run": "\(run.id)", "interrupted": "\(last.id)"]) { $1 })
      return .started
    } catch {
      // Another replica resumed it first, or the connection cannot sync now: the schedule goes on.
      logger.debug("interrupted sync not resumed", metadata: metadata.merging(["reason": "\(error)"]) { $1 })
      return .nothing
    }
  }
}
