import AssetCore
import Hummingbird

/// Who may call a route: anyone, any signed-in agent, or admins only.
public enum RouteRole: String, Sendable, CaseIterable, Comparable {
  case `public`, agent, admin

  public static func < (lhs: RouteRole, rhs: RouteRole) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// The role a `SignedInContext` demands of its agent.
public protocol AccessRole: Sendable {
  /// The role routes of this context are recorded with.
  static var role: RouteRole { get }
  /// Whether `agent` may call routes of this role.
  static func admits(_ agent: Agent) -> Bool
}

/// Any signed-in, active agent (admins included).
public enum AgentAccess: AccessRole {
  public static var role: RouteRole { .agent }
  public static func admits(_ agent: Agent) -> Bool { true }
}

/// Admins only.
public enum AdminAccess: AccessRole {
  public static var role: RouteRole { .admin }
  public static func admits(_ agent: Agent) -> Bool { agent.isAdmin }
}

/// What every context of this app tells: the web session, if any (forms check its CSRF token),
/// and the connection's peer address (`TrustedProxies`).
public protocol SessionContext: RequestContext {
  var session: WebSession? { get }
  var peerAddress: String? { get }
}

extension AppRequestContext: SessionContext {}

/// The context of a route in an agent or admin group: built from the authenticated
/// `AppRequestContext` when a request reaches such a route, after the group's authentication
/// middleware. Building it is the one place a role is checked: a request without an agent is a
/// 401 and an agent the role does not admit a 403, before the handler runs. Handlers get the
/// agent as a value, never an optional, so a route cannot forget to check who calls it; it can
/// only be registered in the wrong group, which `RouteAuthorizationTests` holds against the
/// documented role of every route.
public struct SignedInContext<Access: AccessRole>: ChildRequestContext, SessionContext {
  public var coreContext: CoreRequestContextStorage
  /// The authenticated agent; an admin in an `AdminContext`.
  public let agent: Agent
  /// Set when the request came with a web session (not an API key).
  public let session: WebSession?
  /// The connection's peer address (see `AppRequestContext.peerAddress`).
  public let peerAddress: String?

  public init(context: AppRequestContext) throws {
    guard let agent = context.agent else { throw APIError.unauthorized }
    guard Access.admits(agent) else { throw APIError.forbidden("Only admins can do this.") }
    coreContext = context.coreContext
    self.agent = agent
    session = context.session
    peerAddress = context.peerAddress
  }
}

/// The context of routes any signed-in agent may call.
public typealias AgentContext = SignedInContext<AgentAccess>
/// The context of admin-only routes.
public typealias AdminContext = SignedInContext<AdminAccess>

extension SignedInContext where Access == AdminAccess {
  /// The signed-in admin.
  public var admin: Agent { agent }
}
