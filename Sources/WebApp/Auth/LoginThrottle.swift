import Foundation
import Synchronization

/// Slows down repeated failed sign-ins per email: after 5 failures in 15 minutes each further
/// attempt must wait, doubling from 2 s up to 5 minutes. Kept in memory (per replica).
final class LoginThrottle: Sendable {
  private let failures = Mutex<[String: [Date]]>([:])
  private let now: @Sendable () -> Date

  init(now: @escaping @Sendable () -> Date) { self.now = now }

  /// Seconds to wait before another attempt for `email` is considered, or 0.
  func delay(for email: String) -> TimeInterval {
    let key = email.lowercased()
    let recent = failures.withLock { $0[key] ?? [] }.filter { now().timeIntervalSince($0) < 900 }
    guard recent.count >= 5, let last = recent.last else { return 0 }
    let wait = min(300, 2 * pow(2, Double(recent.count - 5)))
    return max(0, wait - now().timeIntervalSince(last))
  }

  func recordFailure(_ email: String) {
    let key = email.lowercased()
    failures.withLock { table in
      var list = (table[key] ?? []).filter { now().timeIntervalSince($0) < 900 }
      list.append(now())
      table[key] = Array(list.suffix(50))
      if table.count > 10_000 { table.removeAll() }
    }
  }

  func recordSuccess(_ email: String) { _ = failures.withLock { $0.removeValue(forKey: email.lowercased()) } }
}
