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
    /// Long threads are paged: the newest `threadPageSize` entries, and links to older and back.
    var olderURL, newerURL: String?
    var threadTotal: Int
    var threadShown: String?
    /// A refused reply or property change, with what was sent, shown on its form.
    var replyText = ""
    var replyPrivate = false
    var replyError, tagsError: String?
    var tagsInput: String
    /// The requester's synced devices (issue 20), each linkable with one click.
    var requesterDevices: [RequesterDevices.Device] = []
    var hasRequesterDevices = false
    /// The asset to link, searched as the agent types (issue 20); posts the display ID.
    var assetPicker = Picker.asset(inputID: "display_id", label: "Asset to link", hideLabel: true, required: true)
  }

  /// Entries of the thread on one page: the ticket page stays small however long the thread.
  static let threadPageSize = 25

  func register(_ pages: PageRoutes<AgentContext>) {
    pages.get("tickets/:id") { request, context in try await show(request, context) }
    pages.post("tickets/:id/reply") { request, context in try await reply(request, context) }
    pages.post("tickets/:id/properties") { request, context in try await properties(request, context) }
    pages.post("tickets/:id/assets") { request, context in try await linkAsset(request, context) }
    pages.post("tickets/:id/assets/:asset/remove") { request, context in try await unlinkAsset(request, context) }
  }

  func ticket(_ request: Request, _ context: AgentContext) async throws -> Ticket {
    let id = try request.id(context, what: "Ticket")
    guard let ticket = try await store.ticket(id: id) else { throw APIError.notFound("Ticket \(id)") }
    return ticket
  }

  func show(_ request: Request, _ context: AgentContext) async throws -> Response {
    let ticket = try await ticket(request, context)
    let (model, clear) = try await model(ticket, request, context)
    return renderer.page("ticket", model).with(cookies: [clear])
  }

  /// The ticket page's model; `?before=<update id>` pages to older entries of the thread.
  func model(_ ticket: Ticket, _ request: Request, _ context: AgentContext) async throws -> (Model, Cookie?) {
    let before = request.uri.queryParameters["before"].flatMap { Int64($0) }
    let thread = try await store.ticketThread(ticketID: ticket.id, before: before, limit: Self.threadPageSize)
    let ticketContext = try await TicketContext.load(for: [ticket], store: store, withUpdates: false)
    let writers = Set(thread.updates.compactMap(\.byContactID)).subtracting(ticketContext.contacts.keys)
    var contacts = ticketContext.contacts
    for contact in try await store.contacts(ids: writers.sorted()) { contacts[contact.id] = contact }
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
    let paged = thread.hasOlder || before != nil
    var model = Model(
      chrome: chrome, ticketID: ticket.id, displayID: displayID, subject: ticket.subject,
      created: DisplayDate.text(ticket.createdAt), status: status?.name ?? "—", tags: TicketTags.text(ticket.tags),
      hasTags: !ticket.tags.isEmpty,
      completed: status?.behavior == .completed, contactName: contact?.name, contactID: contact?.id,
      entries: thread.updates.map { entry($0, ticketContext, contacts: contacts) },
      statuses: options(catalog.statuses, ticket.statusID, \.name),
      replyStatuses: [Option(value: "", label: "Keep status (\(status?.name ?? "—"))", selected: true)]
        + options(catalog.statuses, nil, \.name),
      priorities: options(catalog.priorities, ticket.priorityID, \.name),
      categories: options(catalog.categories, ticket.categoryID, \.name),
      assignees: [Option(value: "", label: "Unassigned", selected: ticket.assigneeID == nil)]
        + options(agents, ticket.assigneeID, \.name),
      assets: assets, hasAssets: !assets.isEmpty, csrf: chrome.csrf,
      olderURL: thread.hasOlder ? thread.updates.first.map { "/tickets/\(ticket.id)?before=\($0.id)#thread" } : nil,
      newerURL: before == nil ? nil : "/tickets/\(ticket.id)#thread", threadTotal: thread.total,
      threadShown: paged ? "Showing \(thread.updates.count) of \(thread.total) updates." : nil,
      tagsInput: TicketTags.text(ticket.tags))
    model.requesterDevices = try await RequesterDevices.load(contactID: contact?.id, ticket: ticket, services: services)
    model.hasRequesterDevices = !model.requesterDevices.isEmpty
    return (model, clear)
  }

  /// The ticket page again with a refused form's problem beside it (400).
  func refused(
    _ ticket: Ticket, _ request: Request, _ context: AgentContext, _ change: (inout Model) -> Void
  ) async throws -> Response {
    var (model, _) = try await model(ticket, request, context)
    change(&model)
    model.chrome.error = "Not saved: check the highlighted field."
    return renderer.page("ticket", model, status: .badRequest)
  }

  func entry(_ update: TicketUpdate, _ context: TicketContext, contacts: [Int64: Contact]) -> Entry {
    let agent = update.byAgentID.flatMap { context.agents[$0] }
    let contact = update.byContactID.flatMap { contacts[$0] }
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

  /// A reply or private note, read by the API's rules for a message (`TextRules.ticketMessage`):
  /// a refused one comes back on the form with the reason and the text as sent.
  func reply(_ request: Request, _ context: AgentContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let agent = context.agent
    let ticket = try await ticket(request, context)
    let input = FormInput(form)
    let isPrivate = form["private"] == "1"
    let text = input.text("message", TextRules.ticketMessage)
    if let problem = input.problem("message") {
      return try await refused(ticket, request, context) {
        $0.replyError = problem
        $0.replyText = form.values["message"] ?? ""
        $0.replyPrivate = isPrivate
        let status = form.values["status_id"] ?? ""
        $0.replyStatuses = $0.replyStatuses.map {
          Option(value: $0.value, label: $0.label, selected: $0.value == status)
        }
      }
    }
    let message = TicketMessage.from(text: text, html: nil)
    let status = form["status_id"].flatMap { Int64($0) }
    guard message != nil || status != nil else {
      return .seeOther("/tickets/\(ticket.id)", cookies: [Flash.error("Write a reply or a note first.")])
    }
    var action = TicketAction(
      kind: isPrivate && message != nil ? .privateNote : .staffUpdate, byAgentID: agent.id, message: message)
    action.statusID = status
    do {
      _ = try await store.applyTicketAction(ticket.id, action, at: services.now())
    } catch let full as TicketThreadFull {
      return try await refused(ticket, request, context) {
        $0.replyError = full.description
        $0.replyText = text ?? ""
      }
    }
    let done = message == nil ? "Status changed." : isPrivate ? "Private note added." : "Reply added."
    return .seeOther("/tickets/\(ticket.id)#thread", cookies: [Flash.set(done)])
  }

  /// Status, priority, category, assignee and tags; tags are read as the API reads them
  /// (`TextRules.tag`: one line each, at most 100 of at most 100 characters).
  func properties(_ request: Request, _ context: AgentContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let agent = context.agent
    let ticket = try await ticket(request, context)
    let input = FormInput(form)
    guard let sent = input.list("tags") else {
      return try await refused(ticket, request, context) {
        $0.tagsError = input.problem("tags")
        $0.tagsInput = form.values["tags"] ?? ""
        // The other properties as chosen, not as stored.
        func keep(_ options: [Option], _ key: String) -> [Option] {
          let sent = form.values[key] ?? ""
          return options.map { Option(value: $0.value, label: $0.label, selected: $0.value == sent) }
        }
        $0.statuses = keep($0.statuses, "status_id")
        $0.priorities = keep($0.priorities, "priority_id")
        $0.categories = keep($0.categories, "category_id")
        $0.assignees = keep($0.assignees, "assignee_id")
      }
    }
    let tags = TicketTags.unique(sent)
    var action = TicketAction(kind: .staffUpdate, byAgentID: agent.id)
    action.statusID = form["status_id"].flatMap { Int64($0) }
    action.priorityID = form["priority_id"].flatMap { Int64($0) }
    action.categoryID = form["category_id"].flatMap { Int64($0) }
    action.assignee = form["assignee_id"].flatMap { Int64($0) }.map(TicketAction.Assignee.assign) ?? .unassign
    action.addTags = tags
    action.removeTags = ticket.tags.filter { !tags.contains($0) }
    do {
      _ = try await store.applyTicketAction(ticket.id, action, at: services.now())
    } catch let full as TicketThreadFull {
      return .seeOther("/tickets/\(ticket.id)", cookies: [Flash.error(full.description)])
    }
    return .seeOther("/tickets/\(ticket.id)", cookies: [Flash.set("Ticket updated.")])
  }

  func linkAsset(_ request: Request, _ context: AgentContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let ticket = try await ticket(request, context)
    let id = ticket.id
    let asset: Asset
    switch try await PickerLookup.asset(text: form["display_id"], store: store) {
    case .found(let found): asset = found
    case .empty:
      return try await refused(ticket, request, context) {
        $0.assetPicker = $0.assetPicker.keeping(
          text: nil, error: "Type an asset's display ID, name or serial and choose one.")
      }
    case .unknown(let problem):
      return try await refused(ticket, request, context) {
        $0.assetPicker = $0.assetPicker.keeping(text: form.values["display_id"], error: problem)
      }
    }
    try await store.linkTicket(id, toAsset: asset.id, at: services.now(), by: context.agent.id)
    return .seeOther("/tickets/\(id)", cookies: [Flash.set("Asset “\(asset.name)” linked.")])
  }

  func unlinkAsset(_ request: Request, _ context: AgentContext) async throws -> Response {
    _ = try await WebForm.read(request, context)
    let id = try request.id(context, what: "Ticket")
    let assetID = try request.id(context, "asset", what: "Asset")
    try await store.unlinkTicket(id, fromAsset: assetID, at: services.now(), by: context.agent.id)
    return .seeOther("/tickets/\(id)", cookies: [Flash.set("Asset unlinked.")])
  }
}
