import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// Contacts and tickets: list, create, view; link tickets to assets.
struct HelpdeskPages {
  let services: AppServices
  let renderer: PageRenderer
  var store: any AssetStore { services.store }

  struct ContactRow {
    var id: Int64
    var name, email, phones: String
  }

  struct AssetItem {
    var id: Int64
    var name, displayID: String
    var managed: Bool
  }

  struct TicketRow {
    var id: Int64
    var subject, status, contact, created: String
    var assetCount: Int
  }

  struct ContactsModel {
    var chrome: PageChrome
    var query: String
    var rows: [ContactRow]
    var hasRows: Bool
    var from, to, total: Int
    var prevURL, nextURL: String?
    var name, email, phone: String
    var nameError, emailError: String?
  }

  struct ContactModel {
    var chrome: PageChrome
    var contact: ContactRow
    var assets: [AssetItem]
    var hasAssets: Bool
    var tickets: [TicketRow]
    var hasTickets: Bool
  }

  struct Choice {
    var id: Int64
    var name, email: String
  }

  struct TicketsModel {
    var chrome: PageChrome
    var rows: [TicketRow]
    var hasRows: Bool
    var from, to, total: Int
    var prevURL, nextURL: String?
    var contactChoices: [Choice]
    var subject, assetDisplayID: String
    var subjectError, assetError: String?
  }

  struct StatusChoice {
    var value: String
    var selected: Bool
  }

  struct TicketSummary {
    var id: Int64
    var subject, created: String
    var contactName: String?
    var contactID: Int64?
  }

  struct TicketModel {
    var chrome: PageChrome
    var ticket: TicketSummary
    var ticketID: Int64
    var csrf: String
    var statuses: [StatusChoice]
    var assets: [AssetItem]
    var hasAssets: Bool
  }

  func register(_ pages: RouterGroup<AppRequestContext>) {
    pages.get("contacts") { request, context in try await contacts(request, context) }
    pages.post("contacts") { request, context in try await createContact(request, context) }
    pages.get("contacts/:id") { request, context in try await contact(request, context) }
    pages.get("tickets") { request, context in try await tickets(request, context) }
    pages.post("tickets") { request, context in try await createTicket(request, context) }
    pages.get("tickets/:id") { request, context in try await ticket(request, context) }
    pages.post("tickets/:id/status") { request, context in try await setStatus(request, context) }
    pages.post("tickets/:id/assets") { request, context in try await linkAsset(request, context) }
    pages.post("tickets/:id/assets/:asset/remove") { request, context in try await unlinkAsset(request, context) }
  }

  func chrome(_ context: AppRequestContext, _ title: String, _ section: String, _ request: Request) throws -> (
    PageChrome, Cookie?
  ) {
    try PageChrome.forPage(context, request, title: title, section: section)
  }

  static func row(_ contact: Contact) -> ContactRow {
    ContactRow(id: contact.id, name: contact.name, email: contact.email, phones: contact.phones.joined(separator: ", "))
  }

  func contactsModel(_ request: Request, _ context: AppRequestContext) async throws -> (ContactsModel, Cookie?) {
    let query = request.uri.queryParameters["q"].map(String.init) ?? ""
    let pageNumber = max(1, request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1)
    let page = try await store.contacts(ContactQuery(search: query.isEmpty ? nil : query, page: pageNumber, size: 50))
    let first = page.items.isEmpty ? 0 : (page.page - 1) * page.size + 1
    let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    let (chrome, clear) = try chrome(context, "Contacts", "contacts", request)
    return (
      ContactsModel(
        chrome: chrome, query: query, rows: page.items.map(Self.row), hasRows: !page.items.isEmpty, from: first,
        to: first + max(0, page.items.count - 1), total: page.total,
        prevURL: page.page > 1 ? "/contacts?q=\(encoded)&page=\(page.page - 1)" : nil,
        nextURL: page.page < page.pageCount ? "/contacts?q=\(encoded)&page=\(page.page + 1)" : nil, name: "", email: "",
        phone: ""), clear
    )
  }

  func contacts(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let (model, clear) = try await contactsModel(request, context)
    return renderer.page("contacts", model).with(cookies: [clear])
  }

  func createContact(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let name = form["name"] ?? ""
    let email = form["email"] ?? ""
    let phone = form["phone"]
    do {
      let contact = try await store.createContact(
        name: name, email: email, phones: phone.map { [$0] } ?? [], at: services.now())
      return .seeOther("/contacts/\(contact.id)", cookies: [Flash.set("Contact added.")])
    } catch let error as StoreError {
      var (model, _) = try await contactsModel(request, context)
      model.name = name
      model.email = email
      model.phone = phone ?? ""
      switch error {
      case .invalid(let field, let message) where field == "name": model.nameError = message
      case .invalid(_, let message): model.emailError = message
      case .duplicateEmail: model.emailError = "A contact with this email already exists."
      default: throw error
      }
      return renderer.page("contacts", model, status: .badRequest)
    }
  }

  func contact(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let id = try request.id(context, what: "Contact")
    guard let contact = try await store.contact(id: id) else { throw APIError.notFound("Contact \(id)") }
    let assets = try await store.assets(AssetQuery(contactID: id, page: 1, size: 100)).items
    let tickets = try await store.tickets(TicketQuery(contactID: id, page: 1, size: 50)).items
    let (chrome, clear) = try chrome(context, contact.name, "contacts", request)
    return renderer.page(
      "contact",
      ContactModel(
        chrome: chrome, contact: Self.row(contact),
        assets: assets.map { AssetItem(id: $0.id, name: $0.name, displayID: $0.displayID, managed: $0.isManaged) },
        hasAssets: !assets.isEmpty, tickets: try await rows(tickets), hasTickets: !tickets.isEmpty)
    ).with(cookies: [clear])
  }

  func rows(_ tickets: [Ticket]) async throws -> [TicketRow] {
    var rows: [TicketRow] = []
    for ticket in tickets {
      let contact = try await ticket.contactID.asyncMap { try await store.contact(id: $0) } ?? nil
      rows.append(
        TicketRow(
          id: ticket.id, subject: ticket.subject, status: ticket.status.rawValue, contact: contact?.name ?? "—",
          created: DisplayDate.text(ticket.createdAt), assetCount: ticket.assetIDs.count))
    }
    return rows
  }

  func ticketsModel(_ request: Request, _ context: AppRequestContext) async throws -> (TicketsModel, Cookie?) {
    let pageNumber = max(1, request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1)
    let page = try await store.tickets(TicketQuery(page: pageNumber, size: 50))
    let first = page.items.isEmpty ? 0 : (page.page - 1) * page.size + 1
    let contacts = try await store.contacts(ContactQuery(page: 1, size: 200)).items
    let (chrome, clear) = try chrome(context, "Tickets", "tickets", request)
    return (
      TicketsModel(
        chrome: chrome, rows: try await rows(page.items), hasRows: !page.items.isEmpty, from: first,
        to: first + max(0, page.items.count - 1), total: page.total,
        prevURL: page.page > 1 ? "/tickets?page=\(page.page - 1)" : nil,
        nextURL: page.page < page.pageCount ? "/tickets?page=\(page.page + 1)" : nil,
        contactChoices: contacts.map { Choice(id: $0.id, name: $0.name, email: $0.email) }, subject: "",
        assetDisplayID: ""), clear
    )
  }

  func tickets(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let (model, clear) = try await ticketsModel(request, context)
    return renderer.page("tickets", model).with(cookies: [clear])
  }

  func createTicket(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let agent = try context.requireAgent()
    var (model, _) = try await ticketsModel(request, context)
    model.subject = form["subject"] ?? ""
    model.assetDisplayID = form["asset_display_id"] ?? ""
    var assetIDs: [Int64] = []
    if let displayID = form["asset_display_id"] {
      if let asset = try await store.assets(AssetQuery(search: displayID, page: 1, size: 50)).items.first(where: {
        $0.displayID == displayID
      }) {
        assetIDs = [asset.id]
      } else {
        model.assetError = "No asset has the display ID “\(displayID)”."
      }
    }
    if model.subject.isEmpty { model.subjectError = "Enter a subject." }
    if model.assetError != nil || model.subjectError != nil {
      return renderer.page("tickets", model, status: .badRequest)
    }
    let ticket = try await store.createTicket(
      TicketDraft(
        subject: model.subject, status: .new, contactID: form["contact_id"].flatMap { Int64($0) }, assetIDs: assetIDs,
        createdBy: agent.id), at: services.now())
    return .seeOther("/tickets/\(ticket.id)", cookies: [Flash.set("Ticket #\(ticket.id) created.")])
  }

  func ticket(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let id = try request.id(context, what: "Ticket")
    guard let ticket = try await store.ticket(id: id) else { throw APIError.notFound("Ticket \(id)") }
    var assets: [AssetItem] = []
    for assetID in ticket.assetIDs {
      if let asset = try await store.asset(id: assetID) {
        assets.append(AssetItem(id: asset.id, name: asset.name, displayID: asset.displayID, managed: asset.isManaged))
      }
    }
    let contact = try await ticket.contactID.asyncMap { try await store.contact(id: $0) } ?? nil
    let (chrome, clear) = try chrome(context, "Ticket #\(ticket.id)", "tickets", request)
    return renderer.page(
      "ticket",
      TicketModel(
        chrome: chrome,
        ticket: TicketSummary(
          id: ticket.id, subject: ticket.subject, created: DisplayDate.text(ticket.createdAt),
          contactName: contact?.name,
          contactID: contact?.id), ticketID: ticket.id, csrf: chrome.csrf,
        statuses: TicketStatus.allCases.map { StatusChoice(value: $0.rawValue, selected: $0 == ticket.status) },
        assets: assets, hasAssets: !assets.isEmpty)
    ).with(cookies: [clear])
  }

  func setStatus(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let id = try request.id(context, what: "Ticket")
    guard let status = form["status"].flatMap(TicketStatus.init(rawValue:)) else {
      throw APIError.field("status", "Choose a status.")
    }
    _ = try await store.updateTicketStatus(id, status: status, at: services.now())
    return .seeOther("/tickets/\(id)", cookies: [Flash.set("Status updated.")])
  }

  func linkAsset(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let id = try request.id(context, what: "Ticket")
    guard let displayID = form["display_id"],
      let asset = try await store.assets(AssetQuery(search: displayID, page: 1, size: 50)).items.first(where: {
        $0.displayID == displayID
      })
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

extension Optional {
  /// `map` with an async transform.
  func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
    guard let value = self else { return nil }
    return try await transform(value)
  }
}
