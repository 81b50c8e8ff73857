import AssetCore
import Foundation
import Synchronization

/// Slows down password guessing at the sign-in form, per account, per client address and
/// overall (R25).
///
/// Each attempt first *reserves* a slot and only then has its password checked, so parallel
/// guesses are counted before they are evaluated: with 5 allowed, the 6th of 30 simultaneous
/// guesses already waits. A bucket that reaches its limit makes further attempts wait, doubling
/// from 2 s up to 5 minutes, until its failures age out of the window. Accounts are keyed by the
/// same normalised email the account lookup uses (`Contact.emailKey`), so `victim@x\n` is the
/// victim's bucket. The tables are bounded and evict the least useful entry, never everything:
/// filling them with junk emails cannot reset a victim's bucket. Kept in memory, per replica.
public final class LoginThrottle: Sendable {
  /// Failed sign-ins allowed within `window` before attempts wait.
  public struct Limits: Sendable {
    public var window: TimeInterval = 900
    public var perAccount = 5
    public var perAddress = 20
    public var global = 300
    public var maxWait: TimeInterval = 300
    public var maxKeys = 10_000

    public init(perAccount: Int = 5, perAddress: Int = 20, global: Int = 300, maxKeys: Int = 10_000) {
      self.perAccount = perAccount
      self.perAddress = perAddress
      self.global = global
      self.maxKeys = maxKeys
    }
  }

  /// A reserved attempt; hand it back with `finish`.
  struct Reservation: Sendable {
    let account: String
    let address: String?
  }

  enum Decision: Sendable {
    case proceed(Reservation)
    /// Try again in this many seconds.
    case wait(TimeInterval)
  }

  private struct Bucket {
    var failures: [Date] = []
    var inFlight = 0
    var lastSeen: Date

    mutating func prune(before cutoff: Date) { failures.removeAll { $0 < cutoff } }

    /// Seconds until another attempt may start, for `limit` attempts per window.
    func wait(limit: Int, maxWait: TimeInterval, now: Date) -> TimeInterval {
      let attempts = failures.count + inFlight
      guard attempts >= limit else { return 0 }
      let backoff = min(maxWait, 2 * pow(2, Double(min(attempts - limit, 20))))
      let since = inFlight > 0 ? 0 : now.timeIntervalSince(failures.last ?? now)
      return max(0, backoff - since)
    }
  }

  private struct State {
    var accounts: [String: Bucket] = [:]
    var addresses: [String: Bucket] = [:]
    var global = Bucket(lastSeen: .distantPast)
  }

  let limits: Limits
  private let state = Mutex(State())
  private let now: @Sendable () -> Date

  init(limits: Limits = Limits(), now: @escaping @Sendable () -> Date) {
    self.limits = limits
    self.now = now
  }

  /// Reserves an attempt for `email` from `address`, or says how long to wait.
  func reserve(email: String, address: String?) -> Decision {
    let account = Contact.emailKey(email)
    let now = now()
    let cutoff = now.addingTimeInterval(-limits.window)
    return state.withLock { state in
      state.global.prune(before: cutoff)
      var accountBucket = state.accounts[account] ?? Bucket(lastSeen: now)
      accountBucket.prune(before: cutoff)
      var addressBucket = address.map { state.addresses[$0] ?? Bucket(lastSeen: now) }
      addressBucket?.prune(before: cutoff)
      let wait = max(
        accountBucket.wait(limit: limits.perAccount, maxWait: limits.maxWait, now: now),
        addressBucket?.wait(limit: limits.perAddress, maxWait: limits.maxWait, now: now) ?? 0,
        state.global.wait(limit: limits.global, maxWait: limits.maxWait, now: now))
      if wait > 0 { return .wait(wait) }
      guard Self.makeRoom(for: account, in: &state.accounts, limit: limits.perAccount, max: limits.maxKeys, cutoff),
        address.map({
          Self.makeRoom(for: $0, in: &state.addresses, limit: limits.perAddress, max: limits.maxKeys, cutoff)
        }) ?? true
      else { return .wait(60) }
      accountBucket.inFlight += 1
      accountBucket.lastSeen = now
      state.accounts[account] = accountBucket
      if let address, var bucket = addressBucket {
        bucket.inFlight += 1
        bucket.lastSeen = now
        state.addresses[address] = bucket
      }
      state.global.inFlight += 1
      return .proceed(Reservation(account: account, address: address))
    }
  }

  /// Ends a reserved attempt. A failure counts against the account, the address and the global
  /// budget; a success clears the account's failures; `counted: false` (the attempt was never
  /// evaluated, e.g. the server was too busy) releases the slot without counting.
  func finish(_ reservation: Reservation, succeeded: Bool, counted: Bool = true) {
    let now = now()
    state.withLock { state in
      state.global.inFlight = max(0, state.global.inFlight - 1)
      if counted && !succeeded { Self.append(now, to: &state.global.failures, cap: min(limits.global, 100_000) + 50) }
      if var bucket = state.accounts[reservation.account] {
        bucket.inFlight = max(0, bucket.inFlight - 1)
        if succeeded { bucket.failures.removeAll() }
        if counted && !succeeded { Self.append(now, to: &bucket.failures, cap: 50) }
        state.accounts[reservation.account] = bucket
      }
      if let address = reservation.address, var bucket = state.addresses[address] {
        bucket.inFlight = max(0, bucket.inFlight - 1)
        if counted && !succeeded { Self.append(now, to: &bucket.failures, cap: 50) }
        state.addresses[address] = bucket
      }
    }
  }

  /// Entries per table (tests of the bounds).
  var sizes: (accounts: Int, addresses: Int) { state.withLock { ($0.accounts.count, $0.addresses.count) } }

  private static func append(_ date: Date, to list: inout [Date], cap: Int) {
    list.append(date)
    if list.count > cap { list.removeFirst(list.count - cap) }
  }

  /// Ensures `key` fits in `table`: evicts idle entries first, then the quietest one still
  /// under the limit. Never evicts an entry that is at its limit or has attempts in flight, so
  /// flooding the table cannot reset a throttled account; when nothing may go, refuses (false).
  private static func makeRoom(
    for key: String, in table: inout [String: Bucket], limit: Int, max: Int, _ cutoff: Date
  ) -> Bool {
    guard table[key] == nil, table.count >= max else { return true }
    for (key, var bucket) in table {
      bucket.prune(before: cutoff)
      table[key] = bucket
    }
    let idle = table.filter { $0.value.failures.isEmpty && $0.value.inFlight == 0 }.map(\.key)
    if !idle.isEmpty {
      for key in idle.prefix(Swift.max(1, table.count - max + 1)) { table.removeValue(forKey: key) }
      if table.count < max { return true }
    }
    let victim = table.filter { $0.value.inFlight == 0 && $0.value.failures.count < limit }
      .min { ($0.value.failures.count, $0.value.lastSeen) < ($1.value.failures.count, $1.value.lastSeen) }
    guard let victim else { return false }
    table.removeValue(forKey: victim.key)
    return true
  }
}
