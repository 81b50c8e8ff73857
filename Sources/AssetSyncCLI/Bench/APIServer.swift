import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import WebApp

/// The real server (`AppBuilder.buildApplication`) on a free loopback port, for as long as `body`
/// runs.
enum APIServer {
  static func serving(_ services: AppServices, _ body: @Sendable (Int) async throws -> Void) async throws {
    let configuration = AppConfiguration(host: "127.0.0.1", port: 0, runScheduler: false, logLevel: .error)
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = await AppBuilder.buildApplication(configuration: configuration, services: services) { port in
      continuation.yield(port)
    }
    var logger = Logger(label: "assetsync.bench")
    logger.logLevel = .error
    let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      var iterator = ports.makeAsyncIterator()
      guard let port = await iterator.next() else { throw CLIError("The server did not start.") }
      do {
        try await body(port)
      } catch {
        await group.triggerGracefulShutdown()
        throw error
      }
      // A graceful stop, as on SIGTERM: the server closes its connections and returns.
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
    }
  }
}
