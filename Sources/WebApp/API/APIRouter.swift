import HTTPTypes
import Hummingbird
import Synchronization

/// Registers API routes and remembers each (method, path, query parameters), so a test can hold
/// the OpenAPI document to exactly the routes the server has, and so a known path asked with
/// another method answers 405 with `Allow`.
public final class RouteRegistry: Sendable {
  struct Entry: Sendable {
    let method: String
    let path: String
    let query: Set<String>
  }

  private let entries = Mutex<[Entry]>([])

  public init() {}

  func record(_ method: HTTPRequest.Method, _ path: String, query: Set<String> = []) {
    entries.withLock { $0.append(Entry(method: method.rawValue, path: path, query: query)) }
  }

  /// Every route as `METHOD /path/{param}/`.
  public var routes: [String] { entries.withLock { $0.map { "\($0.method) \(Self.documented($0.path))" } } }

  /// The query parameters each route takes, by `METHOD /path/{param}/`.
  public var queryParameters: [String: Set<String>] {
    entries.withLock { list in
      Dictionary(list.map { ("\($0.method) \(Self.documented($0.path))", $0.query) }) { first, _ in first }
    }
  }

  /// The methods registered for paths that match `path` (`:param` segments match any one
  /// segment; trailing slashes do not matter).
  func methods(matching path: String) -> [String] {
    let wanted = path.split(separator: "/")
    let methods = entries.withLock { list in
      list.filter { entry in
        let pattern = entry.path.split(separator: "/")
        return pattern.count == wanted.count && zip(pattern, wanted).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
      }.map(\.method)
    }
    return Array(Set(methods)).sorted()
  }

  /// `/asset/:id` as OpenAPI writes it: `/asset/{id}`.
  static func documented(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: false).map { part in
      part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
    }.joined(separator: "/")
  }
}

/// A router group under a path prefix that records what it registers. Each route names the
/// query parameters it takes; any other is refused with 400 (a typo such as `?pgae=2` must not
/// be silently ignored), after authentication.
struct APIRouter {
  typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response
  let group: RouterGroup<AppRequestContext>
  let prefix: String
  let registry: RouteRegistry

  func on(_ method: HTTPRequest.Method, _ path: String, query: Set<String>, _ handler: @escaping Handler) {
    registry.record(method, prefix + path, query: query)
    group.on(RouterPath(path), method: method) { request, context in
      let unknown = Set(request.uri.queryParameters.map { String($0.key) }).subtracting(query)
      if !unknown.isEmpty {
        throw APIError(
          fields: UnknownNames.fields(
            unknown, what: "query parameter",
            message: query.isEmpty ? "Unknown query parameter: this endpoint takes none." : "Unknown query parameter."))
      }
      return try await handler(request, context)
    }
  }

  func get(_ path: String, query: Set<String> = [], _ handler: @escaping Handler) {
    on(.get, path, query: query, handler)
  }
  func post(_ path: String, query: Set<String> = [], _ handler: @escaping Handler) {
    on(.post, path, query: query, handler)
  }
  func put(_ path: String, query: Set<String> = [], _ handler: @escaping Handler) {
    on(.put, path, query: query, handler)
  }
  func delete(_ path: String, query: Set<String> = [], _ handler: @escaping Handler) {
    on(.delete, path, query: query, handler)
  }
}
