import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A plain-HTTP server on loopback that is not Kandji: it reads what a client sends and answers
/// every connection with one fixed `404 Not Found` page, then closes. A TLS client gets HTTP text
/// where a ServerHello belongs, so its handshake fails at once (no waiting for a timeout).
final class PlainHTTPServer: Sendable {
  private let listener: Int32
  let port: Int
  private let accepted = Atomic<Int>(0)

  var url: String { "http://127.0.0.1:\(port)" }
  var connections: Int { accepted.load(ordering: .relaxed) }

  init() throws {
    #if canImport(Glibc)
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard fd >= 0, bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    listener = fd
    port = Int(UInt16(bigEndian: address.sin_port))
    let thread = Thread { [self] in serve() }
    thread.start()
  }

  private func serve() {
    let page =
      "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 23\r\nConnection: close\r\n\r\n<h1>Intranet wiki</h1>\n"
    while true {
      let connection = accept(listener, nil, nil)
      guard connection >= 0 else { return }  // closed by `stop()`
      accepted.add(1, ordering: .relaxed)
      var buffer = [UInt8](repeating: 0, count: 4096)
      _ = recv(connection, &buffer, buffer.count, 0)
      _ = page.withCString { send(connection, $0, strlen($0), 0) }
      close(connection)
    }
  }

  /// Stops accepting; the serving thread ends.
  func stop() {
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }
}
