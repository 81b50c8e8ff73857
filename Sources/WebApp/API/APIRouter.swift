import HTTPTypes
import Hummingbird
import Synchronization

/// Registers API routes and remembers each (method, path), so a test can hold the OpenAPI
/// document to exactly the routes the server has.
public final class RouteRegistry: Sendable {
  private let entries = Mutex<[(method: String, path: String)]>([])

  public init() {}

  func record(_ method: HTTPRequest.Method, _ path: String) {
    entries.withLock { $0.append((method.rawValue, path)) }
  }

  /// Every route as `METHOD /path/{param}/`.
  public var routes: [String] {
    entries.withLock { list in
      list.map { entry in
        let path = entry.path.split(separator: "/", omittingEmptySubsequences: false).map { part in
          part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
        return "\(entry.method) \(path)"
      }
    }
  }
}

/// A router group under a path prefix that records what it registers.
struct APIRouter {
  typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response
  let group: RouterGroup<AppRequestContext>
  let prefix: String
  let registry: RouteRegistry

  func on(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
    registry.record(method, prefix + path)
    group.on(RouterPath(path), method: method, use: handler)
  }

  func get(_ path: String, _ handler: @escaping Handler) { on(.get, path, handler) }
  func post(_ path: String, _ handler: @escaping Handler) { on(.post, path, handler) }
  func put(_ path: String, _ handler: @escaping Handler) { on(.put, path, handler) }
  func delete(_ path: String, _ handler: @escaping Handler) { on(.delete, path, handler) }
}
