import AssetCore
import AssetStore
import Foundation

/// What the scheduler runs next, decided from plain values: the connections with their schedule
/// settings and newest run, whether this process runs them, whether the app is installed, and
/// the time. `SyncScheduler` only reads those, sleeps, and tries the starts a `Tick` names; every
/// decision — a daily slot, a quick refresh every N minutes, a disabled connection, a slot missed
/// while the process was down, a run to resume — is made here and tested without a store, a
/// clock or a task.
///
/// The value is also what the scheduler remembers between wake-ups: each connection's anchor
/// (the moment its next daily slot is counted from: the start, when the connection appeared,
/// the slot it last ran, or when its schedule changed) and the runs it started that are going.
/// A late wake-up still runs the slot it missed; days of downtime run it once.
public struct SchedulePlan: Sendable, Equatable {
  /// Where a connection's next daily slot is counted from, under which schedule.
  public struct Anchor: Sendable, Equatable {
    public var date: Date
    public var schedule: SyncSchedule
  }

  /// A run the scheduler tries to start.
  public enum Start: Sendable, Hashable {
    /// Resumes a run that stopped before its end; `takeOver` takes the lease this process
    /// identity left behind (see `SyncCoordinator.start`).
    case resume(takeOver: Bool)
    /// The daily sync of `slot`.
    case daily(slot: Date)
    /// A quick refresh (R23).
    case refresh
  }

  /// What trying a `Start` did.
  public enum Outcome: Sendable, Hashable {
    case started
    /// A run of the connection is going on another replica: a daily slot is tried again soon.
    case busy
    /// Not started: refused, failed, or the slot already ran on another replica.
    case skipped
  }

  /// A connection as the plan sees it at a wake-up.
  public struct Connection: Sendable, Equatable {
    public var connection: KandjiConnection
    /// Its newest run of any trigger (nil: none yet, or not read because it is disabled).
    public var lastRun: SyncRun?
    /// Whether a run of it is going in this process.
    public var runningHere: Bool

    public init(_ connection: KandjiConnection, lastRun: SyncRun?, runningHere: Bool = false) {
      self.connection = connection
      self.lastRun = lastRun
      self.runningHere = runningHere
    }
  }

  /// What to try for one connection, in order; the first that starts ends the list.
  public struct Step: Sendable, Equatable {
    public var connectionID: Int64
    public var starts: [Start]

    public init(connectionID: Int64, starts: [Start]) {
      self.connectionID = connectionID
      self.starts = starts
    }
  }

  /// One wake-up's decisions.
  public struct Tick: Sendable, Equatable {
    public var steps: [Step]
    /// When to wake next, unless a run ends sooner or a start's outcome says otherwise.
    public var wake: Date
  }

  /// The settings the decisions follow.
  public struct Rules: Sendable, Equatable {
    /// The longest sleep, so a schedule changed in the UI takes effect without a restart.
    public var maxSleep: TimeInterval
    /// Whether runs that stopped before their end are resumed.
    public var resumesInterruptedRuns: Bool
    /// Heartbeat age after which a run counts as abandoned.
    public var staleAfter: TimeInterval
    /// This process's identity in the run lease (`RunOwner.process`), to recognise its own
    /// runs left behind by a restart that kept host name and pid.
    public var ownProcess: String

    public init(
      maxSleep: TimeInterval = 60, resumesInterruptedRuns: Bool = true, staleAfter: TimeInterval, ownProcess: String
    ) {
      self.maxSleep = maxSleep
      self.resumesInterruptedRuns = resumesInterruptedRuns
      self.staleAfter = staleAfter
      self.ownProcess = ownProcess
    }
  }

  /// How soon a slot refused because its connection is busy elsewhere is tried again.
  public static let busyRetry: TimeInterval = 10

  public let rules: Rules
  /// When the scheduler started: slots of the connections it found then count from here.
  public let started: Date
  public private(set) var anchors: [Int64: Anchor] = [:]
  /// Connections whose daily (or resumed) run this scheduler started and that is going: their
  /// next slot counts once it ends.
  public private(set) var inFlight = Set<Int64>()
  /// Connections whose quick refresh is going: a daily slot still starts (the refresh yields).
  public private(set) var refreshing = Set<Int64>()
  /// Anchors held back until the resume tried first did not start (a resumed run's connection
  /// keeps no anchor until it is looked at again).
  private var heldAnchors: [Int64: Anchor] = [:]

  public init(rules: Rules, started: Date) {
    self.rules = rules
    self.started = started
  }

  /// The connections whose runs the scheduler waits for.
  public var going: Set<Int64> { inFlight.union(refreshing) }

  /// Forgets the runs that ended (those of `going` not in `stillRunning`); a daily run's
  /// connection counts its next slot from its end, so a slot that fell due during a long run is
  /// not run straight after it.
  public mutating func runsEnded(stillRunning: Set<Int64>, at now: Date) {
    for id in inFlight where !stillRunning.contains(id) {
      inFlight.remove(id)
      if let anchor = anchors[id] { anchors[id] = Anchor(date: max(anchor.date, now), schedule: anchor.schedule) }
    }
    refreshing.formIntersection(stillRunning)
  }

  /// What to try now. `connections` are those not in flight (their newest runs read);
  /// `installed`: whether the Kandji app is installed (nothing starts otherwise).
  public mutating func tick(_ connections: [Connection], installed: Bool, now: Date) -> Tick {
    var wake = now.addingTimeInterval(rules.maxSleep)
    var steps: [Step] = []
    heldAnchors = [:]
    for entry in connections where !inFlight.contains(entry.connection.id) {
      let connection = entry.connection
      let id = connection.id
      var starts: [Start] = []
      if !refreshing.contains(id) {
        switch resume(entry, installed: installed, now: now) {
        case .start(let start): starts.append(start)
        case .lookAgain(let moment): wake = min(wake, moment)
        case nil: break
        }
      }
      let schedule = connection.settings.schedule
      var anchor = anchors[id] ?? Anchor(date: anchors.isEmpty ? started : now, schedule: schedule)
      if anchor.schedule != schedule { anchor = Anchor(date: now, schedule: schedule) }
      let due = schedule.nextRun(after: anchor.date)
      if due > now {
        wake = min(wake, due)
      } else if installed, connection.enabled {
        starts.append(.daily(slot: due))
      } else {
        // Not installed or disabled: the slot passes without a run.
        anchor.date = due
      }
      if starts.first.map({ if case .resume = $0 { true } else { false } }) ?? false {
        heldAnchors[id] = anchor
      } else {
        anchors[id] = anchor
      }
      if !refreshing.contains(id) {
        switch refresh(entry, installed: installed, now: now) {
        case .start(let start): starts.append(start)
        case .lookAgain(let moment): wake = min(wake, moment)
        case nil: break
        }
      }
      if !starts.isEmpty { steps.append(Step(connectionID: id, starts: starts)) }
    }
    return Tick(steps: steps, wake: wake)
  }

  /// Takes in what trying `start` for the connection did; returns a moment to wake by, if the
  /// outcome asks for one sooner than the tick's.
  public mutating func record(_ outcome: Outcome, of start: Start, connectionID id: Int64, now: Date) -> Date? {
    switch start {
    case .resume:
      if outcome == .started {
        inFlight.insert(id)
        heldAnchors[id] = nil
      } else if let anchor = heldAnchors.removeValue(forKey: id) {
        anchors[id] = anchor
      }
    case .daily(let slot):
      switch outcome {
      case .started:
        inFlight.insert(id)
        refreshing.remove(id)
        anchors[id]?.date = slot
      case .busy:
        // Another replica's run of this connection (a quick refresh ends within a minute): the
        // slot stays due and is tried again shortly.
        return now.addingTimeInterval(Self.busyRetry)
      case .skipped:
        anchors[id]?.date = slot
      }
    case .refresh:
      if outcome == .started { refreshing.insert(id) }
    }
    return nil
  }

  /// Whether every enabled connection is syncing, so the next thing to happen is a run ending
  /// (or a connection being added, looked for every minute) rather than a moment on the clock.
  public func waitsForRuns(_ connections: [KandjiConnection]) -> Bool {
    guard !going.isEmpty else { return false }
    return !connections.contains { $0.enabled && !going.contains($0.id) }
  }

  /// A resume when the connection's latest run stopped before its end: it is `interrupted`, or
  /// it is still marked running but nobody runs it — its heartbeat is stale, or its owner is this
  /// process's identity and this process is not running it. A quick refresh is not resumed (the
  /// next one is due anyway). Otherwise when to look again, or nil.
  private func resume(_ entry: Connection, installed: Bool, now: Date) -> Check? {
    let connection = entry.connection
    guard rules.resumesInterruptedRuns, connection.enabled, connection.isAuthorized, connection.settings.mapping != nil,
      !entry.runningHere, let last = entry.lastRun, last.trigger != .refresh, installed
    else { return nil }
    let staleAt = last.heartbeatAt.addingTimeInterval(rules.staleAfter + 1)
    switch last.status {
    case .interrupted: return .start(.resume(takeOver: false))
    case .running where RunOwner.process(of: last.owner) == rules.ownProcess: return .start(.resume(takeOver: true))
    case .running where now >= staleAt: return .start(.resume(takeOver: false))
    // Someone else's run, alive as far as we know: look again when it would be stale.
    case .running: return .lookAgain(staleAt)
    default: return nil
    }
  }

  /// A quick refresh when `refresh_minutes` have passed since the connection's last run began
  /// (any run lists every device, so a daily sync counts too). Nothing before the initial sync,
  /// nothing while a run of the connection is going. Otherwise when it falls due, or nil.
  private func refresh(_ entry: Connection, installed: Bool, now: Date) -> Check? {
    let minutes = entry.connection.settings.refreshMinutes
    guard minutes > 0, entry.connection.isReadyToSync, let last = entry.lastRun, last.status != .running,
      !entry.runningHere
    else { return nil }
    let due = last.startedAt.addingTimeInterval(TimeInterval(minutes) * 60)
    guard due <= now else { return .lookAgain(due) }
    return installed ? .start(.refresh) : nil
  }

  /// A start to try, or the moment to look again.
  private enum Check {
    case start(Start)
    case lookAgain(Date)
  }
}
