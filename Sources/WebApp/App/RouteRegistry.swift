import HTTPTypes
import Synchronization

/// Every route the router has, recorded as it is registered (by `APIRoutes` and `PageRoutes`,
/// the only ways routes are added): its method, path, query parameters, role and whether it is
/// an API route or a page. A test holds the OpenAPI document and the page list to exactly these
/// routes and roles, and calls each one with too small a role; a known API path asked with
/// another method answers 405 with `Allow`.
public final class RouteRegistry: Sendable {
  /// An API route (JSON, `openapi.yaml`) or a page of the web UI (HTML, forms).
  public enum Surface: String, Sendable {
    case api, page
  }

  /// One registered route.
  public struct Route: Sendable, Hashable {
    public let method: String
    /// The router's pattern: `/api/1.1/json/asset/:id`.
    public let path: String
    public let query: Set<String>
    public let role: RouteRole
    public let surface: Surface

    /// `METHOD /path/{param}` as OpenAPI writes it.
    public var documented: String { "\(method) \(RouteRegistry.documented(path))" }
  }

  private let entries = Mutex<[Route]>([])

  public init() {}

  func record(
    _ method: HTTPRequest.Method, _ path: String, query: Set<String> = [], role: RouteRole, surface: Surface = .api
  ) {
    let path = path.hasPrefix("/") ? path : "/" + path
    entries.withLock {
      $0.append(Route(method: method.rawValue, path: path, query: query, role: role, surface: surface))
    }
  }

  /// Every route, API and pages.
  public var all: [Route] { entries.withLock { $0 } }

  /// Every API route as `METHOD /path/{param}/`.
  public var routes: [String] { all.filter { $0.surface == .api }.map(\.documented) }

  /// The query parameters each API route takes, by `METHOD /path/{param}/`.
  public var queryParameters: [String: Set<String>] {
    Dictionary(all.filter { $0.surface == .api }.map { ($0.documented, $0.query) }) { first, _ in first }
  }

  /// The methods registered for API paths that match `path` (`:param` segments match any one
  /// segment; trailing slashes do not matter).
  func methods(matching path: String) -> [String] {
    let wanted = path.split(separator: "/")
    let methods = all.filter { entry in
      let pattern = entry.path.split(separator: "/")
      return entry.surface == .api && pattern.count == wanted.count
        && zip(pattern, wanted).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }.map(\.method)
    return Array(Set(methods)).sorted()
  }

  /// `/asset/:id` as OpenAPI writes it: `/asset/{id}`.
  static func documented(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: false).map { part in
      part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
    }.joined(separator: "/")
  }
}
