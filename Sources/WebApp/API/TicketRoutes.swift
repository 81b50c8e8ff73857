import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// `tickets/` and `ticket/<number>/` as article 1039 (filters, `q`, `sort`, `minify_response`,
/// `fields`; creation of one ticket or a list of up to 100), and AssetSync's ticket↔asset links
/// (`tickets/?asset=`, `ticket/<n>/assets/`; R20: an asset's Recent Tickets).
struct TicketRoutes {
  let services: AppServices
  var store: any TicketStore & ContactStore & AgentStore { services.store }

  func register(_ api: APIRoutes<AgentAccess>) {
    api.get(
      "tickets",
      query: ["size", "page", "status", "category", "q", "sort", "minify_response", "fields", "asset", "contact"]
    ) { request, context in
      return .json(try await list(request))
    }
    api.post("tickets") { request, context in
      let agent = context.agent
      switch try await JSONBody.read(request) {
      case .array(let items):
        guard items.count <= 100 else { throw APIError.field("non_field_errors", "Send at most 100 tickets at once.") }
        var results: [JSONValue] = []
        for item in items { results.append(await createOne(item, agent: agent)) }
        return .json(.array(results))
      case let body:
        let ticket = try await create(try BodyReader.object(body), agent: agent)
        return .json(try await representation(ticket))
      }
    }
    api.get("ticket/:id", query: ["show_cf_changes"]) { request, context in
      // Accepted for HappyFox's clients; AssetSync has no ticket custom fields to show changes of.
      if let flag = request.uri.queryParameters["show_cf_changes"], flag != "true", flag != "false" {
        throw APIError.field("show_cf_changes", "Use true or false.")
      }
      return .json(try await representation(try await ticket(request, context)))
    }
    api.post("ticket/:id/assets") { request, context in
      let agent = context.agent
      let id = try request.id(context, what: "Ticket")
      let body = try await BodyReader.read(request)
      body.rejectUnknown(allowed: ["asset_id"])
      guard let assetID = body.id("asset_id", required: true), body.errors.isEmpty else { throw body.failure() }
      try await store.linkTicket(id, toAsset: assetID, at: services.now(), by: agent.id)
      return .json(try await representation(try await ticket(id: id)))
    }
    api.delete("ticket/:id/assets/:asset") { request, context in
      let agent = context.agent
      let id = try request.id(context, what: "Ticket")
      let assetID = try request.id(context, "asset", what: "Asset")
      try await store.unlinkTicket(id, fromAsset: assetID, at: services.now(), by: agent.id)
      return .json(try await representation(try await ticket(id: id)))
    }
    TicketActionRoutes(services: services).register(api)
  }

  func ticket(_ request: Request, _ context: AgentContext) async throws -> Ticket {
    try await ticket(id: try request.id(context, what: "Ticket"))
  }

  func ticket(id: Int64) async throws -> Ticket {
    guard let ticket = try await store.ticket(id: id) else { throw APIError.notFound("Ticket \(id)") }
    return ticket
  }

  func representation(_ ticket: Ticket) async throws -> JSONValue {
    Representation.ticket(ticket, try await TicketContext.load(for: [ticket], store: store))
  }

  func list(_ request: Request) async throws -> JSONValue {
    let paging = try Paging.from(request)
    let parameters = request.uri.queryParameters
    var query = TicketQuery(
      assetID: try request.queryInt("asset"), contactID: try request.queryInt("contact"),
      categoryID: try request.queryInt("category"), today: String(ISO8601.string(services.now()).prefix(10)),
      page: paging.page, size: paging.size)
    switch parameters["status"].map(String.init) {
    case nil, "_all": break
    case "_pending": query.statuses = .pending
    case let text?:
      guard let id = Int64(text), id > 0 else { throw APIError.field("status", "Use _all, _pending or a status id.") }
      query.statuses = .ids([id])
    }
    if let text = parameters["sort"].map(String.init) {
      guard let sort = TicketSort(rawValue: text) else {
        throw APIError.field("sort", "Use one of \(TicketSort.allCases.map(\.rawValue).joined(separator: ", ")).")
      }
      query.sort = sort
    }
    let text = try request.searchText() ?? ""
    do throws(SearchError) { query.search = try TicketSearch.parse(text) } catch {
      throw APIError.field("q", error.description)
    }
    let minify: Bool =
      switch parameters["minify_response"].map({ String($0).lowercased() }) {
      case nil, "false": false
      case "true": true
      default: throw APIError.field("minify_response", "Use true or false.")
      }
    let fields = try TicketFields.parse(parameters["fields"].map(String.init))
    let page = try await store.tickets(query)
    let context = try await TicketContext.load(for: minify ? [] : page.items, store: store, withUpdates: !minify)
    return Paging.envelope(page) { ticket in
      if minify {
        return .object([("id", .int(Int(ticket.id))), ("display_id", .string(context.displayID(ticket)))])
      }
      return TicketFields.select(Representation.ticket(ticket, context), fields)
    }
  }

  func create(_ body: BodyReader, agent: Agent) async throws -> Ticket {
    guard let request = TicketCreate.read(body) else { throw body.failure(.fieldList) }
    return try await Styled.fieldList {
      let contactID: Int64
      switch request.requester {
      case .id(let id):
        guard try await store.contact(id: id) != nil else {
          throw StoreError.invalid(field: "user", message: "Contact \(id) does not exist.")
        }
        contactID = id
      case .email(let email, let name, let phone):
        if let existing = try await store.contact(email: email) {
          contactID = existing.id
        } else {
          guard let name, !name.isEmpty else {
            throw StoreError.invalid(field: "name", message: "This field is required for a new contact.")
          }
          contactID =
            try await store.createContact(
              ContactDraft(
                name: name, email: email, phones: phone.map { [PhoneDraft(number: $0, isPrimary: true)] } ?? []),
              at: services.now()
            ).id
        }
      }
      return try await store.createTicket(
        TicketDraft(
          subject: request.subject, contactID: contactID, priorityID: request.priorityID,
          categoryID: request.categoryID,
          assigneeID: request.assigneeID, tags: request.tags, assetIDs: request.assetIDs, createdBy: agent.id,
          message: request.message, dueDate: request.dueDate), at: request.createdAt ?? services.now())
    }
  }

  /// One ticket of a list: `{display_id, id, success}`, or the problems.
  func createOne(_ item: JSONBody, agent: Agent) async -> JSONValue {
    do {
      let ticket = try await create(try BodyReader.object(item), agent: agent)
      let catalog = try await store.ticketCatalog()
      return .object([
        ("display_id", .string(ticket.displayID(prefix: catalog.category(ticket.categoryID)?.prefix ?? ""))),
        ("id", .int(Int(ticket.id))), ("success", .bool(true)),
      ])
    } catch let error as APIError {
      return .object([("success", .bool(false)), ("error", error.errorMember)])
    } catch {
      return .object([("success", .bool(false)), ("error", .string("The ticket was not created."))])
    }
  }
}
