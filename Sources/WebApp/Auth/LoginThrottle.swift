import AssetCore
import Foundation
import KandjiAPI
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
///
/// Nobody can lock the real agents out (issue 16): a browser that signed in before (a valid
/// `DeviceCookie` for the email it signs in as) counts only against its own device bucket, never
/// against the account, address or global ones that strangers fill; IPv6 clients share one
/// bucket per /64 (one customer's allocation), so a single host cannot spread guesses over 2^64
/// addresses.
///
/// The global budget is a budget of guesses at emails that are not an active agent's: only their
/// failures feed it and only they are held back by it (an active agent's account is already held
/// to `perAccount` guesses per window, so strangers guessing real agents' passwords cannot spend
/// it, and filling it never slows a real agent). Held back does not mean refused: a refusal only
/// unknown emails got would tell which emails are agents. Over the global budget an unknown email
/// gets `.decoy`: the caller answers exactly as for a wrong password (401, same message) after
/// waiting about as long as a check takes, without running one, and the attempt counts as a
/// failure like any other. The per-account and per-address limits apply to every email alike,
/// so their 429 tells nothing either.
public final class LoginThrottle: Sendable {
  /// Failed sign-ins allowed within `window` before attempts wait.
  public struct Limits: Sendable {
    public var window: TimeInterval = 900
    public var perAccount = 5
    public var perAddress = 20
    /// Failures of unknown emails (not an active agent) from everyone together; beyond it such
    /// guesses are answered as wrong passwords without a check (`Decision.decoy`).
    public var global = 300
    /// Failures of one known browser (device cookie) of its own.
    public var perDevice = 5
    public var maxWait: TimeInterval = 300
    public var maxKeys = 10_000

    public init(
      perAccount: Int = 5, perAddress: Int = 20, global: Int = 300, perDevice: Int = 5, maxKeys: Int = 10_000
    ) {
      self.perAccount = perAccount
      self.perAddress = perAddress
      self.global = global
      self.perDevice = perDevice
      self.maxKeys = maxKeys
    }
  }

  /// Who is trying: what the sign-in form knows before checking the password.
  struct Attempt: Sendable {
    var email: String
    /// The client's address (as `TrustedProxies` found it); nil when unknown.
    var address: String?
    /// The id of a valid device cookie issued for this email, if the browser sent one.
    var device: String? = nil
    /// Whether the email is an active agent's (the global budget neither counts nor holds back those).
    var knownAgent = false
  }

  /// A reserved attempt; hand it back with `finish`.
  struct Reservation: Sendable {
    /// nil for a known device (its own bucket only).
    let account: String?
    let address: String?
    let device: String?
    /// Whether the attempt holds a slot of the global budget.
    let global: Bool
    /// Whether its failure feeds the global budget (an email that is not an active agent's).
    var unknownEmail = false
  }

  enum Decision: Sendable {
    case proceed(Reservation)
    /// The global budget is spent and the email is not an active agent's: answer as a wrong
    /// password, after about one check's time, without checking; then `finish` it as a failure.
    case decoy(Reservation)
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
    var devices: [String: Bucket] = [:]
    var global = Bucket(lastSeen: .distantPast)
  }

  let limits: Limits
  private let state = Mutex(State())
  private let clock: any WallClock

  init(limits: Limits = Limits(), clock: any WallClock) {
    self.limits = limits
    self.clock = clock
  }

  private func now() -> Date { clock.now() }

  /// Reserves an attempt for `email` from `address` (an unknown browser, email not checked:
  /// tests and callers that know nothing more), or says how long to wait.
  func reserve(email: String, address: String?) -> Decision {
    reserve(Attempt(email: email, address: address))
  }

  /// Reserves `attempt`, or says how long to wait.
  func reserve(_ attempt: Attempt) -> Decision {
    let now = now()
    let cutoff = now.addingTimeInterval(-limits.window)
    if let device = attempt.device { return reserve(device: device, now: now, cutoff: cutoff) }
    let account = Contact.emailKey(attempt.email)
    let address = attempt.address.map(Self.bucketKey)
    let countsGlobally = !attempt.knownAgent
    return state.withLock { state in
      state.global.prune(before: cutoff)
      var accountBucket = state.accounts[account] ?? Bucket(lastSeen: now)
      accountBucket.prune(before: cutoff)
      var addressBucket = address.map { state.addresses[$0] ?? Bucket(lastSeen: now) }
      addressBucket?.prune(before: cutoff)
      // The account's and the address's limits hold for every email alike: their wait tells
      // nothing about which emails are agents.
      let wait = max(
        accountBucket.wait(limit: limits.perAccount, maxWait: limits.maxWait, now: now),
        addressBucket?.wait(limit: limits.perAddress, maxWait: limits.maxWait, now: now) ?? 0)
      if wait > 0 { return .wait(wait) }
      let overGlobal = countsGlobally && state.global.wait(limit: limits.global, maxWait: limits.maxWait, now: now) > 0
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
      // A decoy holds no global slot (nothing is checked) but its failure still counts there.
      let holdsGlobal = countsGlobally && !overGlobal
      if holdsGlobal { state.global.inFlight += 1 }
      let reservation = Reservation(
        account: account, address: address, device: nil, global: holdsGlobal, unknownEmail: countsGlobally)
      return overGlobal ? .decoy(reservation) : .proceed(reservation)
    }
  }

  /// A known browser: only its own failures count.
  private func reserve(device: String, now: Date, cutoff: Date) -> Decision {
    state.withLock { state in
      var bucket = state.devices[device] ?? Bucket(lastSeen: now)
      bucket.prune(before: cutoff)
      let wait = bucket.wait(limit: limits.perDevice, maxWait: limits.maxWait, now: now)
      if wait > 0 { return .wait(wait) }
      guard Self.makeRoom(for: device, in: &state.devices, limit: limits.perDevice, max: limits.maxKeys, cutoff) else {
        return .wait(60)
      }
      bucket.inFlight += 1
      bucket.lastSeen = now
      state.devices[device] = bucket
      return .proceed(Reservation(account: nil, address: nil, device: device, global: false))
    }
  }

  /// Ends a reserved attempt. A failure counts against the account and the address, and against
  /// the global budget only for an email that is not an active agent's (a known device's only
  /// against its own bucket); a success clears the account's (or device's) failures;
  /// `counted: false` (the attempt was never evaluated, e.g. the server was too busy) releases
  /// the slot without counting.
  func finish(_ reservation: Reservation, succeeded: Bool, counted: Bool = true) {
    let now = now()
    let failed = counted && !succeeded
    state.withLock { state in
      if reservation.global { state.global.inFlight = max(0, state.global.inFlight - 1) }
      if failed && reservation.unknownEmail {
        Self.append(now, to: &state.global.failures, cap: min(limits.global, 100_000) + 50)
      }
      Self.release(reservation.account, in: &state.accounts, failedAt: failed ? now : nil, clear: succeeded)
      Self.release(reservation.address, in: &state.addresses, failedAt: failed ? now : nil, clear: false)
      Self.release(reservation.device, in: &state.devices, failedAt: failed ? now : nil, clear: succeeded)
    }
  }

  /// Gives back `key`'s slot in `table`, recording a failure or clearing its failures.
  private static func release(_ key: String?, in table: inout [String: Bucket], failedAt: Date?, clear: Bool) {
    guard let key, var bucket = table[key] else { return }
    bucket.inFlight = max(0, bucket.inFlight - 1)
    if clear { bucket.failures.removeAll() }
    if let failedAt { append(failedAt, to: &bucket.failures, cap: 50) }
    table[key] = bucket
  }

  /// The bucket of a client address: an IPv6 address's /64 (IPv4-mapped ones their IPv4
  /// address), an IPv4 address itself, anything unparsable as sent.
  static func bucketKey(_ address: String) -> String {
    guard let parsed = IPAddress(address) else { return address }
    if parsed.isIPv4 { return parsed.description }
    let bytes = parsed.bytes
    if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
      return bytes[12...].map(String.init).joined(separator: ".")
    }
    let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
    return groups.joined(separator: ":") + "::/64"
  }

  /// Entries per table (tests of the bounds).
  var sizes: (accounts: Int, addresses: Int) { state.withLock { ($0.accounts.count, $0.addresses.count) } }

  /// The address buckets' keys (tests of the IPv6 /64 bucketing).
  var addressKeysForTesting: Set<String> { state.withLock { Set($0.addresses.keys) } }

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
