import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// One ticket: its thread (who wrote what and when, private notes marked, what each entry
/// changed), a reply or private note (optionally changing the status), the ticket's properties
/// (status, priority, category, assignee, tags) and its linked assets.
struct TicketPage {
  typealias Option = TicketPages.Option
  let services: AppServices
  let renderer: PageRenderer
  var store: any AssetStore { services.store }

  struct Entry {
    var id: Int64
    var who, when, label: String
    var text: String?
    var isPrivate, byContact: Bool
    var changes: [String]
    var hasChanges: Bool
  }

  struct AssetItem {
    var id: Int64
    var name, displayID: String
    var managed: Bool
  }

  struct Model {
    var chrome: PageChrome
    var ticketID: Int64
    var displayID, subject, created, status, tags: String
    /// Whether there are tags (Mustache shows any string, even an empty one).
    var hasTags: Bool
    var completed: Bool
    var contactName: String?
    var contactID: Int64?
    var entries: [Entry]
    var statuses, replyStatuses, priorities, categories, assignees: [Option]
    var assets: [AssetItem]
    var hasAssets: Bool
    var csrf: String
  }

  func register(_ pages: RouterGroup<AppRequestContext>) {
    pages.get("tickets/:id") { request, context in try await show(request, context) }
    pages.post("tickets/:id/reply") { request, context in try await reply(request, context) }
    pages.post("tickets/:id/properties") { request, context in try await properties(request, context) }
    pages.post("tickets/:id/assets") { request, context in try await linkAsset(request, context) }
    pages.post("tickets/:id/assets/:asset/remove") { request, context in try await unlinkAsset(request, context) }
  }

  func ticket(_ request: Request, _ context: AppRequestContext) async throws -> Ticket {
    let id = try request.id(context, what: "Ticket")
    guard let ticket = try await store.ticket(id: id) else { throw APIError.notFound("Ticket \(id)") }
    return ticket
  }

  func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let ticket = try await ticket(request, context)
    let ticketContext = try await TicketContext.load(for: [ticket], store: store)
    let catalog = ticketContext.catalog
    var assets: [AssetItem] = []
    for assetID in ticket.assetIDs {
      if let asset = try await store.asset(id: assetID) {
        assets.append(AssetItem(id: asset.id, name: asset.name, displayID: asset.displayID, managed: asset.isManaged))
      }
    }
    let contact = ticket.contactID.flatMap { ticketContext.contacts[$0] }
    let agents = try await store.agents().filter { $0.isActive || $0.id == ticket.assigneeID }
    let status = catalog.status(ticket.statusID)
    let displayID = ticketContext.displayID(ticket)
    let (chrome, clear) = try PageChrome.forPage(
      context, request, title: "\(displayID) \(ticket.subject)", section: "tickets")
    func options<T: Identifiable>(_ items: [T], _ selected: Int64?, _ name: (T) -> String) -> [Option]
    where T.ID == Int64 {
      items.map { Option(value: String($0.id), label: name($0), selected: $0.id == selected) }
    }
    let model = Model(
      chrome: chrome, ticketID: ticket.id, displayID: displayID, subject: ticket.subject,
      created: DisplayDate.text(ticket.createdAt), status: status?.name ?? "—", tags: TicketTags.text(ticket.tags),
      hasTags: !ticket.tags.isEmpty,
      completed: status?.behavior == .completed, contactName: contact?.name, contactID: contact?.id,
      entries: (ticketContext.updates[ticket.id] ?? []).map { entry($0, ticketContext) },
      statuses: options(catalog.statuses, ticket.statusID, \.name),
      replyStatuses: [Option(value: "", label: "Keep status (\(status?.name ?? "—"))", selected: true)]
        + options(catalog.statuses, nil, \.name),
      priorities: options(catalog.priorities, ticket.priorityID, \.name),
      categories: options(catalog.categories, ticket.categoryID, \.name),
      assignees: [Option(value: "", label: "Unassigned", selected: ticket.assigneeID == nil)]
        + options(agents, ticket.assigneeID, \.name),
      assets: assets, hasAssets: !assets.isEmpty, csrf: chrome.csrf)
    return renderer.page("ticket", model).with(cookies: [clear])
  }

  func entry(_ update: TicketUpdate, _ context: TicketContext) -> Entry {
    let agent = update.byAgentID.flatMap { context.agents[$0] }
    let contact = update.byContactID.flatMap { context.contacts[$0] }
    let label: String =
      switch update.kind {
      case .created: "Created the ticket"
      case .staffUpdate: update.message == nil ? "Updated" : "Replied"
      case .privateNote: "Noted"
      case .userReply: "Contact reply"
      case .tags: "Tags"
      case .move: "Moved"
      }
    let catalog = context.catalog
    var changes: [String] = []
    func describe(_ title: String, _ change: TicketChanges.Change?, _ name: (Int64) -> String?) {
      guard let change else { return }
      changes.append(
        "\(title): \(change.old.flatMap(name) ?? "none") → \(change.new.flatMap(name) ?? "none")")
    }
    describe("Status", update.changes.status) { catalog.status($0)?.name }
    describe("Priority", update.changes.priority) { catalog.priority($0)?.name }
    describe("Category", update.changes.category) { catalog.category($0)?.name }
    describe("Assignee", update.changes.assignee) { context.agents[$0]?.name }
    if !update.changes.tagsAdded.isEmpty { changes.append("Tags added: \(TicketTags.text(update.changes.tagsAdded))") }
    if !update.changes.tagsRemoved.isEmpty {
      changes.append("Tags removed: \(TicketTags.text(update.changes.tagsRemoved))")
    }
    if update.changes.dueDateChanged { changes.append("Due date: \(update.changes.dueDateNew ?? "none")") }
    if let minutes = update.changes.timeSpent { changes.append("Time spent: \(minutes) min") }
    return Entry(
      id: update.id, who: agent?.name ?? contact?.name ?? "Someone", when: DisplayDate.text(update.at), label: label,
      text: update.message?.text, isPrivate: update.isPrivate, byContact: contact != nil && agent == nil,
      changes: changes, hasChanges: !changes.isEmpty)
  }

  func reply(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let agent = try context.requireAgent()
    let ticket = try await ticket(request, context)
    let isPrivate = form["private"] == "1"
    let message = TicketMessage.from(text: form["message"], html: nil)
    let status = form["status_id"].flatMap { Int64($0) }
    guard message != nil || status != nil else {
      return .seeOther("/tickets/\(ticket.id)", cookies: [Flash.set("Write a reply or a note first.")])
    }
    var action = TicketAction(
      kind: isPrivate && message != nil ? .privateNote : .staffUpdate, byAgentID: agent.id, message: message)
    action.statusID = status
    _ = try await store.applyTicketAction(ticket.id, action, at: services.now())
    let done = message == nil ? "Status changed." : isPrivate ? "Private note added." : "Reply added."
    return .seeOther("/tickets/\(ticket.id)#thread", cookies: [Flash.set(done)])
  }

  func properties(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let agent = try context.requireAgent()
    let ticket = try await ticket(request, context)
    let tags = TicketTags.parse(form["tags"] ?? "")
    var action = TicketAction(kind: .staffUpdate, byAgentID: agent.id)
    action.statusID = form["status_id"].flatMap { Int64($0) }
    action.priorityID = form["priority_id"].flatMap { Int64($0) }
    action.categoryID = form["category_id"].flatMap { Int64($0) }
    action.assignee = form["assignee_id"].flatMap { Int64($0) }.map(TicketAction.Assignee.assign) ?? .unassign
    action.addTags = tags
    action.removeTags = ticket.tags.filter { !tags.contains($0) }
    _ = try await store.applyTicketAction(ticket.id, action, at: services.now())
    return .seeOther("/tickets/\(ticket.id)", cookies: [Flash.set("Ticket updated.")])
  }

  func linkAsset(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let id = try request.id(context, what: "Ticket")
    guard let displayID = form["display_id"], let asset = try await AssetLookup.byDisplayID(displayID, store: store)
    else {
      return .seeOther("/tickets/\(id)", cookies: [Flash.set("No asset has that display ID.")])
    }
    try await store.linkTicket(id, toAsset: asset.id)
    return .seeOther("/tickets/\(id)", cookies: [Flash.set("Asset “\(asset.name)” linked.")])
  }

  func unlinkAsset(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    _ = try await WebForm.read(request, context)
    let id = try request.id(context, what: "Ticket")
    let assetID = try request.id(context, "asset", what: "Asset")
    try await store.unlinkTicket(id, fromAsset: assetID)
    return .seeOther("/tickets/\(id)", cookies: [Flash.set("Asset unlinked.")])
  }
}
