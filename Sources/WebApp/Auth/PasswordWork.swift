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
/// A few more places are kept for the `.reserved` lane (issue 16): an admin setting a password,
/// and a browser that signed in before (device cookie), still get a check while strangers' sign-ins
/// fill the pool; when even those are taken they get `Busy` too, which answers 503, never 500.
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
    /// Admin password changes and known browsers' sign-ins: `reservedSlots` more.
    case reserved
  }

  public let hasher: PasswordHasher
  public let threads: Int
  public let queueLimit: Int
  /// Admissions only the `.reserved` lane may take.
  public let reservedSlots: Int
  private let pool: NIOThreadPool
  private let admitted = Mutex(0)
  /// bcrypt operations run so far (tests: an unknown email costs a real check).
  private let checks = Mutex(0)
  /// Checked against when the email is unknown, so that a wrong email takes as long as a wrong
  /// password and timing does not tell which emails have accounts.
  private let dummyHash = Mutex<String?>(nil)

  public init(
    hasher: PasswordHasher, threads: Int = PasswordWork.defaultThreads, queueLimit: Int? = nil, reservedSlots: Int = 2
  ) {
    self.hasher = hasher
    self.threads = max(1, threads)
    self.queueLimit = max(0, queueLimit ?? 4 * max(1, threads))
    self.reservedSlots = max(0, reservedSlots)
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
    let matches = try await run(lane) { hasher.verify(password, hash: target) }
    return hash != nil && matches
  }

  /// A new password's hash; by default in the reserved lane (an admin setting a password).
  public func hash(_ password: String, lane: Lane = .reserved) async throws -> String {
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

  private func run<T: Sendable>(_ lane: Lane, _ work: @escaping @Sendable () -> T) async throws -> T {
    let limit = threads + queueLimit + (lane == .reserved ? reservedSlots : 0)
    let admittedNow = admitted.withLock { count -> Bool in
      guard count < limit else { return false }
      count += 1
      return true
    }
    guard admittedNow else { throw Busy() }
    defer { admitted.withLock { $0 -= 1 } }
    checks.withLock { $0 += 1 }
    return try await pool.runIfActive { work() }
  }

  func runForTesting(lane: Lane = .signIn, _ work: @escaping @Sendable () -> Void) async throws {
    try await run(lane, work)
  }
  var admittedForTesting: Int { admitted.withLock { $0 } }
  var checksForTesting: Int { checks.withLock { $0 } }
}
