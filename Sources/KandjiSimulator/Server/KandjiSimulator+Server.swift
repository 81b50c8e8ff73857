import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle

extension KandjiSimulator {
  /// The Hummingbird application that serves this tenant on `host:port` (port 0: any free
  /// port, reported to `onRunning`).
  public func makeApplication(
    host: String = "127.0.0.1", port: Int = 0, logger: Logger = Logger(label: "assetsync.simulator"),
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
      try await self.serve(request)
    }
    return Application(
      responder: responder,
      configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "kong/3.2.2"),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
      logger: logger)
  }

  /// Runs the simulator on a free loopback port for the duration of `body`, which receives the
  /// base URL (`http://127.0.0.1:PORT`); then shuts the server down gracefully.
  public func withRunningServer<T: Sendable>(
    host: String = "127.0.0.1", _ body: @Sendable (String) async throws -> T
  ) async throws -> T {
    var quiet = Logger(label: "assetsync.simulator")
    quiet.logLevel = .critical
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = makeApplication(host: host, port: 0, logger: quiet) { port in
      continuation.yield(port)
      continuation.finish()
    }
    let group = ServiceGroup(configuration: .init(services: [app], logger: quiet))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      var iterator = ports.makeAsyncIterator()
      guard let port = await iterator.next() else {
        await group.triggerGracefulShutdown()
        throw SimulatorServerError.didNotStart
      }
      let result: Result<T, any Error>
      do {
        result = .success(try await body("http://\(host):\(port)"))
      } catch {
        result = .failure(error)
      }
      holds.release(stopping: true)
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
      return try result.get()
    }
  }

  private func serve(_ request: Request) async throws -> Response {
    var query: [String: String] = [:]
    for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
    let authorization = request.headers[.authorization]
    if request.uri.path.hasPrefix("/_simulator/") {
      let answer = control(
        method: request.method.rawValue, path: request.uri.path, query: query, authorization: authorization)
      return Self.httpResponse(answer)
    }
    let answer = respond(
      to: SimulatorRequest(
        method: request.method.rawValue, path: request.uri.path, query: query, authorization: authorization,
        host: request.head.authority))
    if answer.held { await holds.hold() }
    // On the simulator's clock: real time live, virtual time in tests (where the client judges
    // its timeout by the clock's answer delays).
    if answer.delay > .zero { try await clock.delayAnswer(by: answer.delay) }
    return Self.httpResponse(answer)
  }

  private static func httpResponse(_ answer: SimulatorResponse) -> Response {
    var headers = HTTPFields()
    for (name, value) in answer.headers {
      if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
    }
    let bytes = ByteBuffer(string: answer.body)
    let status = HTTPResponse.Status(code: answer.status)
    guard answer.truncated else { return Response(status: status, headers: headers, body: .init(byteBuffer: bytes)) }
    // Promise the whole body, send half, then fail the write so the connection is cut.
    let half = bytes.getSlice(at: 0, length: bytes.readableBytes / 2) ?? bytes
    let body = ResponseBody(contentLength: bytes.readableBytes) { writer in
      try await writer.write(half)
      throw SimulatorServerError.truncatedOnPurpose
    }
    return Response(status: status, headers: headers, body: body)
  }
}

/// Errors of the simulator's HTTP server itself.
public enum SimulatorServerError: Error, CustomStringConvertible {
  case didNotStart
  case truncatedOnPurpose

  public var description: String {
    switch self {
    case .didNotStart: "the Kandji simulator did not start"
    case .truncatedOnPurpose: "the response was cut off on purpose (fault injection)"
    }
  }
}
