import AssetCore
import AssetStore
import AssetSyncApplication
import Foundation
import HTTPTypes
import Hummingbird

/// Admin › Agents & API keys: who can sign in and which keys work, and the means to revoke
/// either at once (R25). The rules live in `AgentAdministration`, shared with the CLI.
///
/// New agents get a generated initial password and new keys an auth code, each shown once on the
/// page after the redirect (`RevealCookie`: POST → 303 → GET, so a reload creates nothing and
/// shows nothing). Disabling an agent and revoking a key ask first (`Confirmation`).
struct AgentsAdminPage {
  let services: AppServices
  let renderer: PageRenderer
  let secureCookies: Bool
  let reveal: RevealCookie
  static let base = "/admin/agents"

  init(services: AppServices, renderer: PageRenderer, secureCookies: Bool) {
    self.services = services
    self.renderer = renderer
    self.secureCookies = secureCookies
    reveal = RevealCookie(key: services.sealer.derivedKey(for: RevealCookie.purpose))
  }

  var administration: AgentAdministration { services.application.accounts.administration }

  struct Model {
    var chrome: PageChrome
    var agents: [AgentRow]
    var keys: [KeyRow]
    var newKey: NewSecret?
    var newAgent: NewSecret?
    /// The new agent's form as typed, and why it was refused.
    var name = "", email = ""
    var roles: [TicketPages.Option]
    var nameError, emailError: String?
  }

  struct AgentRow {
    var id: Int64
    var name, email, role: String
    var active, isYou, canDisable, isAdmin: Bool
    /// Another agent's role can be changed (never your own).
    var canChangeRole: Bool
    var passwordError: String?
  }

  struct KeyRow {
    var key, agentEmail, created, status: String
    var active: Bool
  }

  struct NewSecret {
    var agentEmail: String
    var key: String?
    var secret: String
  }

  func register(_ pages: PageRoutes<AdminContext>) {
    pages.get("admin/agents") { request, context -> Response in try await page(request, context) }
    pages.post("admin/agents") { request, context -> Response in try await create(request, context) }
    pages.post("admin/agents/:id/role") { request, context -> Response in
      try await act(request, context) { admin, actor, agent, form in
        guard let role = form["role"].flatMap(AgentRole.init(rawValue:)) else {
          throw StoreError.invalid(field: "role", message: "Choose admin or agent.")
        }
        let changed = try await admin.setRole(agent, to: role, by: actor)
        return "\(changed.email) is now \(changed.isAdmin ? "an admin" : "an agent")."
      }
    }
    pages.post("admin/agents/:id/disable") { request, context -> Response in
      try await act(
        request, context,
        confirm: { agent in
          Confirmation(
            heading: "Disable \(agent.email)?",
            message:
              "\(agent.name) is signed out everywhere at once and cannot sign in; their API keys are refused from the "
              + "next request on. Nothing is deleted: enabling them again restores their keys.",
            action: "\(Self.base)/\(agent.id)/disable", button: "Yes, disable \(agent.email)",
            cancelURL: "\(Self.base)#agent-\(agent.id)")
        }
      ) { admin, actor, agent, _ in
        try await admin.disable(agent, by: actor)
        return "\(agent.email) is disabled: signed out everywhere, API keys refused."
      }
    }
    pages.post("admin/agents/:id/enable") { request, context -> Response in
      try await act(request, context) { admin, _, agent, _ in
        try await admin.enable(agent)
        return "\(agent.email) is enabled again."
      }
    }
    pages.post("admin/agents/:id/end-sessions") { request, context -> Response in
      try await act(request, context) { admin, _, agent, _ in
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
    pages.post("admin/api-keys/:key/revoke") { request, context -> Response in try await revoke(request, context) }
    pages.post("admin/api-keys") { request, context -> Response in try await createKey(request, context) }
  }

  /// A new agent with a generated initial password, shown once on the page after the redirect.
  func create(_ request: Request, _ context: AdminContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let input = FormInput(form)
    let name = input.text("name", TextRules.personName, required: true)
    let email = input.text("email", TextRules.email, required: true)
    let role = form["role"].flatMap(AgentRole.init(rawValue:)) ?? .agent
    var nameError = input.problem("name")
    var emailError =
      input.problem("email") ?? (email.map { $0.contains("@") } == false ? "Enter an email address." : nil)
    if let name, let email, nameError == nil, emailError == nil {
      do {
        let (agent, password) = try await administration.create(email: email, name: name, role: role)
        let cookie = try reveal.cookie(
          .init(kind: .password, agentEmail: agent.email, secret: password),
          sessionToken: context.session?.csrfToken ?? "", now: services.now(), secure: secureCookies)
        return .seeOther(
          Self.base + "#new-agent",
          cookies: [cookie, Flash.set("\(agent.email) can sign in now with the initial password below.")])
      } catch let error as StoreError {
        switch error {
        case .invalid(let field, let message) where field == "name": nameError = message
        case .invalid(_, let message): emailError = message
        case .duplicateEmail: emailError = "An agent with this email already exists."
        default: throw error
        }
      }
    }
    return try await page(request, context, status: .badRequest) {
      $0.name = form.values["name"] ?? ""
      $0.email = form.values["email"] ?? ""
      $0.roles = Self.roles(selected: role)
      $0.nameError = nameError
      $0.emailError = emailError
      $0.chrome.error = "The agent was not created: check the highlighted field."
    }
  }

  /// A new API key: created on POST, its auth code shown once on the page after the redirect.
  func createKey(_ request: Request, _ context: AdminContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    guard let id = form["agent_id"].flatMap({ Int64($0) }) else {
      return .seeOther(Self.base + "#api-keys", cookies: [Flash.error("Choose an agent for the new key.")])
    }
    let agent = try await administration.agent(id: id)
    guard agent.isActive else {
      return .seeOther(Self.base + "#api-keys", cookies: [Flash.error("\(agent.email) is disabled.")])
    }
    let issued = try await services.application.accounts.issueAPIKey(for: agent)
    let cookie = try reveal.cookie(
      .init(kind: .apiKey, agentEmail: agent.email, key: issued.key, secret: issued.authCode),
      sessionToken: context.session?.csrfToken ?? "", now: services.now(), secure: secureCookies)
    return .seeOther(Self.base + "#new-key", cookies: [cookie])
  }

  func revoke(_ request: Request, _ context: AdminContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let key = context.parameters.get("key") ?? ""
    guard let record = try await services.store.apiKeys().first(where: { $0.key == key }) else {
      throw APIError.notFound("API key \(key)")
    }
    if Confirmation.needed(form) {
      return try Confirmation(
        heading: "Revoke \(record.key)?",
        message:
          "Scripts and HappyFox clients using this key of \(record.agent.email) are refused from the next request on, "
          + "on every server. A revoked key cannot be restored; create a new one instead.",
        action: "/admin/api-keys/\(record.key)/revoke", button: "Yes, revoke the key",
        cancelURL: Self.base + "#api-keys"
      ).page(renderer, request, context, section: "agents")
    }
    let revoked = try await administration.revoke(key: key)
    return .seeOther(
      Self.base + "#api-keys", cookies: [Flash.set("Revoked \(revoked.key) of \(revoked.agent.email).")])
  }

  static func roles(selected: AgentRole) -> [TicketPages.Option] {
    [
      TicketPages.Option(value: AgentRole.agent.rawValue, label: "Agent", selected: selected == .agent),
      TicketPages.Option(value: AgentRole.admin.rawValue, label: "Admin", selected: selected == .admin),
    ]
  }

  func page(
    _ request: Request, _ context: AdminContext, status: HTTPResponse.Status = .ok,
    _ change: (inout Model) -> Void = { _ in }
  ) async throws -> Response {
    let actor = context.admin
    let (chrome, clear) = try PageChrome.forPage(context, request, title: "Agents & API keys", section: "agents")
    let agents = try await services.store.agents()
    let activeAdmins = agents.filter { $0.isAdmin && $0.isActive }.count
    let rows = agents.map { agent in
      AgentRow(
        id: agent.id, name: agent.name, email: agent.email, role: agent.isAdmin ? "Admin" : "Agent",
        active: agent.isActive, isYou: agent.id == actor.id,
        canDisable: agent.id != actor.id && !(agent.isAdmin && activeAdmins <= 1), isAdmin: agent.isAdmin,
        canChangeRole: agent.id != actor.id && !(agent.isAdmin && agent.isActive && activeAdmins <= 1))
    }
    let keys = try await services.store.apiKeys().map { key in
      KeyRow(
        key: key.key, agentEmail: key.agent.email, created: DisplayDate.text(key.createdAt),
        status: key.revokedAt != nil ? "Revoked \(DisplayDate.text(key.revokedAt))" : "Agent disabled",
        active: key.isActive)
    }
    // A secret from the POST before the redirect, shown once (only on a plain page load).
    var cookies = [clear]
    var shown: RevealCookie.Secret?
    if status == .ok, request.cookies[RevealCookie.name] != nil {
      shown = await reveal.take(request, sessionToken: context.session?.csrfToken ?? "", now: services.now())
      cookies.append(reveal.clear(secure: secureCookies))
    }
    var model = Model(
      chrome: chrome, agents: rows, keys: keys,
      newKey: shown.flatMap {
        $0.kind == .apiKey ? NewSecret(agentEmail: $0.agentEmail, key: $0.key, secret: $0.secret) : nil
      },
      newAgent: shown.flatMap { $0.kind == .password ? NewSecret(agentEmail: $0.agentEmail, secret: $0.secret) : nil },
      roles: Self.roles(selected: .agent))
    change(&model)
    return renderer.page("agents", model, status: status).with(cookies: cookies)
  }

  /// Runs an action on the agent named in the path (after asking, when `confirm` gives a
  /// question), then shows the page with a notice; a refusal (the last admin, a short password)
  /// comes back as an error notice at the agent's row, or beside the password field.
  func act(
    _ request: Request, _ context: AdminContext, confirm: ((Agent) -> Confirmation)? = nil,
    _ body: (AgentAdministration, Agent, Agent, WebForm) async throws -> String
  ) async throws -> Response {
    let actor = context.admin
    let form = try await WebForm.read(request, context)
    let agent = try await administration.agent(id: try request.id(context, what: "Agent"))
    if let confirm, Confirmation.needed(form) {
      return try confirm(agent).page(renderer, request, context, section: "agents")
    }
    do {
      let notice = try await body(administration, actor, agent, form)
      return .seeOther(Self.base + "#agent-\(agent.id)", cookies: [Flash.set(notice)])
    } catch StoreError.invalid(let field, let message) {
      guard field == "password" else {
        return .seeOther(Self.base + "#agent-\(agent.id)", cookies: [Flash.error(message)])
      }
      return try await page(request, context, status: .badRequest) { model in
        model.agents = model.agents.map { row in
          var row = row
          if row.id == agent.id { row.passwordError = message }
          return row
        }
        model.chrome.error = "The password of \(agent.email) was not changed: \(message)"
      }
    }
  }
}
