import Hummingbird
import Logging

/// Turns every error into an answer once, at the edge: known errors into their 4xx with a
/// clear message, Hummingbird's own (404 for an unknown path, 405, …) into the same JSON shape,
/// and anything else into a 500 whose details stay in the log. Counts every answer for metrics.
struct ErrorMiddleware: RouterMiddleware {
  typealias Context = AppRequestContext
  let metrics: AppMetrics
  let logger: Logger
  /// The API's routes: a known path asked with another method is a 405 naming the allowed ones.
  let registry: RouteRegistry

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    let response: Response
    do {
      response = try await next(request, context)
    } catch {
      response = try Self.response(for: error, request: request, context: context, logger: logger, registry: registry)
    }
    metrics.countRequest(method: request.method.rawValue, status: Int(response.status.code))
    return response
  }

  static func response(
    for error: any Error, request: Request, context: Context, logger: Logger, registry: RouteRegistry
  ) throws -> Response {
    if let known = APIError.from(error) { return try known.response(from: request, context: context) }
    if let http = error as? HTTPError, http.status == .notFound {
      let allowed = registry.methods(matching: request.uri.path)
      if !allowed.isEmpty {
        var refusal = APIError(
          .methodNotAllowed, "\(request.method.rawValue) is not allowed here; use \(allowed.joined(separator: ", ")).")
        refusal.headers = [("Allow", allowed.joined(separator: ", "))]
        return try refusal.response(from: request, context: context)
      }
    }
    if let http = error as? HTTPError, http.status == .notFound, !request.uri.path.hasPrefix("/api/"),
      request.headers[.accept]?.contains("text/html") == true
    {
      // A browser that followed a stale link gets a page, not JSON.
      var headers = HTTPFields()
      headers[.contentType] = "text/html; charset=utf-8"
      let html = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found · AssetSync</title>
        <link rel="stylesheet" href="/static/app.css"></head><body class="login-body"><main class="login-card">
        <h1>Not found</h1><p>That page does not exist.</p><p><a class="button" href="/assets">Go to assets</a></p>
        </main></body></html>
        """
      return Response(status: .notFound, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
    if let http = error as? HTTPError {
      let message =
        http.status == .notFound
        ? "No such endpoint: \(request.method.rawValue) \(request.uri.path)"
        : http.body
          ?? http.status.reasonPhrase
      return try APIError(http.status, message).response(from: request, context: context)
    }
    if let http = error as? any HTTPResponseError, http.status.code < 500 {
      return try APIError(http.status, http.status.reasonPhrase).response(from: request, context: context)
    }
    logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
    return try APIError(.internalServerError, "Something went wrong on the server; the details are in its log.")
      .response(from: request, context: context)
  }
}
