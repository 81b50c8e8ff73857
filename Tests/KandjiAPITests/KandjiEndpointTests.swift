import AssetCore
import AsyncHTTPClient
import Foundation
import Testing

@testable import KandjiAPI
@testable import KandjiSimulator

/// Issue 16 item 3: without `--allow-custom-kandji-endpoints` the token goes only to a Kandji API
/// host, at an address that was checked, and failures read as a few fixed phrases.
@Suite("Where the Kandji client connects, and what its failures say")
struct KandjiEndpointPinningTests {
  static let phrases = Set(TransportFailure.allCases.map { "Could not reach Kandji: \($0.rawValue)" })

  static func client(
    _ url: String, policy: KandjiEndpointPolicy, timeout: Duration = .seconds(5),
    resolve: @escaping @Sendable (String) async -> [IPAddress]
  ) throws -> LiveKandjiClient {
    LiveKandjiClient(
      configuration: KandjiClientConfiguration(
        baseURL: try KandjiBaseURL(url), token: KandjiToken("5f0c7a11-2b3c-4d5e-8f90-a1b2c3d4e5f6"),
        requestTimeout: timeout, retry: RetryPolicy(maxAttempts: 1), endpointPolicy: policy, resolve: resolve),
      clock: ManualClock())
  }

  @Test("a Kandji host that does not resolve fails closed: nothing is sent, the error is one fixed phrase")
  func unresolvableFailsClosed() async throws {
    let lookups = LookupCounter()
    let client = try Self.client("acme.api.kandji.io", policy: .kandjiHostsOnly) { host in
      lookups.count(host)
      return []
    }
    await #expect(throws: KandjiError.transport(.unresolvable)) { try await client.devicePage(offset: 0, limit: 1) }
    #expect(lookups.total == 1)
    do { _ = try await client.devicePage(offset: 0, limit: 1) } catch {
      #expect("\(error)" == "Could not reach Kandji: could not resolve the host")
    }
  }

  @Test(
    "a Kandji host resolving to any private, loopback or link-local address is refused",
    arguments: ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "fd00::1", "::ffff:127.0.0.1", "0.0.0.0"])
  func privateAddressRefused(address: String) async throws {
    let client = try Self.client("acme.api.kandji.io", policy: .kandjiHostsOnly) { _ in
      [IPAddress("52.1.2.3")!, IPAddress(address)!]
    }
    do {
      _ = try await client.devicePage(offset: 0, limit: 1)
      Issue.record("sent to \(address)")
    } catch let error as KandjiError {
      guard case .invalidBaseURL(let message) = error else { throw error }
      #expect(message.contains("private network"))
    }
  }

  @Test("a pinned client connects to the checked address for the name; a refused address is never kept as cleared")
  func connectsToTheCheckedAddress() async throws {
    let simulator = KandjiSimulator(configuration: SimulatorConfiguration(deviceCount: 2))
    try await simulator.withRunningServer { url in
      let port = try #require(URLComponents(string: url)?.port)
      // `kandji-pin.invalid` resolves nowhere (RFC 6761): only the pinned address can answer.
      let pinned = PinnedHTTPClients.makeClient(host: "kandji-pin.invalid", address: IPAddress("127.0.0.1")!)
      do {
        var request = HTTPClientRequest(url: "http://kandji-pin.invalid:\(port)/api/v1/devices?limit=1")
        request.headers.add(name: "Authorization", value: "Bearer \(simulator.fullAccessToken)")
        let response = try await pinned.execute(request, timeout: .seconds(30))
        #expect(response.status == .ok)
        #expect(simulator.stats.requests == 1)
      } catch {
        Issue.record("\(error)")
      }
      try await pinned.shutdown()
    }
    // A refusal is not remembered as a clearance: every request looks up and checks again.
    let lookups = LookupCounter()
    let client = try Self.client("acme.api.kandji.io", policy: .kandjiHostsOnly) { host in
      lookups.count(host)
      return [IPAddress("192.0.2.10")!]  // documentation range: refused, so nothing connects
    }
    for _ in 0..<3 { _ = try? await client.devicePage(offset: 0, limit: 1) }
    #expect(lookups.total == 3)  // refused each time, never cached as cleared
    let shared = PinnedHTTPClients(capacity: 2, shutdownGrace: .zero)
    let a = shared.client(host: "a.api.kandji.io", address: IPAddress("52.1.2.3")!)
    #expect(shared.client(host: "a.api.kandji.io", address: IPAddress("52.1.2.3")!) === a)
    _ = shared.client(host: "b.api.kandji.io", address: IPAddress("52.1.2.4")!)
    _ = shared.client(host: "c.api.kandji.io", address: IPAddress("52.1.2.5")!)
    #expect(shared.count == 2)
    await shared.shutdown()
    #expect(shared.count == 0)
  }

  @Test("transport failures over loopback are fixed phrases: a closed port, TLS to a plain-HTTP server")
  func fixedPhrases() async throws {
    let closed = try Self.client("http://127.0.0.1:1", policy: .allowCustomEndpoints, resolve: HostResolver.addresses)
    await #expect(throws: KandjiError.transport(.connectionFailed)) { try await closed.devicePage(offset: 0, limit: 1) }
    let server = try PlainHTTPServer()
    defer { server.stop() }
    let tls = try Self.client(
      "https://127.0.0.1:\(server.port)", policy: .allowCustomEndpoints, resolve: HostResolver.addresses)
    await #expect(throws: KandjiError.transport(.tlsFailed)) { try await tls.devicePage(offset: 0, limit: 1) }
    #expect(server.connections >= 1)
    for client in [closed, tls] {
      do { _ = try await client.deviceDetails(id: "x") } catch {
        let text = "\(error)"
        #expect(Self.phrases.contains(text), "\(text)")
        #expect(!text.contains("/") && !text.contains("NIO") && !text.contains("rror"))
      }
    }
  }
}
