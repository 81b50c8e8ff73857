import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// Tickets: the list (filtered by status, category and assignee), a new ticket, and the ticket
/// page with its thread (replies and private notes, who and when), its status, priority,
/// category, assignee and tags, and its linked assets.
struct TicketPages {
  let services: AppServices
  let renderer: PageRenderer
  var store: any AssetStore { services.store }

  struct Option {
    var value: String
    var label: String
    var selected: Bool
  }

  struct TicketRow {
    var id: Int64
    var displayID, subject, status, priority, category, contact, assignee, updated: String
    var completed: Bool
    var assetCount: Int
  }

  struct TicketsModel {
    var chrome: PageChrome
    var rows: [TicketRow]
    var hasRows: Bool
    var from, to, total: Int
    var prevURL, nextURL: String?
    var statusFilter, categoryFilter, assigneeFilter: [Option]
    var categories, priorities: [Option]
    var subject, message: String
    var subjectError, messageError: String?
    /// The new ticket's contact and asset, searched as the agent types (issue 20).
    var contactPicker: Picker
    var assetPicker: Picker
  }

  func register(_ pages: PageRoutes<AgentContext>) {
    pages.get("tickets") { request, context in try await list(request, context) }
    pages.post("tickets") { request, context in try await create(request, context) }
    TicketPage(services: services, renderer: renderer).register(pages)
  }

  /// Filters as the list's query says: `status` (`_pending` or an id), `category`, `assignee`
  /// (`none` or an id).
  struct Filters {
    var status = "", category = "", assignee = ""

    init(_ request: Request) {
      let query = request.uri.queryParameters
      status = query["status"].map(String.init) ?? ""
      category = query["category"].map(String.init) ?? ""
      assignee = query["assignee"].map(String.init) ?? ""
    }

    func apply(to query: inout TicketQuery) {
      if status == "_pending" {
        query.statuses = .pending
      } else if let id = Int64(status) {
        query.statuses = .ids([id])
      }
      query.categoryID = Int64(category)
      if assignee == "none" { query.assigneeID = .some(nil) } else if let id = Int64(assignee) { query.assigneeID = id }
    }

    func url(page: Int) -> String {
      var parts = ["page=\(page)"]
      for (key, value) in [("status", status), ("category", category), ("assignee", assignee)] where !value.isEmpty {
        parts.append("\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
      }
      return "/tickets?" + parts.joined(separator: "&")
    }
  }

  func model(_ request: Request, _ context: AgentContext) async throws -> (TicketsModel, Cookie?) {
    let filters = Filters(request)
    var query = TicketQuery(
      page: max(1, request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1), size: 50)
    filters.apply(to: &query)
    let page = try await store.tickets(query)
    let ticketContext = try await TicketContext.load(for: page.items, store: store, withUpdates: false)
    let catalog = ticketContext.catalog
    let agents = try await store.agents().filter(\.isActive)
    let first = page.items.isEmpty ? 0 : (page.page - 1) * page.size + 1
    let (chrome, clear) = try PageChrome.forPage(context, request, title: "Tickets", section: "tickets")
    let model = TicketsModel(
      chrome: chrome, rows: page.items.map { Self.row($0, ticketContext) }, hasRows: !page.items.isEmpty, from: first,
      to: first + max(0, page.items.count - 1), total: page.total,
      prevURL: page.page > 1 ? filters.url(page: page.page - 1) : nil,
      nextURL: page.page < page.pageCount ? filters.url(page: page.page + 1) : nil,
      statusFilter: [Option(value: "", label: "All statuses", selected: filters.status.isEmpty)]
        + [Option(value: "_pending", label: "Pending (not completed)", selected: filters.status == "_pending")]
        + catalog.statuses.map {
          Option(value: String($0.id), label: $0.name, selected: filters.status == String($0.id))
        },
      categoryFilter: [Option(value: "", label: "All categories", selected: filters.category.isEmpty)]
        + catalog.categories.map {
          Option(value: String($0.id), label: $0.name, selected: filters.category == String($0.id))
        },
      assigneeFilter: [
        Option(value: "", label: "Anyone", selected: filters.assignee.isEmpty),
        Option(value: "none", label: "Unassigned", selected: filters.assignee == "none"),
      ] + agents.map { Option(value: String($0.id), label: $0.name, selected: filters.assignee == String($0.id)) },
      categories: catalog.categories.map { Option(value: String($0.id), label: $0.name, selected: false) },
      priorities: catalog.priorities.map { Option(value: String($0.id), label: $0.name, selected: $0.isDefault) },
      subject: "", message: "", contactPicker: .contact(label: "Contact (optional)"),
      assetPicker: .asset(inputID: "asset_display_id", label: "Asset (optional)"))
    return (model, clear)
  }

  static func row(_ ticket: Ticket, _ context: TicketContext) -> TicketRow {
    let status = context.catalog.status(ticket.statusID)
    return TicketRow(
      id: ticket.id, displayID: context.displayID(ticket), subject: ticket.subject, status: status?.name ?? "—",
      priority: context.catalog.priority(ticket.priorityID)?.name ?? "—",
      category: context.catalog.category(ticket.categoryID)?.name ?? "—",
      contact: ticket.contactID.flatMap { context.contacts[$0]?.name } ?? "—",
      assignee: ticket.assigneeID.flatMap { context.agents[$0]?.name } ?? "Unassigned",
      updated: DisplayDate.text(ticket.lastUpdatedAt), completed: status?.behavior == .completed,
      assetCount: ticket.assetIDs.count)
  }

  func list(_ request: Request, _ context: AgentContext) async throws -> Response {
    let (model, clear) = try await model(request, context)
    return renderer.page("tickets", model).with(cookies: [clear])
  }

  /// A new ticket, its subject and message read by the API's rules (`TextRules`), its contact
  /// and asset as the pickers sent them (`PickerLookup`), each refusal beside its field.
  func create(_ request: Request, _ context: AgentContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let agent = context.agent
    var (model, _) = try await model(request, context)
    let input = FormInput(form)
    let subject = input.text("subject", TextRules.ticketSubject, required: true)
    let message = input.text("message", TextRules.ticketMessage)
    model.subject = form["subject"] ?? ""
    model.message = form.values["message"] ?? ""
    // Every choice as sent, so a refused form keeps the contact, asset, category and priority too.
    func keep(_ options: inout [Option], _ key: String) {
      guard let sent = form.values[key] else { return }
      options = options.map { Option(value: $0.value, label: $0.label, selected: $0.value == sent) }
    }
    keep(&model.categories, "category_id")
    keep(&model.priorities, "priority_id")
    model.subjectError = input.problem("subject")
    model.messageError = input.problem("message")
    var contactID: Int64?
    var contactError: String?
    switch try await PickerLookup.contact(id: form["contact_id"], text: form["contact"], store: store) {
    case .empty: break
    case .found(let contact): contactID = contact.id
    case .unknown(let problem): contactError = problem
    }
    model.contactPicker = model.contactPicker.keeping(
      text: form.values["contact"], hiddenValue: contactID.map(String.init), error: contactError)
    var assetIDs: [Int64] = []
    var assetError: String?
    switch try await PickerLookup.asset(text: form["asset_display_id"], store: store) {
    case .empty: break
    case .found(let asset): assetIDs = [asset.id]
    case .unknown(let problem): assetError = problem
    }
    model.assetPicker = model.assetPicker.keeping(text: form.values["asset_display_id"], error: assetError)
    if model.subject.isEmpty { model.subjectError = "Enter a subject." }
    guard let subject, contactError == nil, assetError == nil, model.subjectError == nil, model.messageError == nil
    else {
      model.chrome.error = "The ticket was not created: check the highlighted field."
      return renderer.page("tickets", model, status: .badRequest)
    }
    let ticket = try await store.createTicket(
      TicketDraft(
        subject: subject, contactID: contactID,
        priorityID: form["priority_id"].flatMap { Int64($0) }, categoryID: form["category_id"].flatMap { Int64($0) },
        assetIDs: assetIDs, createdBy: agent.id, message: TicketMessage.from(text: message, html: nil),
        messageByAgent: true), at: services.now())
    let number = try await TicketNumber.text(ticket, store: store)
    return .seeOther("/tickets/\(ticket.id)", cookies: [Flash.set("Ticket \(number) created.")])
  }
}

/// Finding an asset by its exact display ID (forms take display IDs, people know them).
enum AssetLookup {
  /// The asset with this display ID; without regard to case, diacritics, quotes or repeated
  /// spaces when no asset has it exactly (issue 20). One store query (`asset(displayID:)`), so
  /// it is found however many other assets contain the text.
  static func byDisplayID(_ displayID: String, store: any AssetRecordStore) async throws -> Asset? {
    try await store.asset(displayID: displayID)
  }
}
