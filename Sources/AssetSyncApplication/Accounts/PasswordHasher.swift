import Foundation
import HummingbirdBcrypt

/// Hashes agents' passwords with bcrypt (a deliberately slow KDF). The cost is configurable so
/// tests can use the minimum; production uses 12 (≈ 250 ms a check on one core).
public struct PasswordHasher: Sendable {
  public let cost: UInt8

  public init(cost: UInt8 = 12) { self.cost = min(max(cost, 4), 31) }

  /// Bcrypt uses only the first 72 bytes; longer passwords are refused rather than truncated.
  public static let maxBytes = 72
  public static let minLength = 10

  public func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

  public func verify(_ password: String, hash: String) -> Bool {
    guard password.utf8.count <= Self.maxBytes else { return false }
    return Bcrypt.verify(password, hash: hash)
  }

  /// Why a new password is not acceptable, or `nil`.
  public static func problem(with password: String) -> String? {
    if password.count < minLength { return "Use at least \(minLength) characters." }
    if password.utf8.count > maxBytes { return "Use at most \(maxBytes) bytes." }
    return nil
  }
}
