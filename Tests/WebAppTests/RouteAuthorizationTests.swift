import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import WebApp
import Yams

/// Every route's role, read from the router's own registry (filled as routes are registered in
/// their group), held to `openapi.yaml` for the API and to the page list below for the web UI,
/// and enforced over HTTP: a new route is covered the moment it is registered.
@Suite("Authorization by route group: every route's role documented and enforced")
struct RouteAuthorizationTests {
  /// The web UI's pages and why each has its role. Public: what a signed-out browser needs.
  /// Admin: settings of the whole instance (types, Kandji, agents, keys, sign-in). Agent: the
  /// helpdesk work every agent does.
  static let pages: [String: RouteRole] = [
    "GET /": .public,  // redirects to /assets (or on to sign-in)
    "GET /static/:file": .public,  // CSS and scripts the sign-in page needs too
    "GET /login": .public, "POST /login": .public, "POST /logout": .public,  // signing in and out
    "GET /login/oidc": .public, "GET /login/oidc/callback": .public,  // single sign-on
    "GET /assets": .agent, "GET /assets/new": .agent, "POST /assets": .agent, "GET /assets/:id": .agent,
    "GET /assets/:id/edit": .agent, "POST /assets/:id/edit": .agent, "POST /assets/:id/delete": .agent,
    "POST /assets/:id/contacts": .agent, "POST /assets/:id/contacts/:contact/remove": .agent,
    "POST /assets/:id/tickets": .agent, "POST /assets/:id/tickets/new": .agent, "POST /assets/:id/refresh": .agent,
    "GET /contacts": .agent, "POST /contacts": .agent, "POST /contact-groups": .agent, "GET /contacts/:id": .agent,
    "POST /contacts/:id/groups": .agent, "POST /contacts/:id/groups/:group/remove": .agent,
    "GET /tickets": .agent, "POST /tickets": .agent, "GET /tickets/:id": .agent, "POST /tickets/:id/reply": .agent,
    "POST /tickets/:id/properties": .agent, "POST /tickets/:id/assets": .agent,
    "POST /tickets/:id/assets/:asset/remove": .agent,
    "GET /search": .agent, "GET /pick/contacts": .agent, "GET /pick/assets": .agent, "GET /pick/tickets": .agent,
    "GET /admin/asset-types": .admin, "POST /admin/asset-types": .admin, "GET /admin/asset-types/:id": .admin,
    "POST /admin/asset-types/:id": .admin, "POST /admin/asset-types/:id/delete": .admin,
    "POST /admin/asset-types/:id/fields": .admin, "POST /admin/asset-types/:id/fields/:field": .admin,
    "POST /admin/asset-types/:id/fields/:field/delete": .admin,
    "GET /admin/apps/kandji": .admin, "POST /admin/apps/kandji/install": .admin,
    "POST /admin/apps/kandji/tenants": .admin, "GET /admin/apps/kandji/tenants/:id": .admin,
    "GET /admin/apps/kandji/tenants/:id/preview": .admin, "POST /admin/apps/kandji/tenants/:id/authorize": .admin,
    "POST /admin/apps/kandji/tenants/:id/mapping": .admin, "POST /admin/apps/kandji/tenants/:id/sync": .admin,
    "POST /admin/apps/kandji/tenants/:id/schedule": .admin, "POST /admin/apps/kandji/tenants/:id/pacing": .admin,
    "POST /admin/apps/kandji/tenants/:id/disable": .admin, "POST /admin/apps/kandji/tenants/:id/enable": .admin,
    "POST /admin/apps/kandji/tenants/:id/remove": .admin, "POST /admin/apps/kandji/tenants/:id/scope": .admin,
    "POST /admin/apps/kandji/tenants/:id/fields": .admin,
    "GET /admin/agents": .admin, "POST /admin/agents": .admin, "POST /admin/agents/:id/role": .admin,
    "POST /admin/agents/:id/disable": .admin, "POST /admin/agents/:id/enable": .admin,
    "POST /admin/agents/:id/end-sessions": .admin, "POST /admin/agents/:id/password": .admin,
    "POST /admin/api-keys/:key/revoke": .admin, "POST /admin/api-keys": .admin,
    "GET /admin/sign-in": .admin, "POST /admin/sign-in": .admin, "POST /admin/sign-in/disable": .admin,
  ]

  /// The routes the router registers (`buildRouter` fills the registry as it adds them).
  static func registered() async throws -> [RouteRegistry.Route] {
    try await AppHarness.run(devices: 1, backends: [.sqlite]) { h in try await h.test { _ in h.registry.all } }
  }

  /// The role `openapi.yaml` gives each operation: public for `security: []`, admin when its
  /// summary says "admin only", agent otherwise.
  static func documentedRoles() throws -> [String: RouteRole] {
    let text = try String(contentsOf: OpenAPITests.documentURL, encoding: .utf8)
    let document = try #require(try Yams.load(yaml: text) as? [String: Any])
    let paths = try #require(document["paths"] as? [String: Any])
    var roles: [String: RouteRole] = [:]
    for (path, item) in paths {
      for (method, operation) in item as? [String: Any] ?? [:] {
        guard let operation = operation as? [String: Any] else { continue }
        let summary = (operation["summary"] as? String ?? "") + " " + (operation["description"] as? String ?? "")
        let role: RouteRole =
          (operation["security"] as? [Any])?.isEmpty == true
          ? .public : summary.contains("admin only") ? .admin : .agent
        roles["\(method.uppercased()) \(OpenAPITests.trimmed(path))"] = role
      }
    }
    return roles
  }

  /// A concrete path for a route pattern: every parameter is 1 (the role is checked before any
  /// lookup, so whether row 1 exists does not matter).
  static func concrete(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: false).map { $0.hasPrefix(":") ? "1" : String($0) }
      .joined(separator: "/")
  }

  @Test func everyAPIRouteHasTheRoleOpenAPIDocuments() async throws {
    let documented = try Self.documentedRoles()
    let api = try await Self.registered().filter { $0.surface == .api }
    #expect(!api.isEmpty)
    for route in api {
      let key = OpenAPITests.trimmed(route.documented)
      #expect(
        documented[key] == route.role,
        "\(key): served as \(route.role), documented as \(String(describing: documented[key]))")
    }
    #expect(api.filter { $0.role == .public }.map(\.path) == ["/health"])
  }

  @Test func everyPageHasTheRoleOfThePageList() async throws {
    let pages = try await Self.registered().filter { $0.surface == .page }
    let served = Dictionary(pages.map { ("\($0.method) \($0.path)", $0.role) }) { first, _ in first }
    #expect(served.count == pages.count, "a page registered twice")
    for (page, role) in served.sorted(by: { $0.key < $1.key }) {
      #expect(Self.pages[page] == role, "\(page): served as \(role), listed as \(String(describing: Self.pages[page]))")
    }
    #expect(Set(Self.pages.keys).subtracting(served.keys).sorted() == [], "listed but not served")
  }

  /// Every admin route answers an agent 403, and every non-public route answers a caller
  /// without credentials 401 (API) or a redirect to the sign-in page (pages).
  @Test func everyRouteRefusesTooSmallARole() async throws {
    try await AppHarness.run(devices: 1, backends: [.sqlite]) { h in
      try await h.test { client in
        _ = try await client.call(.get, "/health", as: nil)
        let routes = h.registry.all.filter { $0.role != .public }
        #expect(routes.count > 100)
        let agentSession = try await WebUITests.signIn(client, "agent@example.com")
        for route in routes {
          let path = Self.concrete(route.path)
          let method = HTTPRequest.Method(route.method)!
          let anonymous = try await client.call(method, path, as: nil)
          switch route.surface {
          case .api: #expect(anonymous.status == .unauthorized, "\(route.method) \(route.path)")
          case .page:
            #expect(anonymous.status == .seeOther, "\(route.method) \(route.path)")
            #expect(anonymous.headers[.location]?.hasPrefix("/login") == true, "\(route.method) \(route.path)")
          }
          guard route.role == .admin else { continue }
          let asAgent =
            switch route.surface {
            case .api: try await client.call(method, path, as: h.agent)
            case .page: try await client.call(method, path, as: nil, headers: [("Cookie", agentSession.cookie)])
            }
          #expect(asAgent.status == .forbidden, "\(route.method) \(route.path) as an agent")
        }
      }
    }
  }
}
