import AssetCore
import AssetStore
import Hummingbird

/// `tickets/`, `ticket/<id>/` and a ticket's assets (R20: an asset's Recent Tickets).
struct TicketRoutes {
  let services: AppServices
  var store: any AssetStore { services.store }

  func register(_ api: APIRouter) {
    api.get("tickets", query: ["size", "page", "asset", "contact"]) { request, context in
      _ = try context.requireAgent()
      let paging = try Paging.from(request)
      let page = try await store.tickets(
        TicketQuery(
          assetID: try request.queryInt("asset"), contactID: try request.queryInt("contact"), page: paging.page,
          size: paging.size))
      return .json(Paging.envelope(page, Representation.ticket))
    }
    api.post("tickets") { request, context in
      let agent = try context.requireAgent()
      let input = try await RequestInput.read(request)
      input.rejectUnknown(allowed: ["subject", "status", "contact_id", "asset_ids"])
      let subject = input.string("subject", required: true, maxLength: 500)
      let status = statusValue(input)
      let contactID = input.int("contact_id", range: RequestInput.ids)
      let assets = input.intList("asset_ids") ?? []
      try input.validate()
      let ticket = try await store.createTicket(
        TicketDraft(
          subject: subject!, status: status ?? .new, contactID: contactID, assetIDs: assets, createdBy: agent.id),
        at: services.now())
      return .json(Representation.ticket(ticket), status: .created)
    }
    api.get("ticket/:id") { request, context in
      _ = try context.requireAgent()
      let id = try request.id(context, what: "Ticket")
      guard let ticket = try await store.ticket(id: id) else { throw APIError.notFound("Ticket \(id)") }
      return .json(Representation.ticket(ticket))
    }
    api.put("ticket/:id") { request, context in
      _ = try context.requireAgent()
      let id = try request.id(context, what: "Ticket")
      let input = try await RequestInput.read(request)
      input.rejectUnknown(allowed: ["status"])
      let status = statusValue(input)
      if status == nil && input.errors.isEmpty { input.add("status", "This field is required.") }
      try input.validate()
      return .json(Representation.ticket(try await store.updateTicketStatus(id, status: status!, at: services.now())))
    }
    api.post("ticket/:id/assets") { request, context in
      _ = try context.requireAgent()
      let id = try request.id(context, what: "Ticket")
      let input = try await RequestInput.read(request)
      input.rejectUnknown(allowed: ["asset_id"])
      let assetID = input.int("asset_id", required: true, range: RequestInput.ids)
      try input.validate()
      try await store.linkTicket(id, toAsset: assetID!)
      return .json(Representation.ticket(try await store.ticket(id: id)!))
    }
    api.delete("ticket/:id/assets/:asset") { request, context in
      _ = try context.requireAgent()
      let id = try request.id(context, what: "Ticket")
      let assetID = try request.id(context, "asset", what: "Asset")
      try await store.unlinkTicket(id, fromAsset: assetID)
      return .json(Representation.ticket(try await store.ticket(id: id)!))
    }
  }

  func statusValue(_ input: RequestInput) -> TicketStatus? {
    guard let text = input.string("status") else { return nil }
    guard let status = TicketStatus(rawValue: text) else {
      input.add("status", "Use one of \(TicketStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
      return nil
    }
    return status
  }
}
