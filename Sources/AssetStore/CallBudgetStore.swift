import Foundation

/// A connection's Kandji API budget (R24): calls counted per minute, shared by every process
/// and replica.
public protocol CallBudgetStore: Sendable {
  /// Adds `calls` to the connection's bucket for `minute` (seconds since 1970 / 60).
  func recordKandjiCalls(connectionID: Int64, minute: Int64, calls: Int) async throws
  /// The connection's calls per minute bucket from `minute` on.
  func kandjiCalls(connectionID: Int64, since minute: Int64) async throws -> [Int64: Int]
  /// Forgets the connection's buckets before `minute` (only the last hour counts).
  func pruneKandjiCalls(connectionID: Int64, before minute: Int64) async throws
}
