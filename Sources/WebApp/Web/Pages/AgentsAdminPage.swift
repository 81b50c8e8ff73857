import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import Hummingbird

/// Admin › Agents & API keys: who can sign in and which keys work, and the means to revoke
/// either at once (R25). The rules live in `AgentAdministration`, shared with the CLI.
struct AgentsAdminPage {
  let services: AppServices
  let renderer: PageRenderer
  static let base = "/admin/agents"

  var administration: AgentAdministration {
    let work = services.passwordWork
    return AgentAdministration(store: services.store, hashPassword: { try await work.hash($0) }, now: services.now)
  }

  struct Model {
    var chrome: PageChrome
    var agents: [AgentRow]
    var keys: [KeyRow]
    var newKey: NewKey?
  }

  struct AgentRow {
    var id: Int64
    var name, email, role: String
    var active, isYou, canDisable: Bool
  }

  struct KeyRow {
    var key, agentEmail, created, status: String
    var active: Bool
  }

  struct NewKey {
    var agentEmail, key, code: String
  }

  func register(_ pages: RouterGroup<AppRequestContext>) {
    pages.get("admin/agents") { request, context -> Response in try await page(request, context) }
    pages.post("admin/agents/:id/disable") { request, context -> Response in
      try await act(request, context) { admin, actor, agent in
        try await admin.disable(agent, by: actor)
        return "\(agent.email) is disabled: signed out everywhere, API keys refused."
      }
    }
    pages.post("admin/agents/:id/enable") { request, context -> Response in
      try await act(request, context) { admin, _, agent in
        try await admin.enable(agent)
        return "\(agent.email) is enabled again."
      }
    }
    pages.post("admin/agents/:id/end-sessions") { request, context -> Response in
      try await act(request, context) { admin, _, agent in
        let ended = try await admin.endSessions(of: agent)
        return "Ended \(ended) session\(ended == 1 ? "" : "s") of \(agent.email)."
      }
    }
    pages.post("admin/agents/:id/password") { request, context -> Response in
      try await act(request, context) { admin, _, agent, form in
        try await admin.setPassword(agent, to: form.values["password"] ?? "")
        return "New password set for \(agent.email); their sessions ended."
      }
    }
    pages.post("admin/api-keys/:key/revoke") { request, context -> Response in
      _ = try context.requireAdmin()
      _ = try await WebForm.read(request, context)
      let revoked = try await administration.revoke(key: context.parameters.get("key") ?? "")
      return .seeOther(
        Self.base + "#api-keys", cookies: [Flash.set("Revoked \(revoked.key) of \(revoked.agent.email).")])
    }
    pages.post("admin/api-keys") { request, context -> Response in
      _ = try context.requireAdmin()
      let form = try await WebForm.read(request, context)
      guard let id = form["agent_id"].flatMap({ Int64($0) }) else {
        throw APIError.field("agent_id", "Choose an agent.")
      }
      let agent = try await administration.agent(id: id)
      guard agent.isActive else { throw APIError.field("agent_id", "\(agent.email) is disabled.") }
      let issued = try await APIKeyIssuer.issue(for: agent, store: services.store, at: services.now())
      // Shown on this answer only (never in a cookie or a redirect): the auth code exists once.
      return try await page(
        request, context, newKey: NewKey(agentEmail: agent.email, key: issued.key, code: issued.authCode),
        status: .created)
    }
  }

  func page(
    _ request: Request, _ context: AppRequestContext, newKey: NewKey? = nil, status: HTTPResponse.Status = .ok
  ) async throws -> Response {
    let actor = try context.requireAdmin()
    let (chrome, clear) = try PageChrome.forPage(context, request, title: "Agents & API keys", section: "agents")
    let agents = try await services.store.agents()
    let activeAdmins = agents.filter { $0.isAdmin && $0.isActive }.count
    let rows = agents.map { agent in
      AgentRow(
        id: agent.id, name: agent.name, email: agent.email, role: agent.role.rawValue, active: agent.isActive,
        isYou: agent.id == actor.id,
        canDisable: agent.id != actor.id && !(agent.isAdmin && activeAdmins <= 1))
    }
    let keys = try await services.store.apiKeys().map { key in
      KeyRow(
        key: key.key, agentEmail: key.agent.email, created: DisplayDate.text(key.createdAt),
        status: key.revokedAt != nil ? "Revoked \(DisplayDate.text(key.revokedAt))" : "Agent disabled",
        active: key.isActive)
    }
    return renderer.page("agents", Model(chrome: chrome, agents: rows, keys: keys, newKey: newKey), status: status)
      .with(cookies: [clear])
  }

  /// Runs an action on the agent named in the path, then shows the page with a notice.
  func act(
    _ request: Request, _ context: AppRequestContext,
    _ body: (AgentAdministration, Agent, Agent, WebForm) async throws -> String
  ) async throws -> Response {
    let actor = try context.requireAdmin()
    let form = try await WebForm.read(request, context)
    let agent = try await administration.agent(id: try request.id(context, what: "Agent"))
    let notice = try await body(administration, actor, agent, form)
    return .seeOther(Self.base + "#agent-\(agent.id)", cookies: [Flash.set(notice)])
  }

  func act(
    _ request: Request, _ context: AppRequestContext, _ body: (AgentAdministration, Agent, Agent) async throws -> String
  ) async throws -> Response {
    try await act(request, context) { admin, actor, agent, _ in try await body(admin, actor, agent) }
  }
}
