import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// A small HTTP/1.1 load generator for `bench api`: keep-alive connections on loopback, each on
/// its own thread with blocking sockets (as wrk does, so the client costs little next to the
/// server), every request's latency recorded.
struct HTTPLoad {
  let port: Int
  /// Request headers sent with every request (authorization, cookies).
  let headers: [String]

  struct Result {
    /// Latencies of the answers that count as successes (200 for GETs).
    var latencies: [Double]
    var errors: Int
    var seconds: Double
    /// Every answer by status (0: no answer).
    var statuses: [Int: Int] = [:]

    var requestsPerSecond: Double { Double(latencies.count) / seconds }
    /// Requests answered or failed, whatever the status.
    var answers: Int { statuses.values.reduce(0, +) }
    func percentile(_ p: Double) -> Double {
      guard !latencies.isEmpty else { return 0 }
      let sorted = latencies.sorted()
      return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1_000
    }
    var maximum: Double { (latencies.max() ?? 0) * 1_000 }
  }

  /// `connections` clients each asking `path()` in a loop for `seconds`; 200 is a success.
  func run(connections: Int, seconds: Double, path: @escaping @Sendable () -> String) async -> Result {
    let headers = headers
    let request: @Sendable () -> [UInt8] = {
      Array(("GET \(path()) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n").utf8)
    }
    return await run(connections: connections, seconds: seconds, succeeds: { $0 == 200 }, request: request)
  }

  /// `connections` clients each sending `request()` (a whole HTTP/1.1 request) in a loop for
  /// `seconds`; `succeeds` says which statuses count (the rest are tallied, not errors).
  func run(
    connections: Int, seconds: Double, succeeds: @escaping @Sendable (Int) -> Bool,
    request: @escaping @Sendable () -> [UInt8]
  ) async -> Result {
    let collector = Collector(remaining: connections)
    let start = Date()
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      for _ in 0..<connections {
        let thread = Thread { [self] in
          let outcome = self.client(until: start.addingTimeInterval(seconds), succeeds: succeeds, request: request)
          if collector.finish(outcome) { done.resume() }
        }
        thread.stackSize = 1 << 20
        thread.start()
      }
    }
    let all = collector.results.withLock { $0 }
    var result = Result(latencies: [], errors: 0, seconds: Date().timeIntervalSince(start))
    for outcome in all {
      result.latencies += outcome.latencies
      result.errors += outcome.errors
      result.statuses.merge(outcome.statuses, uniquingKeysWith: +)
    }
    return result
  }

  /// One connection's loop; reconnects after an error or a closed connection.
  private func client(
    until deadline: Date, succeeds: (Int) -> Bool, request: () -> [UInt8]
  ) -> ClientOutcome {
    var outcome = ClientOutcome()
    outcome.latencies.reserveCapacity(100_000)
    var connection: HTTPConnection?
    while Date() < deadline {
      if connection == nil { connection = HTTPConnection(port: port) }
      guard let open = connection else {
        outcome.errors += 1
        outcome.statuses[0, default: 0] += 1
        continue
      }
      let began = DispatchTime.now().uptimeNanoseconds
      let status = open.exchange(request())
      outcome.statuses[status ?? 0, default: 0] += 1
      guard let status else {
        outcome.errors += 1
        open.close()
        connection = nil
        continue
      }
      if succeeds(status) {
        outcome.latencies.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9)
      } else {
        outcome.errors += 1
      }
    }
    connection?.close()
    return outcome
  }
}

/// What one client thread saw.
struct ClientOutcome: Sendable {
  var latencies: [Double] = []
  var errors = 0
  var statuses: [Int: Int] = [:]
}

/// The clients' outcomes, gathered from their threads.
final class Collector: Sendable {
  let results = Mutex<[ClientOutcome]>([])
  private let remaining: Mutex<Int>

  init(remaining: Int) { self.remaining = Mutex(remaining) }

  /// Adds one client's outcome; true for the last client.
  func finish(_ outcome: ClientOutcome) -> Bool {
    results.withLock { $0.append(outcome) }
    return remaining.withLock { count in
      count -= 1
      return count == 0
    }
  }
}

/// One blocking keep-alive connection to 127.0.0.1.
final class HTTPConnection {
  private let socket: Int32
  private var buffer: [UInt8] = []

  init?(port: Int) {
    #if canImport(Glibc)
      socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard socket >= 0 else { return nil }
    var noDelay: Int32 = 1
    setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      Self.close(socket)
      return nil
    }
  }

  func close() { Self.close(socket) }

  private static func close(_ socket: Int32) {
    #if canImport(Glibc)
      _ = Glibc.close(socket)
    #else
      _ = Darwin.close(socket)
    #endif
  }

  /// Sends a request and reads its whole response; returns the status, or nil on failure.
  func exchange(_ request: [UInt8]) -> Int? { exchangeHead(request)?.status }

  /// Sends a request and reads its whole response; returns the status and the response head
  /// (status line and headers), or nil on failure.
  func exchangeHead(_ request: [UInt8]) -> (status: Int, head: String)? {
    guard request.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, 0) }) == request.count else { return nil }
    guard let headerEnd = readUntilHeaderEnd() else { return nil }
    let head = String(decoding: buffer[..<headerEnd], as: UTF8.self)
    buffer.removeFirst(headerEnd + 4)
    let lines = head.split(separator: "\r\n")
    guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
    var length = 0
    var chunked = false
    for line in lines.dropFirst() {
      let lower = line.lowercased()
      if lower.hasPrefix("content-length:") {
        length = Int(lower.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0
      }
      if lower.hasPrefix("transfer-encoding:") && lower.contains("chunked") { chunked = true }
    }
    return (chunked ? readChunks() : read(count: length)) ? (status, head) : nil
  }

  private func fill() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65_536)
    let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return false }
    buffer.append(contentsOf: chunk[..<count])
    return true
  }

  private func readUntilHeaderEnd() -> Int? {
    while true {
      if let end = find([13, 10, 13, 10]) { return end }
      guard fill() else { return nil }
    }
  }

  private func find(_ needle: [UInt8], from start: Int = 0) -> Int? {
    guard buffer.count >= needle.count + start else { return nil }
    for index in start...(buffer.count - needle.count) where buffer[index] == needle[0] {
      if Array(buffer[index..<index + needle.count]) == needle { return index }
    }
    return nil
  }

  private func read(count: Int) -> Bool {
    while buffer.count < count { guard fill() else { return false } }
    buffer.removeFirst(count)
    return true
  }

  private func readChunks() -> Bool {
    while true {
      guard let lineEnd = readLine() else { return false }
      let size = Int(String(decoding: buffer[..<lineEnd], as: UTF8.self), radix: 16) ?? 0
      buffer.removeFirst(lineEnd + 2)
      guard read(count: size + 2) else { return false }
      if size == 0 { return true }
    }
  }

  private func readLine() -> Int? {
    while true {
      if let end = find([13, 10]) { return end }
      guard fill() else { return nil }
    }
  }
}
