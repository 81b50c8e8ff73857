import AssetCore
import AssetStore

/// A ticket's number as people see it everywhere in the UI: HappyFox's form, the category's
/// prefix and eight digits (`#GEN00000006`), never the bare id.
enum TicketNumber {
  static func text(_ ticket: Ticket, store: any TicketStore) async throws -> String {
    let catalog = try await store.ticketCatalog()
    return ticket.displayID(prefix: catalog.category(ticket.categoryID)?.prefix ?? "")
  }

  /// The number of the ticket with this id, or `#id` when it is gone.
  static func text(id: Int64, store: any TicketStore) async throws -> String {
    guard let ticket = try await store.ticket(id: id) else { return "#\(id)" }
    return try await text(ticket, store: store)
  }
}
