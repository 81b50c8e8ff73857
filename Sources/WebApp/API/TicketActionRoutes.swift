import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// The ticket actions of article 1039: `staff_update` (reply and/or change status, priority,
/// assignee, category), `staff_pvtnote`, `user_reply`, `update_tags` and `move` answer the ticket
/// (`move` HappyFox's message); `delete` answers the deleted ticket's ID.
struct TicketActionRoutes {
  let services: AppServices
  var store: any TicketStore & ContactStore & AgentStore { services.store }

  func register(_ api: APIRoutes<AgentAccess>) {
    let actions: [(String, TicketUpdate.Kind)] = [
      ("staff_update", .staffUpdate), ("staff_pvtnote", .privateNote), ("user_reply", .userReply),
      ("update_tags", .tags), ("move", .move),
    ]
    for (path, kind) in actions {
      api.post("ticket/:id/\(path)") { request, context in
        let agent = context.agent
        let id = try request.id(context, what: "Ticket")
        guard try await store.ticket(id: id) != nil else { throw APIError.notFound("Ticket \(id)") }
        let body = try await BodyReader.read(request)
        let action = try await TicketActionRequest.read(kind, body, caller: agent, store: store)
        let ticket = try await Styled.run(.strings) {
          try await store.applyTicketAction(id, action, at: services.now())
        }
        if kind == .move {
          let name = try await store.ticketCatalog().category(ticket.categoryID)?.name ?? ""
          return .json(.object([("status_code", .int(200)), ("message", .string("moved ticket to \(name)"))]))
        }
        return .json(Representation.ticket(ticket, try await TicketContext.load(for: [ticket], store: store)))
      }
    }
    api.post("ticket/:id/delete") { request, context in
      let agent = context.agent
      let id = try request.id(context, what: "Ticket")
      guard let ticket = try await store.ticket(id: id) else { throw APIError.notFound("Ticket \(id)") }
      let body = try await BodyReader.read(request, allowEmpty: true)
      body.rejectUnknown(allowed: ["staff_id"])
      _ = try await ActingAgent.resolve(
        body.id("staff_id"), field: "staff_id", caller: agent, store: store, body: body)
      try body.validate(.strings)
      let prefix = try await store.ticketCatalog().category(ticket.categoryID)?.prefix ?? ""
      try await store.deleteTicket(id: id)
      return .json(.object([("deleted_ticket", .string(ticket.displayID(prefix: prefix)))]))
    }
  }
}
