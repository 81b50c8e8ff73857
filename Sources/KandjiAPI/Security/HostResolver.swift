import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Resolves host names with the system resolver (getaddrinfo), off the cooperative thread pool:
/// getaddrinfo blocks for as long as DNS takes.
///
/// getaddrinfo cannot be cancelled: a lookup that gives up after `timeout` leaves its thread
/// blocked until DNS answers. So at most `maxConcurrentLookups` lookups run at once, counted
/// until their thread is free again (not until their caller gave up); beyond that a lookup fails
/// at once, as a host that does not resolve ("could not resolve the host"), instead of piling up
/// blocked threads while DNS hangs.
public enum HostResolver {
  /// The longest a lookup may take: getaddrinfo cannot be cancelled, and an interactive check
  /// (authorize) must give up within 10 s in all.
  public static let timeout: TimeInterval = 5
  /// Lookups blocked in getaddrinfo at once, at most. Kandji connections are few and their
  /// checks are kept for minutes, so a handful suffices; more means DNS hangs.
  public static let maxConcurrentLookups = 8
  /// A shorter limit for the lookups of this task (the rest of an interactive check's deadline).
  @TaskLocal public static var timeLimit: Duration?

  static let slots = LookupSlots(limit: maxConcurrentLookups)

  /// Every address `host` resolves to; empty when it does not resolve within `timeout` seconds
  /// (or `timeLimit`, when shorter), or when `maxConcurrentLookups` lookups are still blocked.
  @Sendable public static func addresses(_ host: String) async -> [IPAddress] {
    var seconds = timeout
    if let timeLimit { seconds = min(seconds, max(0, timeLimit.seconds)) }
    return await addresses(host, timeout: seconds, slots: slots, lookup: resolve)
  }

  /// `addresses(_:)` with its parts given (tests pass a lookup that blocks).
  static func addresses(
    _ host: String, timeout: TimeInterval, slots: LookupSlots, lookup: @escaping @Sendable (String) -> [IPAddress]
  ) async -> [IPAddress] {
    if let literal = IPAddress(host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))) { return [literal] }
    guard slots.take() else { return [] }
    return await withCheckedContinuation { continuation in
      // Whichever comes first answers; the other finds the continuation taken.
      let pending = PendingAnswer(continuation)
      DispatchQueue.global().async {
        let found = lookup(host)
        slots.give()  // the thread is free again only now, however long ago the caller gave up
        pending.resume(returning: found)
      }
      DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { pending.resume(returning: []) }
    }
  }

  private static func resolve(_ host: String) -> [IPAddress] {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    #if canImport(Glibc)
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
      hints.ai_socktype = SOCK_STREAM
    #endif
    var list: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
    defer { freeaddrinfo(list) }
    var found: [IPAddress] = []
    var cursor: UnsafeMutablePointer<addrinfo>? = first
    while let entry = cursor {
      if let address = entry.pointee.ai_addr {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
          address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
            if let ip = IPAddress(bytes: withUnsafeBytes(of: v4.pointee.sin_addr) { Array($0) }) { found.append(ip) }
          }
        case AF_INET6:
          address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
            if let ip = IPAddress(bytes: withUnsafeBytes(of: v6.pointee.sin6_addr) { Array($0) }) { found.append(ip) }
          }
        default: break
        }
      }
      cursor = entry.pointee.ai_next
    }
    return found
  }
}

/// A continuation resumed by the first of several answers.
private final class PendingAnswer: Sendable {
  private let continuation: Mutex<CheckedContinuation<[IPAddress], Never>?>

  init(_ continuation: CheckedContinuation<[IPAddress], Never>) { self.continuation = Mutex(continuation) }

  func resume(returning addresses: [IPAddress]) {
    continuation.withLock { $0.take() }?.resume(returning: addresses)
  }
}

/// A count of lookups under way, at most `limit`.
final class LookupSlots: Sendable {
  let limit: Int
  private let inUse = Mutex(0)

  init(limit: Int) { self.limit = limit }

  /// Takes a slot; false when all are taken.
  func take() -> Bool {
    inUse.withLock { count in
      guard count < limit else { return false }
      count += 1
      return true
    }
  }

  /// Gives a slot back.
  func give() { inUse.withLock { $0 -= 1 } }

  /// The slots taken now.
  var taken: Int { inUse.withLock { $0 } }
}
