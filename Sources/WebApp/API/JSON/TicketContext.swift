import AssetCore
import AssetStore

/// What ticket answers name besides the tickets themselves — statuses, priorities, categories,
/// agents, contacts with their groups and counts, and every thread — read in a few batches for
/// a whole page (never a query per ticket).
struct TicketContext: Sendable {
  let catalog: TicketCatalog
  let agents: [Int64: Agent]
  let contacts: [Int64: Contact]
  let profiles: [Int64: ContactProfile]
  let updates: [Int64: [TicketUpdate]]

  static func load(for tickets: [Ticket], store: any AgentStore & ContactStore & TicketStore, withUpdates: Bool = true)
    async throws
    -> TicketContext
  {
    let catalog = try await store.ticketCatalog()
    let agents = Dictionary(uniqueKeysWithValues: try await store.agents().map { ($0.id, $0) })
    let updates = withUpdates ? try await store.ticketUpdates(ticketIDs: tickets.map(\.id)) : [:]
    let contactIDs = Set(tickets.compactMap(\.contactID) + updates.values.flatMap { $0.compactMap(\.byContactID) })
    let contacts = try await store.contacts(ids: contactIDs.sorted())
    let profiles = try await store.contactProfiles(ids: tickets.compactMap(\.contactID))
    return TicketContext(
      catalog: catalog, agents: agents, contacts: Dictionary(uniqueKeysWithValues: contacts.map { ($0.id, $0) }),
      profiles: profiles, updates: updates)
  }

  func displayID(_ ticket: Ticket) -> String {
    ticket.displayID(prefix: catalog.category(ticket.categoryID)?.prefix ?? "")
  }
}
