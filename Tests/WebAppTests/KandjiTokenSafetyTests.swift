import AssetCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KandjiAPI
import KandjiSimulator
import Logging
import NIOCore
import Testing
import WebApp

/// Issue 9, item 5: the stored Kandji token goes only to the URL it was saved for, redirects are
/// not followed, other servers' pages are not reflected, and private addresses are refused
/// unless the server allows custom endpoints.
@Suite("The Kandji token stays with Kandji")
struct KandjiTokenSafetyTests {
  /// A plain HTTP server on loopback that answers every Kandji path with `answer`.
  static func withServer<T: Sendable>(
    _ answer: @escaping @Sendable (Request) -> Response, _ body: @Sendable (String) async throws -> T
  ) async throws -> T {
    let router = Router()
    router.get("**") { request, _ in answer(request) }
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "test-server")
    logger.logLevel = .critical  // cancelling the server at the end logs an error otherwise
    let app = Application(
      router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
    let server = Task { try await app.runService() }
    defer { server.cancel() }
    var iterator = ports.makeAsyncIterator()
    let port = try #require(await iterator.next())
    return try await body("http://127.0.0.1:\(port)")
  }

  func install(_ client: any TestClientProtocol, _ h: AppHarness) async throws {
    #expect(try await client.call(.post, "apps/kandji/install", as: h.admin).status == .ok)
    let first = try await client.call(
      .post, "apps/kandji/authorize", as: h.admin,
      json: #"{"api_url":"\#(h.simulatorURL)","api_token":"\#(h.simulator.fullAccessToken)"}"#)
    #expect(first.json["authorized"] as? Bool == true)
  }

  @Test("a new API URL with an empty token field needs the token again; the stored one is not sent")
  func newOriginNeedsToken() async throws {
    try await AppHarness.run { h in
      let other = KandjiSimulator(configuration: SimulatorConfiguration(deviceCount: 3))
      try await other.withRunningServer { otherURL in
        try await h.test { client in
          try await install(client, h)
          let moved = try await client.call(
            .post, "apps/kandji/authorize", as: h.admin, json: #"{"api_url":"\#(otherURL)"}"#)
          #expect(moved.status == .badRequest)
          #expect(moved.fieldErrors["api_token"]?.first?.contains("Enter the API token again") == true)
          #expect(other.stats.requests == 0)
          // The same origin may re-check with the stored token.
          let again = try await client.call(
            .post, "apps/kandji/authorize", as: h.admin, json: #"{"api_url":"\#(h.simulatorURL)/"}"#)
          #expect(again.json["authorized"] as? Bool == true)
          let connection = try #require(try await h.store.kandjiConnections(includeRemoved: false).first)
          #expect(connection.apiURL == h.simulatorURL + "/")
        }
      }
    }
  }

  @Test(
    "API URLs whose path could cut or escape the fixed request path are refused",
    arguments: [
      "http://127.0.0.1:9/x%3F", "http://127.0.0.1:9/x?y=1", "http://127.0.0.1:9/#frag", "http://127.0.0.1:9/a/../b",
      "http://user:pass@127.0.0.1:9", "http://127.0.0.1:9/a%2F..", "http://127.0.0.1:9/a b",
    ])
  func pathControl(url: String) throws {
    #expect(throws: KandjiError.self) { try KandjiBaseURL(url) }
  }

  @Test("redirects are not followed and unknown servers' pages are not repeated back")
  func redirectsAndReflection() async throws {
    try await AppHarness.run { h in
      let sink = KandjiSimulator(configuration: SimulatorConfiguration(deviceCount: 1))
      try await sink.withRunningServer { sinkURL in
        try await Self.withServer({ request in
          if request.uri.path.hasPrefix("/redirect") {
            var headers = HTTPFields()
            headers[.location] = sinkURL + "/api/v1/devices"
            return Response(status: .found, headers: headers)
          }
          return Response(
            status: .notFound, body: .init(byteBuffer: ByteBuffer(string: "SECRET-PAGE-CONTENT of an internal wiki")))
        }) { serverURL in
          try await h.test { client in
            #expect(try await client.call(.post, "apps/kandji/install", as: h.admin).status == .ok)
            let redirected = try await client.call(
              .post, "apps/kandji/authorize", as: h.admin,
              json: #"{"api_url":"\#(serverURL)/redirect","api_token":"secret-token-1"}"#)
            #expect(redirected.json["authorized"] as? Bool == false)
            #expect(redirected.json["code"] as? String == "not_kandji_api")
            #expect(sink.stats.requests == 0)
            let page = try await client.call(
              .post, "apps/kandji/authorize", as: h.admin,
              json: #"{"api_url":"\#(serverURL)/wiki","api_token":"secret-token-1"}"#)
            #expect(page.json["authorized"] as? Bool == false)
            #expect(!page.text.contains("SECRET-PAGE-CONTENT"))
            #expect(try await h.store.kandjiConnections(includeRemoved: true).isEmpty)
          }
        }
      }
    }
  }

  @Test("without --allow-custom-kandji-endpoints, loopback and private URLs are refused before any request")
  func privateAddressesRefused() async throws {
    let kandjiHostsOnly: (inout AppConfiguration) -> Void = { $0.allowCustomKandjiEndpoints = false }
    try await AppHarness.run(configure: kandjiHostsOnly) { h in
      try await h.test { client in
        #expect(try await client.call(.post, "apps/kandji/install", as: h.admin).status == .ok)
        for url in [h.simulatorURL, "http://10.0.0.8", "https://169.254.169.254", "https://[::1]:8443"] {
          let reply = try await client.call(
            .post, "apps/kandji/authorize", as: h.admin,
            json: #"{"api_url":"\#(url)","api_token":"\#(h.simulator.fullAccessToken)"}"#)
          #expect(reply.status == .badRequest, "\(url)")
          #expect(reply.fieldErrors["api_url"]?.first?.contains("--allow-custom-kandji-endpoints") == true)
        }
        #expect(h.simulator.stats.requests == 0)
      }
    }
  }

  @Test("Kandji hosts are checked after DNS: one resolving to a private address is refused")
  func dnsChecked() async throws {
    let url = try KandjiBaseURL("acme.api.kandji.io")
    let policy = KandjiEndpointPolicy.kandjiHostsOnly
    let privateProblem = await policy.problem(with: url) { _ in [IPAddress("52.1.2.3")!, IPAddress("10.1.2.3")!] }
    #expect(privateProblem?.contains("10.1.2.3") == true)
    #expect(await policy.problem(with: url) { _ in [IPAddress("52.1.2.3")!, IPAddress("2600:1f18::1")!] } == nil)
    #expect(await KandjiEndpointPolicy.allowCustomEndpoints.problem(with: try KandjiBaseURL("http://127.0.0.1")) == nil)
  }

  @Test(
    "address classification",
    arguments: [
      ("127.0.0.1", false), ("10.20.30.40", false), ("172.31.255.255", false), ("172.32.0.1", true),
      ("192.168.1.1", false), ("169.254.169.254", false), ("100.64.0.1", false), ("0.0.0.0", false),
      ("8.8.8.8", true), ("::1", false), ("::", false), ("fe80::1", false), ("fd00::1", false),
      ("::ffff:10.0.0.1", false), ("::ffff:8.8.8.8", true), ("64:ff9b::a00:1", false), ("2a00:1450::200e", true),
      ("224.0.0.1", false),
    ])
  func classification(address: String, isPublic: Bool) throws {
    #expect(try #require(IPAddress(address)).isPublic == isPublic)
  }

  @Test("the live client itself refuses a non-Kandji host under the default policy, sending nothing")
  func clientRefuses() async throws {
    let simulator = KandjiSimulator(configuration: SimulatorConfiguration(deviceCount: 2))
    try await simulator.withRunningServer { url in
      let client = LiveKandjiClient(
        configuration: KandjiClientConfiguration(
          baseURL: try KandjiBaseURL(url), token: KandjiToken(simulator.fullAccessToken)))
      await #expect(throws: KandjiError.self) { try await client.devicePage(offset: 0, limit: 10) }
      #expect(simulator.stats.requests == 0)
    }
  }
}
