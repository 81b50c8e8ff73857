import Foundation
import NIOPosix
import Synchronization

/// Runs bcrypt on a small thread pool of its own, with a bounded queue (R25).
///
/// A bcrypt check at cost 12 is a third of a second of one core. Run inline in a request handler
/// it blocks a thread of Swift's cooperative pool (one per core), so a handful of sign-in
/// attempts stalls every other request, `/health` included. Here checks run on `threads`
/// dedicated threads; at most `queueLimit` more wait; beyond that `PasswordWork.Busy` is thrown
/// at once and the sign-in answers 503 with `Retry-After`, so no amount of sign-in traffic takes
/// the rest of the server down with it.
///
/// A few more places are kept beyond that (issue 16), in two separate reserves, so that while
/// strangers' sign-ins fill the pool a browser that signed in before (device cookie) still gets a
/// check in the `.knownBrowser` reserve, and an admin setting a password in the `.admin` reserve,
/// which known browsers cannot take: one agent holding many device cookies cannot starve "Set
/// password". When a lane's reserve is taken too it gets `Busy`, which answers 503, never 500.
///
/// It also keeps a running estimate of how long a sign-in's check takes (`typicalCheck`), so that
/// an attempt answered without a check (`LoginPages`' decoy for unknown emails over the global
/// budget) can wait as long as a real one would.
public final class PasswordWork: Sendable {
  /// All threads busy and the queue full: try again shortly.
  public struct Busy: Error, Sendable {
    /// Seconds the 503 asks to wait (`Retry-After`).
    public static let retryAfter = 2
  }

  /// Which admission limit a piece of work counts against.
  public enum Lane: Sendable {
    /// Sign-ins of unknown browsers: `threads + queueLimit`.
    case signIn
    /// Known browsers' sign-ins (device cookie): the shared places, then `knownBrowserSlots` more.
    case knownBrowser
    /// Admin actions (setting a password): the shared places, then `adminSlots` more of their own.
    case admin
  }

  /// Where an admitted piece of work counts.
  private enum Place { case shared, knownBrowser, admin }

  private struct Admissions {
    var shared = 0
    var knownBrowser = 0
    var admin = 0
    var total: Int { shared + knownBrowser + admin }
  }

  public let hasher: PasswordHasher
  public let threads: Int
  public let queueLimit: Int
  /// Admissions only the `.knownBrowser` lane may take.
  public let knownBrowserSlots: Int
  /// Admissions only the `.admin` lane may take.
  public let adminSlots: Int
  /// Assumed for `typicalCheck` until a sign-in's check has been timed.
  public static let initialCheckEstimate: TimeInterval = 0.25
  private let pool: NIOThreadPool
  private let admitted = Mutex(Admissions())
  /// Seconds a sign-in's check took, admission to answer (queueing included), smoothed.
  private let checkEstimate = Mutex<TimeInterval?>(nil)
  /// bcrypt operations run so far (tests: an unknown email costs a real check).
  private let checks = Mutex(0)
  /// Checked against when the email is unknown, so that a wrong email takes as long as a wrong
  /// password and timing does not tell which emails have accounts.
  private let dummyHash = Mutex<String?>(nil)

  public init(
    hasher: PasswordHasher, threads: Int = PasswordWork.defaultThreads, queueLimit: Int? = nil,
    knownBrowserSlots: Int = 2, adminSlots: Int = 1
  ) {
    self.hasher = hasher
    self.threads = max(1, threads)
    self.queueLimit = max(0, queueLimit ?? 4 * max(1, threads))
    self.knownBrowserSlots = max(0, knownBrowserSlots)
    self.adminSlots = max(0, adminSlots)
    pool = NIOThreadPool(numberOfThreads: self.threads)
    pool.start()
  }

  /// Half the cores (at least one): the other half keeps serving requests.
  public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount / 2) }

  deinit { pool.shutdownGracefully { _ in } }

  /// Whether `password` matches `hash`; with `hash` nil (no such account) the work is the same
  /// and the answer false.
  public func verify(_ password: String, hash: String?, lane: Lane = .signIn) async throws -> Bool {
    let dummy = hash == nil ? try await dummy() : nil
    let target = hash ?? dummy ?? ""
    let hasher = hasher
    let started = ContinuousClock.now
    let matches = try await run(lane) { hasher.verify(password, hash: target) }
    record(ContinuousClock.now - started)
    return hash != nil && matches
  }

  /// About how long a sign-in's password check takes now (seconds): a running average of the
  /// last checks, queueing included, `initialCheckEstimate` before the first.
  public var typicalCheck: TimeInterval { checkEstimate.withLock { $0 } ?? Self.initialCheckEstimate }

  /// Whether `lane` would be admitted right now (a decoy answers 503 exactly when a check would).
  public func hasRoom(_ lane: Lane) -> Bool { admitted.withLock { place(for: lane, in: $0) != nil } }

  private func record(_ duration: Duration) {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    // An exponential moving average: follows the load within a few checks, ignores one outlier.
    checkEstimate.withLock { $0 = $0.map { 0.8 * $0 + 0.2 * seconds } ?? seconds }
  }

  /// A new password's hash; by default in the admin lane (an admin setting a password).
  public func hash(_ password: String, lane: Lane = .admin) async throws -> String {
    let hasher = hasher
    return try await run(lane) { hasher.hash(password) }
  }

  private func dummy() async throws -> String {
    if let hash = dummyHash.withLock({ $0 }) { return hash }
    let made = try await hash(SecretTokens.random(), lane: .signIn)
    return dummyHash.withLock { stored in
      if stored == nil { stored = made }
      return stored!
    }
  }

  /// Where `lane` would be admitted given `admissions`: the shared places first, then its own
  /// reserve; nil when none is free.
  private func place(for lane: Lane, in admissions: Admissions) -> Place? {
    if admissions.shared < threads + queueLimit { return .shared }
    switch lane {
    case .signIn: return nil
    case .knownBrowser: return admissions.knownBrowser < knownBrowserSlots ? .knownBrowser : nil
    case .admin: return admissions.admin < adminSlots ? .admin : nil
    }
  }

  private func run<T: Sendable>(_ lane: Lane, _ work: @escaping @Sendable () -> T) async throws -> T {
    let admittedAt = admitted.withLock { admissions -> Place? in
      let place = place(for: lane, in: admissions)
      switch place {
      case .shared: admissions.shared += 1
      case .knownBrowser: admissions.knownBrowser += 1
      case .admin: admissions.admin += 1
      case nil: break
      }
      return place
    }
    guard let admittedAt else { throw Busy() }
    defer {
      admitted.withLock { admissions in
        switch admittedAt {
        case .shared: admissions.shared -= 1
        case .knownBrowser: admissions.knownBrowser -= 1
        case .admin: admissions.admin -= 1
        }
      }
    }
    checks.withLock { $0 += 1 }
    return try await pool.runIfActive { work() }
  }

  // Package-visible so the web layer's tests can hold the pool busy and count checks.
  package func runForTesting(lane: Lane = .signIn, _ work: @escaping @Sendable () -> Void) async throws {
    try await run(lane, work)
  }
  package var admittedForTesting: Int { admitted.withLock { $0.total } }
  package var checksForTesting: Int { checks.withLock { $0 } }
}
