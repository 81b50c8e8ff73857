import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import Testing

/// Tickets as HappyFox's article 1039 has them, on every backend: the seeded statuses,
/// priorities and category, threads, actions, filters, search and sorts.
@Suite("AssetStore contract: tickets")
struct TicketContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  @Test("the migrations seed statuses, priorities and a category", arguments: StoreBackend.allCases)
  func catalog(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let catalog = try await store.ticketCatalog()
    #expect(catalog.statuses.map(\.name) == ["New", "Open", "Pending", "Solved", "Closed"])
    #expect(catalog.statuses.map(\.behavior) == [.pending, .pending, .pending, .completed, .completed])
    #expect(catalog.defaultStatus?.name == "New")
    #expect(catalog.priorities.map(\.name) == ["Low", "Medium", "High", "Critical"])
    #expect(catalog.defaultPriority?.name == "Medium")
    #expect(catalog.categories.map(\.prefix) == ["GEN"])
    let hardware = try await store.createTicketCategory(name: "Hardware", description: "Devices", prefix: "HW")
    #expect(try await store.ticketCatalog().category(hardware.id)?.name == "Hardware")
    await #expect(throws: StoreError.duplicateName("hardware")) {
      try await store.createTicketCategory(name: "hardware", description: "", prefix: "HX")
    }
    await #expect(throws: StoreError.invalid(field: "prefix", message: "Use 1 to 5 capital letters A–Z.")) {
      try await store.createTicketCategory(name: "Other", description: "", prefix: "hw1")
    }
  }

  @Test("create, read, list by asset and contact, link, unlink, delete", arguments: StoreBackend.allCases)
  func ticketsAndLinks(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let mac = try await store.managedType(for: .mac)
    let a = try await store.createManualAsset(ManualAssetDraft(assetTypeID: mac.id, name: "A", displayID: "A"), at: now)
    let b = try await store.createManualAsset(ManualAssetDraft(assetTypeID: mac.id, name: "B", displayID: "B"), at: now)
    let ann = try await store.createContact(name: "Ann", email: "ann@example.com", phones: [], at: now)
    let first = try await store.createTicket(
      TicketDraft(
        subject: "  Broken  ", contactID: ann.id, tags: ["hw", "hw", "urgent"], assetIDs: [b.id, a.id, a.id],
        createdBy: 3, message: TicketMessage.from(text: "It <broke>", html: nil)), at: now)
    #expect(first.subject == "Broken")
    #expect(first.assetIDs == [a.id, b.id])
    #expect(first.tags == ["hw", "urgent"])
    #expect(first.lastUserReplyAt == now)
    #expect(first.lastStaffReplyAt == nil)
    let second = try await store.createTicket(TicketDraft(subject: "Slow"), at: now + 1)
    let catalog = try await store.ticketCatalog()
    #expect(second.statusID == catalog.defaultStatus?.id)
    #expect(second.priorityID == catalog.defaultPriority?.id)
    #expect(try await store.ticket(id: first.id) == first)
    #expect(try await store.tickets(TicketQuery()).items.map(\.id) == [second.id, first.id])
    #expect(try await store.tickets(TicketQuery(assetID: b.id)).items.map(\.id) == [first.id])
    #expect(try await store.tickets(TicketQuery(contactID: ann.id)).total == 1)
    #expect(try await store.tickets(TicketQuery(page: 2, size: 1)).items.map(\.id) == [first.id])
    let thread = try await store.ticketUpdates(ticketIDs: [first.id])[first.id] ?? []
    #expect(thread.map(\.kind) == [.created])
    #expect(thread.first?.byContactID == ann.id)
    #expect(thread.first?.message == TicketMessage(text: "It <broke>", html: "It &lt;broke&gt;"))
    try await store.linkTicket(second.id, toAsset: a.id)
    try await store.linkTicket(second.id, toAsset: a.id)
    #expect(try await store.tickets(TicketQuery(assetID: a.id)).total == 2)
    try await store.unlinkTicket(first.id, fromAsset: b.id)
    #expect(try await store.ticket(id: first.id)?.assetIDs == [a.id])
    await #expect(throws: StoreError.notFound("A link between ticket \(first.id) and asset \(b.id)")) {
      try await store.unlinkTicket(first.id, fromAsset: b.id)
    }
    await #expect(throws: StoreError.invalid(field: "asset_ids", message: "Asset 999 does not exist.")) {
      try await store.linkTicket(first.id, toAsset: 999)
    }
    await #expect(throws: StoreError.notFound("Ticket 999")) { try await store.linkTicket(999, toAsset: a.id) }
    await #expect(throws: StoreError.invalid(field: "contact", message: "Contact 999 does not exist.")) {
      try await store.createTicket(TicketDraft(subject: "x", contactID: 999), at: now)
    }
    await #expect(
      throws: StoreError.invalid(
        field: "category", message: "Select a valid choice. 99 is not one of the available choices.")
    ) { try await store.createTicket(TicketDraft(subject: "x", categoryID: 99), at: now) }
    try await store.deleteTicket(id: second.id)
    #expect(try await store.ticket(id: second.id) == nil)
    #expect(try await store.ticketUpdates(ticketIDs: [second.id]).isEmpty)
    await #expect(throws: StoreError.notFound("Ticket \(second.id)")) { try await store.deleteTicket(id: second.id) }
  }

  @Test(
    "actions: replies, private notes, status, assignee, tags, moves; each recorded once",
    arguments: StoreBackend.allCases)
  func actions(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let agent = try await store.createAgent(
      email: "a@example.com", name: "Ana", role: .agent, passwordHash: "h", at: now)
    let ann = try await store.createContact(name: "Ann", email: "ann@example.com", phones: [], at: now)
    let catalog = try await store.ticketCatalog()
    let open = try #require(catalog.statuses.first { $0.name == "Open" })
    let solved = try #require(catalog.statuses.first { $0.name == "Solved" })
    let high = try #require(catalog.priorities.first { $0.name == "High" })
    let hardware = try await store.createTicketCategory(name: "Hardware", description: "", prefix: "HW")
    let ticket = try await store.createTicket(TicketDraft(subject: "Broken", contactID: ann.id, tags: ["a"]), at: now)
    let replied = try await store.applyTicketAction(
      ticket.id,
      TicketAction(
        kind: .staffUpdate, byAgentID: agent.id, message: TicketMessage.from(text: "On it", html: nil),
        statusID: open.id, priorityID: high.id, assignee: .assign(agent.id), addTags: ["b"], timeSpent: 15),
      at: now + 10)
    #expect(replied.statusID == open.id)
    #expect(replied.priorityID == high.id)
    #expect(replied.assigneeID == agent.id)
    #expect(replied.tags == ["a", "b"])
    #expect(replied.timeSpent == 15)
    #expect(replied.lastStaffReplyAt == now + 10)
    #expect(replied.lastUpdatedAt == now + 10)
    let noted = try await store.applyTicketAction(
      ticket.id,
      TicketAction(kind: .privateNote, byAgentID: agent.id, message: TicketMessage.from(text: "Internal", html: nil)),
      at: now + 20)
    #expect(noted.lastUpdatedAt == now + 10)  // a private note is no reply
    #expect(noted.updatedAt == now + 20)
    let answered = try await store.applyTicketAction(
      ticket.id,
      TicketAction(
        kind: .userReply, byContactID: ann.id, message: TicketMessage.from(text: nil, html: "<p>Thanks</p>")),
      at: now + 30)
    #expect(answered.lastUserReplyAt == now + 30)
    let closed = try await store.applyTicketAction(
      ticket.id,
      TicketAction(
        kind: .staffUpdate, byAgentID: agent.id, statusID: solved.id, assignee: .unassign, removeTags: ["a"]),
      at: now + 40)
    #expect(closed.lastClosedAt == now + 40)
    #expect(closed.assigneeID == nil)
    #expect(closed.tags == ["b"])
    let moved = try await store.applyTicketAction(
      ticket.id, TicketAction(kind: .move, byAgentID: agent.id, categoryID: hardware.id), at: now + 50)
    #expect(moved.categoryID == hardware.id)
    // Nothing to change and no message: nothing recorded.
    _ = try await store.applyTicketAction(
      ticket.id, TicketAction(kind: .staffUpdate, byAgentID: agent.id, statusID: solved.id), at: now + 60)
    let thread = try await store.ticketUpdates(ticketIDs: [ticket.id])[ticket.id] ?? []
    #expect(thread.map(\.kind) == [.created, .staffUpdate, .privateNote, .userReply, .staffUpdate, .move])
    #expect(thread[1].changes.status == .init(old: catalog.defaultStatus?.id, new: open.id))
    #expect(thread[1].changes.tagsAdded == ["b"])
    #expect(thread[2].isPrivate)
    #expect(thread[3].message?.text == "Thanks")
    #expect(thread[4].changes.assignee == .init(old: agent.id, new: nil))
    #expect(thread[4].changes.tagsRemoved == ["a"])
    await #expect(
      throws: StoreError.invalid(
        field: "status", message: "Select a valid choice. 77 is not one of the available choices.")
    ) { try await store.applyTicketAction(ticket.id, TicketAction(kind: .staffUpdate, statusID: 77), at: now) }
    await #expect(
      throws: StoreError.invalid(field: "assignee", message: "Select a valid choice. 999 is not an active agent.")
    ) {
      try await store.applyTicketAction(ticket.id, TicketAction(kind: .staffUpdate, assignee: .assign(999)), at: now)
    }
    await #expect(throws: StoreError.notFound("Ticket 999")) {
      try await store.applyTicketAction(999, TicketAction(kind: .staffUpdate, statusID: open.id), at: now)
    }
  }

  @Test("filters, search terms and sorts", arguments: StoreBackend.allCases)
  func listing(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let agent = try await store.createAgent(
      email: "Ana@Example.com", name: "Ana Ruiz", role: .agent, passwordHash: "h", at: now)
    let zoe = try await store.createContact(
      ContactDraft(name: "Zoë Łukasz", email: "zoe@example.com", phones: [PhoneDraft(number: "+49 30 1234")]), at: now)
    let group = try await store.createContactGroup(ContactGroupDraft(name: "VIP"), at: now)
    _ = try await store.addGroupMembers(groupID: group.id, [GroupMemberDraft(contactID: zoe.id)])
    let catalog = try await store.ticketCatalog()
    let solved = try #require(catalog.statuses.first { $0.name == "Solved" })
    let high = try #require(catalog.priorities.first { $0.name == "High" })
    let wifi = try await store.createTicket(
      TicketDraft(
        subject: "Wi-Fi drops", contactID: zoe.id, priorityID: high.id, tags: ["Network"],
        message: TicketMessage.from(text: "The café network", html: nil), dueDate: "2026-05-01"), at: now)
    let battery = try await store.createTicket(
      TicketDraft(subject: "Battery", assigneeID: agent.id, dueDate: "2026-06-10"), at: now + 86_400)
    _ = try await store.applyTicketAction(
      battery.id, TicketAction(kind: .staffUpdate, byAgentID: agent.id, statusID: solved.id), at: now + 90_000)
    func ids(_ query: TicketQuery) async throws -> [Int64] { try await store.tickets(query).items.map(\.id) }
    func search(_ text: String) async throws -> [Int64] {
      try await ids(TicketQuery(search: try TicketSearch.parse(text), sort: .ticketAscending, today: "2026-06-10"))
    }
    #expect(try await ids(TicketQuery(statuses: .pending)) == [wifi.id])
    #expect(try await ids(TicketQuery(statuses: .ids([solved.id]))) == [battery.id])
    #expect(try await ids(TicketQuery(assigneeID: .some(nil))) == [wifi.id])
    #expect(try await ids(TicketQuery(assigneeID: agent.id)) == [battery.id])
    #expect(try await search(#"status:"Solved","Closed""#) == [battery.id])
    #expect(try await search("priority:high") == [wifi.id])
    #expect(try await search(#"tag:"Network""#) == [wifi.id])
    #expect(try await search(#"tag:"network""#) == [])  // tags are case-sensitive
    #expect(try await search("assignee:none") == [wifi.id])
    #expect(try await search("assignee:ana@example.com") == [battery.id])
    #expect(try await search(#"assignee:"Ana Ruiz""#) == [battery.id])
    #expect(try await search("group:VIP") == [wifi.id])
    #expect(try await search("group:none") == [battery.id])
    #expect(try await search("contact:ZOË") == [wifi.id])
    #expect(try await search("contact:4930") == [wifi.id])
    #expect(try await search("id:GEN0000000\(battery.id)") == [battery.id])
    #expect(try await search("created-on:2026/05/28") == [wifi.id])
    #expect(try await search("created-after:2026/05/28") == [battery.id])
    #expect(try await search("last-closed-on-or-after:2026-05-29") == [battery.id])
    #expect(try await search("unresponded:true") == [wifi.id, battery.id])
    #expect(try await search("CAFÉ") == [wifi.id])
    #expect(try await search("wi-fi status:new") == [wifi.id])
    #expect(try await search("duedate:today") == [battery.id])
    #expect(try await search("duedate:overdue") == [wifi.id])
    #expect(try await search("has_attachments:true") == [])
    #expect(try await ids(TicketQuery(sort: .priorityDescending)) == [wifi.id, battery.id])
    #expect(try await ids(TicketQuery(sort: .createdAscending)) == [wifi.id, battery.id])
    #expect(try await ids(TicketQuery(sort: .updatedDescending)) == [battery.id, wifi.id])
    #expect(try await ids(TicketQuery(sort: .subjectAscending)) == [battery.id, wifi.id])
    #expect(try await ids(TicketQuery(sort: .assigneeAscending)) == [battery.id, wifi.id])
    #expect(try await ids(TicketQuery(sort: .statusDescending)) == [battery.id, wifi.id])
    for sort in TicketSort.allCases { #expect(try await store.tickets(TicketQuery(sort: sort)).total == 2) }
  }
}
