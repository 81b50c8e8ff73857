import HTTPTypes
import Hummingbird

/// A group of web UI routes of one role that records what it registers: public pages (sign-in,
/// static files), or pages behind the web session for any agent or for admins only. The role
/// follows from the group's context type, so a page's role is the group it is registered in; no
/// handler checks it.
struct PageRoutes<Context: RequestContext> {
  typealias Handler = @Sendable (Request, Context) async throws -> Response
  let group: RouterGroup<Context>
  let role: RouteRole
  let registry: RouteRegistry

  func on(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
    registry.record(method, path, role: role, surface: .page)
    group.on(RouterPath(path), method: method, use: handler)
  }

  func get(_ path: String, _ handler: @escaping Handler) { on(.get, path, handler) }
  func post(_ path: String, _ handler: @escaping Handler) { on(.post, path, handler) }
}

extension PageRoutes where Context == AppRequestContext {
  /// Pages anyone may open: no session needed.
  init(publicPages group: RouterGroup<AppRequestContext>, registry: RouteRegistry) {
    self.init(group: group, role: .public, registry: registry)
  }
}

extension PageRoutes {
  /// Pages behind the web session, for the role of `Access`.
  init<Access: AccessRole>(signedIn group: RouterGroup<SignedInContext<Access>>, registry: RouteRegistry)
  where Context == SignedInContext<Access> {
    self.init(group: group, role: Access.role, registry: registry)
  }
}
