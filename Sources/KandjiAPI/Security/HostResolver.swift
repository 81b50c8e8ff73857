import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Resolves host names with the system resolver (getaddrinfo), off the cooperative thread pool:
/// getaddrinfo blocks for as long as DNS takes.
public enum HostResolver {
  /// The longest a lookup may take: getaddrinfo cannot be cancelled, and an interactive check
  /// (authorize) must give up within 10 s in all.
  public static let timeout: TimeInterval = 5

  /// Every address `host` resolves to; empty when it does not resolve within `timeout` seconds.
  @Sendable public static func addresses(_ host: String) async -> [IPAddress] {
    if let literal = IPAddress(host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))) { return [literal] }
    return await withCheckedContinuation { continuation in
      // Whichever comes first answers; the other finds the continuation taken.
      let pending = PendingAnswer(continuation)
      let answer: @Sendable ([IPAddress]) -> Void = { pending.resume(returning: $0) }
      DispatchQueue.global().async { answer(resolve(host)) }
      DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { answer([]) }
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
