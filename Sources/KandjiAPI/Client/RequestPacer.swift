import AssetCore
import Foundation

/// Keeps one connection's calls under its `PacingPolicy` (R14, R24): before each request,
/// `acquire()` waits until one more fits the one-second window, the hour's budget, and what
/// Kandji says is left of its own hourly window.
///
/// The hour's budget counts every call of the connection, this process's and everyone else's:
/// with a `KandjiCallLedger` (the database) the pacer records each call there before making it
/// and re-reads the others' calls every few seconds, so a restarted server or another replica
/// does not believe it has a fresh hour. Counting is per minute bucket, which errs on the safe
/// side by at most a minute.
public actor RequestPacer {
  /// Why a request waits longer than a moment.
  public enum WaitReason: String, Sendable, Hashable {
    /// The connection's own requests-per-hour budget is spent until older calls age out.
    case hourlyBudget = "hourly budget"
    /// Kandji's `X-Ratelimit-Remaining-Hour` says less is left than the budget would allow.
    case kandjiRemaining = "Kandji's remaining hourly budget"
  }

  private let policy: PacingPolicy
  private var perSecond: SlidingWindow
  private let clock: any WallClock
  private let ledger: (any KandjiCallLedger)?
  private let onLongWait: @Sendable (Date, WaitReason) -> Void
  /// Calls per minute bucket within the last hour: this pacer's own (exact) and everyone
  /// else's (the ledger's count minus ours, as of the last refresh).
  private var own: [Int64: Int] = [:]
  private var others: [Int64: Int] = [:]
  private var refreshedAt: Duration?
  /// From Kandji's headers: the least time between two requests until its hour window resets.
  private var kandjiSpacing: (interval: Duration, until: Date)?
  private var pausedUntil: Date?
  private var lastRequest: Duration?

  static let refreshInterval = Duration.seconds(10)
  /// Waits at least this long are announced (progress shows "waiting until …").
  static let announceAfter = Duration.seconds(5)

  public init(
    policy: PacingPolicy, clock: any WallClock, ledger: (any KandjiCallLedger)? = nil,
    onLongWait: @escaping @Sendable (Date, WaitReason) -> Void = { _, _ in }
  ) {
    self.policy = policy
    perSecond = SlidingWindow(limit: policy.requestsPerSecond, window: .seconds(1))
    self.clock = clock
    self.ledger = ledger
    self.onLongWait = onLongWait
  }

  /// Waits for a slot and takes it (recording the call in the ledger). Returns how long it
  /// waited (for progress and reports).
  @discardableResult
  public func acquire() async throws -> Duration {
    var waited = Duration.zero
    var announced = false
    while true {
      let now = clock.elapsed()
      let date = clock.now()
      await refreshIfStale(now: now, date: date)
      var wait = perSecond.waitBeforeNext(at: now)
      var reason: WaitReason?
      let budget = hourlyBudgetWait(at: date)
      if budget > wait { (wait, reason) = (budget, .hourlyBudget) }
      let kandji = kandjiWait(now: now, date: date)
      if kandji > wait { (wait, reason) = (kandji, .kandjiRemaining) }
      if wait <= .zero {
        take(now: now, date: date)
        if let ledger { try? await ledger.record(calls: 1, minute: CallMinute.of(date)) }
        return waited
      }
      if let longest = policy.longestBudgetWait, wait > longest, let reason {
        throw BudgetSpent(until: date.addingTimeInterval(wait.seconds), reason: reason)
      }
      if wait >= Self.announceAfter, !announced, let reason {
        announced = true
        onLongWait(date.addingTimeInterval(wait.seconds), reason)
      }
      try await clock.sleep(for: wait)
      waited += wait
    }
  }

  /// Follows Kandji's `X-Ratelimit-Remaining-Hour` (Kong counts clock hours): when Kandji has
  /// less left than this connection's budget, requests are spread over the rest of the hour;
  /// at zero they stop until the hour turns.
  public func follow(remainingHour remaining: Int, at date: Date) {
    let resetIn = 3_600 - date.timeIntervalSince1970.truncatingRemainder(dividingBy: 3_600)
    let reset = date.addingTimeInterval(resetIn)
    guard remaining > 0 else {
      pausedUntil = max(pausedUntil ?? reset, reset)
      return
    }
    let ours = policy.requestsPerHour - callsInLastHour(at: date)
    kandjiSpacing = remaining < ours ? (.seconds(resetIn / Double(remaining)), reset) : nil
  }

  /// Calls of this connection in the hour before `date`, as far as this pacer knows.
  public func callsInLastHour(at date: Date) -> Int {
    let first = CallMinute.of(date) - 59
    return own.filter { $0.key >= first }.values.reduce(0, +) + others.filter { $0.key >= first }.values.reduce(0, +)
  }

  private func take(now: Duration, date: Date) {
    perSecond.record(now)
    let minute = CallMinute.of(date)
    own[minute, default: 0] += 1
    if own.count > 120 { own = own.filter { $0.key > minute - 60 } }
    lastRequest = now
  }

  /// Until enough of the hour's oldest calls age out for one more, or zero.
  private func hourlyBudgetWait(at date: Date) -> Duration {
    let current = CallMinute.of(date)
    var total = callsInLastHour(at: date)
    guard total >= policy.requestsPerHour else { return .zero }
    for minute in (current - 59)...current {
      total -= (own[minute] ?? 0) + (others[minute] ?? 0)
      if total < policy.requestsPerHour {
        // Bucket `minute` leaves the window when the clock reaches minute + 60.
        return .seconds(max(1, CallMinute.start(minute + 60).timeIntervalSince(date)))
      }
    }
    return .seconds(60)
  }

  private func kandjiWait(now: Duration, date: Date) -> Duration {
    if let pausedUntil {
      if pausedUntil > date { return .seconds(pausedUntil.timeIntervalSince(date)) }
      self.pausedUntil = nil
    }
    guard let spacing = kandjiSpacing else { return .zero }
    guard date < spacing.until else {
      kandjiSpacing = nil
      return .zero
    }
    guard let lastRequest else { return .zero }
    return max(.zero, lastRequest + spacing.interval - now)
  }

  /// Re-reads everyone's calls from the ledger every few seconds; a ledger that cannot be read
  /// leaves the last known counts (the database failing fails the sync soon enough).
  private func refreshIfStale(now: Duration, date: Date) async {
    guard let ledger, refreshedAt.map({ now - $0 >= Self.refreshInterval }) ?? true else { return }
    refreshedAt = now
    let first = CallMinute.of(date) - 59
    guard let counted = try? await ledger.calls(since: first) else { return }
    own = own.filter { $0.key >= first }
    others = counted.reduce(into: [:]) { result, bucket in
      result[bucket.key] = max(0, bucket.value - (own[bucket.key] ?? 0))
    }
  }
}

/// Timestamps of the last `limit` requests in a ring buffer.
struct SlidingWindow {
  let limit: Int
  let window: Duration
  private var stamps: [Duration] = []
  private var head = 0

  init(limit: Int, window: Duration) {
    self.limit = limit
    self.window = window
  }

  /// How long until a request at `now` would be the `limit`-th in the trailing window.
  func waitBeforeNext(at now: Duration) -> Duration {
    guard stamps.count >= limit else { return .zero }
    let oldest = stamps[head]
    return max(.zero, oldest + window - now)
  }

  mutating func record(_ now: Duration) {
    if stamps.count < limit {
      stamps.append(now)
    } else {
      stamps[head] = now
      head = (head + 1) % limit
    }
  }
}
