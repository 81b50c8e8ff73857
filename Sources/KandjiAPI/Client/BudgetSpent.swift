import Foundation

/// A request that would have to wait longer than its `PacingPolicy.longestBudgetWait` for the
/// connection's hourly budget (or Kandji's remaining hour): nothing was sent.
public struct BudgetSpent: Error, Sendable, Hashable, CustomStringConvertible {
  /// When a call fits again.
  public var until: Date
  public var reason: RequestPacer.WaitReason

  public init(until: Date, reason: RequestPacer.WaitReason) {
    self.until = until
    self.reason = reason
  }

  public var description: String { "The Kandji connection's \(reason.rawValue) is used up for now" }
}
