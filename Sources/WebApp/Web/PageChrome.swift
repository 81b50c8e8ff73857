import AssetCore
import Hummingbird

/// What every page's layout needs: the title, who is signed in, the CSRF token for forms, the
/// active section and a flash message. All stored properties: Mustache reads values by reflection,
/// which does not see computed properties.
struct PageChrome {
  var title: String
  var agentName: String
  var agentEmail: String
  var isAdmin: Bool
  var csrf: String
  var inAssets, inContacts, inTickets, inAdmin, inAgents, inTypes, inSignIn: Bool
  var notice: String?
  var error: String?

  init(title: String, agent: Agent, csrf: String, section: String, notice: String? = nil, error: String? = nil) {
    self.title = title
    agentName = agent.name
    agentEmail = agent.email
    isAdmin = agent.isAdmin
    self.csrf = csrf
    inAssets = section == "assets"
    inContacts = section == "contacts"
    inTickets = section == "tickets"
    inAdmin = section == "admin"
    inAgents = section == "agents"
    inTypes = section == "types"
    inSignIn = section == "sign-in"
    self.notice = notice
    self.error = error
  }

  /// The chrome of a page for the signed-in agent, with the pending flash message (a notice, or
  /// an error shown in the error style), and the cookie that clears that message once shown.
  static func forPage<Access>(
    _ context: SignedInContext<Access>, _ request: Request, title: String, section: String, error: String? = nil
  ) throws -> (chrome: PageChrome, clearFlash: Cookie?) {
    let flash = Flash.take(request)
    let chrome = PageChrome(
      title: title, agent: context.agent, csrf: context.session?.csrfToken ?? "", section: section,
      notice: flash.isError ? nil : flash.message, error: error ?? (flash.isError ? flash.message : nil))
    return (chrome, flash.clear)
  }
}
