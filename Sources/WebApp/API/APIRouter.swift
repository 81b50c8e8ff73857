import HTTPTypes
import Hummingbird

/// The API's routes under one path prefix, behind the authentication of `group`, in two
/// groups: `agents` (any signed-in agent) and `admins` (admins only). A route's role is the group
/// it is registered in; no handler checks it.
struct APIRouter {
  let agents: APIRoutes<AgentAccess>
  let admins: APIRoutes<AdminAccess>

  init(group: RouterGroup<AppRequestContext>, prefix: String, registry: RouteRegistry) {
    agents = APIRoutes(group: group.group(context: AgentContext.self), prefix: prefix, registry: registry)
    admins = APIRoutes(group: group.group(context: AdminContext.self), prefix: prefix, registry: registry)
  }
}

/// A group of API routes of one role that records what it registers. Each route names the query
/// parameters it takes; any other is refused with 400 (a typo such as `?pgae=2` must not be
/// silently ignored), after authentication and the role check.
struct APIRoutes<Access: AccessRole> {
  typealias Context = SignedInContext<Access>
  typealias Handler = @Sendable (Request, Context) async throws -> Response
  let group: RouterGroup<Context>
  let prefix: String
  let registry: RouteRegistry

  func on(_ method: HTTPRequest.Method, _ path: String, query: Set<String>, _ handler: @escaping Handler) {
    registry.record(method, prefix + path, query: query, role: Access.role)
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
