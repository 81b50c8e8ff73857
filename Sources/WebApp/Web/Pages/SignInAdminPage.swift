import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import Hummingbird
import SingleSignOn

/// Admin › Sign-in: the single sign-on settings of `assetsync sso set` (issue 22), admin only. The
/// client secret is write-only: the page says whether one is stored, never what it is. The rules
/// live in `SingleSignOnSetup`, shared with the CLI.
struct SignInAdminPage {
  let services: AppServices
  let renderer: PageRenderer
  static let base = "/admin/sign-in"

  struct Model {
    var chrome: PageChrome
    var enabled: Bool
    var name, issuer, clientID, allowedDomains, emailClaim, redirectURI: String
    var secretStored: Bool
    var createOff, createAgent, createAdmin: Bool
    var passwordSignIn, allowInsecure: Bool
    var admins: [AdminOption]
    var formError: String?
  }

  struct AdminOption {
    var id: Int64
    var email: String
    var selected: Bool
  }

  var setup: SingleSignOnSetup {
    SingleSignOnSetup(store: services.store, sealer: services.sealer, clock: services.clock)
  }

  func register(_ pages: PageRoutes<AdminContext>) {
    pages.get("admin/sign-in") { request, context -> Response in try await page(request, context) }
    pages.post("admin/sign-in") { request, context -> Response in
      let form = try await WebForm.read(request, context)
      let create: AgentRole?? =
        switch form["create_agents"] {
        case "agent": .some(.agent)
        case "admin": .some(.admin)
        default: .some(nil)
        }
      let change = SingleSignOnSetup.Change(
        issuer: form["issuer"] ?? "", clientID: form["client_id"] ?? "", clientSecret: form["client_secret"],
        name: form["name"] ?? "SSO",
        allowedDomains: (form["allowed_domains"] ?? "").split(separator: ",").map(String.init),
        createAgents: create, passwordSignIn: form["password_sign_in"] == "on",
        emailClaim: form["email_claim"] ?? "email", allowInsecureIssuer: form["allow_insecure_issuer"] == "on")
      do {
        let saved = try await setup.save(change)
        await services.singleSignOn.directory.forget(issuer: saved.issuer)
        if let id = form["break_glass"].flatMap({ Int64($0) }), let agent = try await services.store.agent(id: id) {
          try await setup.setBreakGlass(email: agent.email)
        }
      } catch let refusal as SingleSignOnSetup.Refusal {
        return try await page(request, context, error: refusal.message, status: .badRequest)
      }
      return .seeOther(Self.base, cookies: [Flash.set("Single sign-on settings saved.")])
    }
    pages.post("admin/sign-in/disable") { request, context -> Response in
      _ = try await WebForm.read(request, context)
      try await setup.disable()
      return .seeOther(Self.base, cookies: [Flash.set("Single sign-on is off; every agent signs in with a password.")])
    }
  }

  func page(
    _ request: Request, _ context: AdminContext, error: String? = nil, status: HTTPResponse.Status = .ok
  ) async throws -> Response {
    let (chrome, clear) = try PageChrome.forPage(context, request, title: "Sign-in", section: "sign-in")
    let settings = try await services.store.singleSignOnSettings()
    let admins = try await services.store.agents().filter { $0.isAdmin && $0.isActive }.map {
      AdminOption(id: $0.id, email: $0.email, selected: $0.id == settings?.breakGlassAgentID)
    }
    let redirect = services.publicURL.url.map {
      ($0.hasSuffix("/") ? String($0.dropLast()) : $0) + "/login/oidc/callback"
    }
    let model = Model(
      chrome: chrome, enabled: settings?.enabled ?? false, name: settings?.name ?? "SSO",
      issuer: settings?.issuer ?? "", clientID: settings?.clientID ?? "",
      allowedDomains: settings?.allowedDomains.joined(separator: ", ") ?? "",
      emailClaim: settings?.emailClaim ?? "email",
      redirectURI: redirect ?? "(start the server with --public-url to use single sign-on)",
      secretStored: settings != nil, createOff: settings?.createAgents == nil,
      createAgent: settings?.createAgents == .agent, createAdmin: settings?.createAgents == .admin,
      passwordSignIn: settings?.passwordSignIn ?? true, allowInsecure: settings?.allowInsecureIssuer ?? false,
      admins: admins, formError: error)
    return renderer.page("sign-in-admin", model, status: status).with(cookies: [clear])
  }
}
