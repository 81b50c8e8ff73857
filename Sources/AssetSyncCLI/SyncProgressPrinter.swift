import AssetCore
import Foundation
import SyncService
import Synchronization

/// Shows a run's progress: one line redrawn in place on a terminal, plain lines (every ten pages
/// and every phase change) when the output is a file or a pipe.
final class SyncProgressPrinter: Sendable {
  private let interactive = isatty(STDERR_FILENO) == 1
  private let state = Mutex<
    (
      phase: SyncProgress.Phase?, started: ContinuousClock.Instant, detailsStart: ContinuousClock.Instant?,
      waiting: Date?
    )
  >(
    (nil, .now, nil, nil))

  func show(_ progress: SyncProgress) {
    // A budget wait (R24) is said once, with its end, instead of an ETA that would not know it.
    let (waitChanged, resumed) = state.withLock { s -> (Bool, Bool) in
      let waiting = progress.waitingUntil.flatMap { $0 > Date() ? $0 : nil }
      defer { s.waiting = waiting }
      return (waiting != nil && waiting != s.waiting, waiting == nil && s.waiting != nil)
    }
    if waitChanged, let until = progress.waitingUntil {
      note(
        "Waiting for the \(progress.waitingReason ?? "API budget") until \(Self.clock(until)); the run resumes by itself."
      )
      return
    }
    if resumed { note("Resumed: the API budget allows calls again.") }
    let (changedPhase, eta) = state.withLock { s -> (Bool, String) in
      let changed = s.phase != progress.phase
      s.phase = progress.phase
      if progress.phase == .details && s.detailsStart == nil { s.detailsStart = .now }
      var eta = ""
      if progress.phase == .details, let start = s.detailsStart, progress.detailsDone > 0, progress.detailsRemaining > 0
      {
        let elapsed = (ContinuousClock.now - start).seconds
        let rate = Double(progress.detailsDone) / max(elapsed, 0.001)
        eta = ", ETA " + Self.duration(Double(progress.detailsRemaining) / rate)
      }
      return (changed, eta)
    }
    guard progress.phase != .finished else { return }
    let t = progress.totals
    let line =
      switch progress.phase {
      case .listing:
        "Listing: \(progress.pages) pages, \(progress.devicesListed) devices — \(t.created) created, \(t.updated) updated, \(t.skipped) skipped, \(t.failed) failed"
      case .retiring: "Retiring devices gone from Kandji: \(t.retired) retired"
      case .details: "Device details: \(progress.detailsDone) fetched, \(progress.detailsRemaining) to go\(eta)"
      case .finished: ""
      }
    if interactive {
      Console.errorInline("\r\u{1B}[2K" + line)
    } else if changedPhase || progress.pages % 10 == 0 || progress.phase == .details {
      Console.error(line)
    }
  }

  func note(_ text: String) {
    if interactive { Console.errorInline("\r\u{1B}[2K") }
    Console.error(text)
  }

  func finish(_ run: SyncRun) {
    if interactive { Console.errorInline("\r\u{1B}[2K") }
    let t = run.totals
    Console.line(
      "Sync run #\(run.id) \(run.status.rawValue): \(t.created) created, \(t.updated) updated, \(t.skipped) skipped, \(t.failed) failed, \(t.retired) retired"
    )
    Console.line(
      "Kandji requests: \(run.listRequests) list, \(run.detailRequests) details, \(run.retries) retries, \(run.rateLimited) rate-limited; \(run.assetWrites) asset writes; \(run.detailsPending) devices still waiting for details"
    )
  }

  /// `14:05` (local time), for the end of a wait.
  static func clock(_ date: Date) -> String {
    date.formatted(Date.FormatStyle().hour(.twoDigits(amPM: .omitted)).minute(.twoDigits))
  }

  static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    if s >= 3_600 { return "\(s / 3_600)h \(s % 3_600 / 60)m" }
    if s >= 60 { return "\(s / 60)m \(s % 60)s" }
    return "\(s)s"
  }
}
