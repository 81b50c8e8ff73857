import AssetCore

/// What every page's layout needs: the title, who is signed in, the CSRF token for forms, the
/// active section and a flash message.
struct PageChrome {
  var title: String
  var agentName: String
  var agentEmail: String
  var isAdmin: Bool
  var csrf: String
  var section: String
  var notice: String?
  var error: String?

  init(title: String, agent: Agent, csrf: String, section: String, notice: String? = nil, error: String? = nil) {
    self.title = title
    agentName = agent.name
    agentEmail = agent.email
    isAdmin = agent.isAdmin
    self.csrf = csrf
    self.section = section
    self.notice = notice
    self.error = error
  }

  var inAssets: Bool { section == "assets" }
  var inContacts: Bool { section == "contacts" }
  var inTickets: Bool { section == "tickets" }
  var inAdmin: Bool { section == "admin" }
}
