import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// Logs one warning when requests carry `X-Forwarded-For` or `Forwarded` while no
/// `--trusted-proxy` is set (issue 16): behind a proxy every client then shares the proxy's
/// address, so the sign-in throttle's per-address limit holds everyone back together, and
/// `X-Forwarded-Proto` is not believed. Installed only when no proxy is trusted.
struct ForwardedHeaderWarning: RouterMiddleware {
  typealias Context = AppRequestContext
  let logger: Logger
  /// Shared by the copies of this middleware (a struct): one warning per server.
  private let once = Once()

  final class Once: Sendable {
    let done = Atomic<Bool>(false)
  }

  init(logger: Logger) { self.logger = logger }

  static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
  static let forwarded = HTTPField.Name("Forwarded")!

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    if !once.done.load(ordering: .relaxed),
      request.headers[Self.forwardedFor] != nil || request.headers[Self.forwarded] != nil,
      !once.done.exchange(true, ordering: .relaxed)
    {
      logger.warning(
        "Requests carry X-Forwarded-For or Forwarded but no --trusted-proxy is set: every client counts as the proxy's address for the sign-in limits, and X-Forwarded-Proto is ignored. Name the proxy with --trusted-proxy.",
        metadata: ["peer": "\(context.peerAddress ?? "unknown")"])
    }
    return try await next(request, context)
  }
}
