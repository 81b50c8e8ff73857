import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// One contact: phones with their types, groups (join or leave), assets and tickets.
struct ContactPage {
  let services: AppServices
  let renderer: PageRenderer
  var store: any ContactStore & AssetRecordStore & TicketStore & AgentStore { services.store }

  struct PhoneItem {
    var number, type: String
    var primary: Bool
  }

  struct GroupItem {
    var id: Int64
    var name, domains: String
  }

  struct AssetItem {
    var id: Int64
    var name, displayID: String
    var managed: Bool
  }

  struct Model {
    var chrome: PageChrome
    var contactID: Int64
    var name, email: String
    var phones: [PhoneItem]
    var hasPhones: Bool
    var groups: [GroupItem]
    var hasGroups: Bool
    var groupChoices: [GroupItem]
    var hasGroupChoices: Bool
    var assets: [AssetItem]
    var hasAssets: Bool
    var tickets: [TicketPages.TicketRow]
    var hasTickets: Bool
    var csrf: String
  }

  func register(_ pages: PageRoutes<AgentContext>) {
    pages.get("contacts/:id") { request, context in try await show(request, context) }
    pages.post("contacts/:id/groups") { request, context in try await join(request, context) }
    pages.post("contacts/:id/groups/:group/remove") { request, context in try await leave(request, context) }
  }

  func show(_ request: Request, _ context: AgentContext) async throws -> Response {
    let id = try request.id(context, what: "Contact")
    guard let contact = try await store.contact(id: id) else { throw APIError.notFound("Contact \(id)") }
    let profile = try await store.contactProfiles(ids: [id])[id] ?? ContactProfile()
    let joined = Set(profile.groups.map(\.group.id))
    let others = try await store.contactGroups().filter { !joined.contains($0.id) }
    let assets = try await store.assets(AssetQuery(contactID: id, page: 1, size: 100)).items
    let tickets = try await store.tickets(TicketQuery(contactID: id, page: 1, size: 50)).items
    let ticketContext = try await TicketContext.load(for: tickets, store: store, withUpdates: false)
    let (chrome, clear) = try PageChrome.forPage(context, request, title: contact.name, section: "contacts")
    let groups = profile.groups.map { GroupItem(id: $0.group.id, name: $0.group.name, domains: $0.group.taggedDomains) }
    return renderer.page(
      "contact",
      Model(
        chrome: chrome, contactID: id, name: contact.name, email: contact.email,
        phones: contact.phones.map { PhoneItem(number: $0.number, type: $0.type.label, primary: $0.isPrimary) },
        hasPhones: !contact.phones.isEmpty, groups: groups, hasGroups: !groups.isEmpty,
        groupChoices: others.map { GroupItem(id: $0.id, name: $0.name, domains: $0.taggedDomains) },
        hasGroupChoices: !others.isEmpty,
        assets: assets.map { AssetItem(id: $0.id, name: $0.name, displayID: $0.displayID, managed: $0.isManaged) },
        hasAssets: !assets.isEmpty, tickets: tickets.map { TicketPages.row($0, ticketContext) },
        hasTickets: !tickets.isEmpty, csrf: chrome.csrf)
    ).with(cookies: [clear])
  }

  func join(_ request: Request, _ context: AgentContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let id = try request.id(context, what: "Contact")
    guard let group = form["group_id"].flatMap({ Int64($0) }) else {
      return .seeOther("/contacts/\(id)", cookies: [Flash.error("Choose a group.")])
    }
    _ = try await store.addGroupMembers(groupID: group, [GroupMemberDraft(contactID: id)])
    return .seeOther("/contacts/\(id)#groups", cookies: [Flash.set("Added to the group.")])
  }

  func leave(_ request: Request, _ context: AgentContext) async throws -> Response {
    _ = try await WebForm.read(request, context)
    let id = try request.id(context, what: "Contact")
    let group = try request.id(context, "group", what: "Contact group")
    _ = try await store.removeGroupMembers(groupID: group, contactIDs: [id])
    return .seeOther("/contacts/\(id)#groups", cookies: [Flash.set("Removed from the group.")])
  }
}
