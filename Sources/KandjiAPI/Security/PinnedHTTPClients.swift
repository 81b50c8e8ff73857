import AssetCore
import AsyncHTTPClient
import Foundation
import Synchronization

/// HTTP clients that connect to one checked address for one host name, while TLS still sends
/// the name (SNI) and verifies the certificate against it, and `Host` names it.
///
/// AsyncHTTPClient has no per-request resolver; its `dnsOverride` maps a host name to the
/// address to connect to for a whole client. So each (host, address) pair gets its own client,
/// kept for reuse (Kandji hosts are few). Past `capacity` pairs the least recently used client
/// is shut down after `shutdownGrace`, longer than any request may take, so a request still
/// using it finishes; a later request for that pair simply makes a new client.
public final class PinnedHTTPClients: Sendable {
  /// The clients of every `LiveKandjiClient` in the process.
  public static let shared = PinnedHTTPClients()

  struct Key: Hashable {
    var host: String
    var address: IPAddress
  }

  private struct Entry {
    var client: HTTPClient
    var lastUse: Int
  }

  private let state = Mutex<(entries: [Key: Entry], tick: Int)>(([:], 0))
  let capacity: Int
  let shutdownGrace: Duration
  /// What the grace period is waited on.
  let clock: any WallClock

  init(capacity: Int = 32, shutdownGrace: Duration = .seconds(600), clock: any WallClock = SystemClock()) {
    self.capacity = capacity
    self.shutdownGrace = shutdownGrace
    self.clock = clock
  }

  /// The client that connects to `address` for requests to `host`.
  public func client(host: String, address: IPAddress) -> HTTPClient {
    let key = Key(host: host, address: address)
    let (client, evicted) = state.withLock { state -> (HTTPClient, HTTPClient?) in
      state.tick += 1
      if var entry = state.entries[key] {
        entry.lastUse = state.tick
        state.entries[key] = entry
        return (entry.client, nil)
      }
      var evicted: HTTPClient?
      if state.entries.count >= capacity, let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
        evicted = oldest.value.client
        state.entries[oldest.key] = nil
      }
      let client = Self.makeClient(host: host, address: address)
      state.entries[key] = Entry(client: client, lastUse: state.tick)
      return (client, evicted)
    }
    if let evicted {
      let (grace, clock) = (shutdownGrace, clock)
      Task.detached {
        try? await clock.sleepInBackground(for: grace)
        try? await evicted.shutdown()
      }
    }
    return client
  }

  /// Shuts every client down (a cache that is not `shared` must be, before it goes away).
  func shutdown() async {
    let clients = state.withLock { state in
      defer { state.entries = [:] }
      return state.entries.values.map(\.client)
    }
    for client in clients { try? await client.shutdown() }
  }

  /// How many pairs have a client now.
  var count: Int { state.withLock { $0.entries.count } }

  /// Like `LiveKandjiClient.sharedHTTPClient` (no redirects), connecting to `address`.
  static func makeClient(host: String, address: IPAddress) -> HTTPClient {
    var configuration = LiveKandjiClient.httpConfiguration
    configuration.dnsOverride = [host: address.description]
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
  }
}
