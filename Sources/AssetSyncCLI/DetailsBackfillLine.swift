import Foundation
import SyncService

/// A connection's details backfill (issue 19) as `kandji fields` and `kandji set --fields` print
/// it, and as `kandji fields --json` encodes it.
struct DetailsBackfillLine: Encodable {
  let pending: Int
  let done: Int
  let total: Int
  let estimatedSecondsLeft: Int

  init(_ progress: DetailsBackfill.Progress) {
    pending = progress.pending
    done = progress.done
    total = progress.total
    estimatedSecondsLeft = progress.estimatedSecondsLeft
  }

  /// One sentence: how many devices wait, the time left at the connection's pacing, and what
  /// fetches them (the CLI starts no run: its process would end before the run does).
  static func text(_ progress: DetailsBackfill.Progress, name: String) -> String {
    let minutes = max(1, (progress.estimatedSecondsLeft + 59) / 60)
    return "Details backfill: \(progress.pending) of \(progress.total) devices wait for a details call "
      + "(about \(minutes) min at this connection's pacing); the server's next sync or quick refresh fetches them, "
      + "or `assetsync sync --tenant \"\(name)\"` does now."
  }
}
