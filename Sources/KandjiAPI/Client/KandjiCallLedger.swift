import Foundation
import Synchronization

/// Where one Kandji connection's API calls are counted so that every process sees them (R24):
/// a restarted server, or another replica, knows how much of the hour's budget is spent.
///
/// Calls are counted in per-minute buckets (`minute` = seconds since 1970 / 60), which is exact
/// enough for an hourly budget and keeps the count to one row per minute.
public protocol KandjiCallLedger: Sendable {
  /// Adds `calls` to the bucket of `minute`.
  func record(calls: Int, minute: Int64) async throws
  /// Calls per minute bucket from `minute` on.
  func calls(since minute: Int64) async throws -> [Int64: Int]
}

extension KandjiCallLedger {
  /// Calls in the hour before `date` (the current minute included).
  public func callsInLastHour(at date: Date) async throws -> Int {
    try await calls(since: CallMinute.of(date) - 59).values.reduce(0, +)
  }
}

/// Minute buckets.
public enum CallMinute {
  public static func of(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / 60).rounded(.down)) }
  public static func start(_ minute: Int64) -> Date { Date(timeIntervalSince1970: Double(minute) * 60) }
}

/// A ledger in memory: for a process that keeps no database (benchmarks), and for tests.
public final class InMemoryCallLedger: KandjiCallLedger {
  private let buckets = Mutex<[Int64: Int]>([:])

  public init(_ initial: [Int64: Int] = [:]) { buckets.withLock { $0 = initial } }

  public func record(calls: Int, minute: Int64) async throws { buckets.withLock { $0[minute, default: 0] += calls } }

  public func calls(since minute: Int64) async throws -> [Int64: Int] {
    buckets.withLock { $0.filter { $0.key >= minute } }
  }

  public var total: Int { buckets.withLock { $0.values.reduce(0, +) } }
}
