import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KandjiAPI
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import NIOPosix
import SQLiteStore
import SyncService
import Testing

@testable import WebApp

/// Issue 9, item 8: slow clients are cut off, cookies are `Secure` behind a trusted HTTPS proxy,
/// sessions end at an absolute time, and secrets on disk are owner-only.
@Suite("Transport: slow clients, proxies, cookies, sessions, files")
struct TransportSecurityTests {
  func channel() throws -> EmbeddedChannel {
    let channel = EmbeddedChannel(handler: RequestDeadlineHandler(headTimeout: .seconds(20), bodyTimeout: .seconds(60)))
    try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
    return channel
  }

  static let head = HTTPRequestPart.head(HTTPRequest(method: .post, scheme: "http", authority: "x", path: "/login"))

  @Test("a client that never completes its request head is cut off after the head timeout")
  func slowHead() throws {
    let channel = try channel()
    channel.embeddedEventLoop.advanceTime(by: .seconds(19))
    #expect(channel.isActive)
    channel.embeddedEventLoop.advanceTime(by: .seconds(2))
    #expect(!channel.isActive)
  }

  @Test("a body trickled in slower than the body timeout is cut off; a served request re-arms the head timer")
  func slowBodyAndKeepAlive() throws {
    let channel = try channel()
    try channel.writeInbound(Self.head)
    channel.embeddedEventLoop.advanceTime(by: .seconds(30))  // past the head timeout: the head is in
    #expect(channel.isActive)
    try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "a")))
    channel.embeddedEventLoop.advanceTime(by: .seconds(31))
    #expect(!channel.isActive)

    let served = try self.channel()
    try served.writeInbound(Self.head)
    try served.writeInbound(HTTPRequestPart.end(nil))
    served.embeddedEventLoop.advanceTime(by: .seconds(300))  // the server may take its time
    #expect(served.isActive)
    try served.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
    try served.writeOutbound(HTTPResponsePart.end(nil))
    served.embeddedEventLoop.advanceTime(by: .seconds(21))
    #expect(!served.isActive)
  }

  @Test("forwarding headers count only from trusted proxies; the client is the first untrusted hop")
  func trustedProxies() throws {
    let proxies = TrustedProxies([try #require(AddressRange("10.0.0.0/8")), try #require(AddressRange("::1"))])
    var headers = HTTPFields()
    headers[HTTPField.Name("X-Forwarded-For")!] = "198.51.100.1, 203.0.113.9, 10.0.0.3"
    headers[HTTPField.Name("X-Forwarded-Proto")!] = "https"
    #expect(proxies.origin(peer: "10.0.0.2", headers: headers) == .init(address: "203.0.113.9", isHTTPS: true))
    #expect(proxies.origin(peer: "::1", headers: headers).address == "203.0.113.9")
    // From anyone else the headers are ignored: no dodging the per-address limit, no fake HTTPS.
    #expect(proxies.origin(peer: "203.0.113.50", headers: headers) == .init(address: "203.0.113.50", isHTTPS: false))
    headers[HTTPField.Name("X-Forwarded-For")!] = "garbage, 203.0.113.9"
    #expect(proxies.origin(peer: "10.0.0.2", headers: headers).address == "203.0.113.9")
  }

  @Test("plain HTTP on loopback: a trusted proxy's X-Forwarded-Proto: https makes the session cookie Secure")
  func secureCookieBehindProxy() async throws {
    for trusted in [true, false] {
      try await AppHarness.run { h in
        // Secure is the default (issue 16); only a server told it serves plain HTTP on loopback
        // leaves it to the proxy.
        var configuration = AppConfiguration(port: 0, bcryptCost: 4, runScheduler: false, plainHTTPOnLoopback: true)
        configuration.trustedProxies = trusted ? [AddressRange("127.0.0.1/32")!] : []
        let services = AppServices(
          store: h.store, sealer: h.services.sealer, configuration: configuration, logger: h.services.logger)
        let app = await AppBuilder.buildApplication(configuration: configuration, services: services)
        try await app.test(.live) { client in
          let reply = try await WebUITests.attemptSignIn(
            client, "agent@example.com", "correct horse battery", headers: [("X-Forwarded-Proto", "https")])
          #expect(reply.status == .seeOther)
          let cookie = reply.headers[values: .setCookie].first { $0.hasPrefix("assetsync_session=") } ?? ""
          #expect(cookie.contains("; Secure") == trusted, "\(cookie)")
          #expect(cookie.contains("HttpOnly"))
        }
      }
    }
  }

  @Test("over loopback: the server closes a connection that sends no request in time")
  func serverCutsSilentConnections() async throws {
    try await AppHarness.run { h in
      var configuration = AppConfiguration(port: 0, bcryptCost: 4, runScheduler: false)
      configuration.requestHeadTimeout = 1
      let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
      let app = await AppBuilder.buildApplication(configuration: configuration, services: h.services) {
        continuation.yield($0)
      }
      let server = Task { try await app.runService() }
      defer { server.cancel() }
      var iterator = ports.makeAsyncIterator()
      let port = try #require(await iterator.next())
      let closed = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: Void.self)
      let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connect(host: "127.0.0.1", port: port).get()
      channel.closeFuture.whenComplete { _ in closed.succeed() }
      try await channel.writeAndFlush(ByteBuffer(string: "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow:")).get()
      // No more bytes: the server must hang up by itself (the test would otherwise wait forever).
      try await closed.futureResult.get()
      #expect(!channel.isActive)
    }
  }

  @Test("sessions end 24 hours after signing in, however active")
  func absoluteSessionLifetime() async throws {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let clock = ManualClock(start: start, limit: start.addingTimeInterval(30 * 86_400))
    try await AppHarness.run(wallClock: clock) { h in
      try await h.test { client in
        let (cookie, _) = try await WebUITests.signIn(client, "agent@example.com")
        for hour in 1...23 {
          try await clock.sleep(until: start.addingTimeInterval(Double(hour) * 3_600))
          #expect(try await client.call(.get, "/assets", as: nil, headers: [("Cookie", cookie)]).status == .ok)
        }
        try await clock.sleep(until: start.addingTimeInterval(24 * 3_600 + 1))
        let ended = try await client.call(.get, "/assets", as: nil, headers: [("Cookie", cookie)])
        #expect(ended.status == .seeOther)
      }
    }
  }

  @Test("the token key file and the database are readable by their owner only")
  func ownerOnlyFiles() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assetsync-perm-\(UUID().uuidString)")
    let path = directory.appendingPathComponent("db.sqlite").path
    _ = try SQLiteAssetStore(path: path)
    _ = try TokenSealer.load(environment: [:], keyFile: path + ".key")
    for file in [path, path + ".key"] {
      #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600, "\(file)")
    }
  }
}
