import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import PostgresStore
import SQLStore
import SQLiteStore
import Testing

/// Long ticket threads on every backend (issue 16, item 5): a reply appends its text to the
/// ticket's search key instead of rebuilding it from the whole thread, a thread is capped
/// (`TicketThreadLimits`), and the ticket page reads it a page at a time.
@Suite("AssetStore contract: long ticket threads")
struct TicketThreadContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  /// The stored search key of a ticket (no store method reads it).
  func searchKey(_ ticketID: Int64, _ store: any AssetStore) async throws -> String? {
    let statement: SQLStatement = "SELECT search_key FROM tickets WHERE id = \(ticketID)"
    if let store = store as? SQLiteAssetStore {
      return try await store.read { s in try await s.fetchOne(statement)?.string(at: 0) }
    } else if let store = store as? PostgresAssetStore {
      return try await store.read { s in try await s.fetchOne(statement)?.string(at: 0) }
    }
    throw FixtureError("not a store of this package")
  }

  func reply(_ text: String, agent: Int64) -> TicketAction {
    TicketAction(kind: .staffUpdate, byAgentID: agent, message: TicketMessage.from(text: text, html: nil))
  }

  @Test(
    "after many actions the search key equals a full rebuild; early and late replies are found",
    arguments: StoreBackend.allCases)
  func incrementalIndex(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let agent = try await store.createAgent(email: "a@example.com", name: "A", role: .agent, passwordHash: "h", at: now)
    let ticket = try await store.createTicket(
      TicketDraft(subject: "Printer ZÖE", message: TicketMessage.from(text: "First WORD aardvark", html: nil)), at: now)
    let solved = try #require(try await store.ticketCatalog().statuses.first { $0.name == "Solved" })
    var messages = ["First WORD aardvark"]
    for index in 1...40 {
      if index % 10 == 0 {
        // Entries without a message (a status change, tags) add nothing to the key.
        var change = TicketAction(kind: .staffUpdate, byAgentID: agent.id)
        change.statusID = index % 20 == 0 ? solved.id : nil
        change.addTags = ["t\(index)"]
        _ = try await store.applyTicketAction(ticket.id, change, at: now + Double(index))
        continue
      }
      let text = index == 39 ? "Late reply mentions zebra\nover two lines" : "Reply \(index) Ünïcode"
      let kind: TicketUpdate.Kind = index % 3 == 0 ? .privateNote : .staffUpdate
      _ = try await store.applyTicketAction(
        ticket.id, TicketAction(kind: kind, byAgentID: agent.id, message: TicketMessage.from(text: text, html: nil)),
        at: now + Double(index))
      messages.append(text)
    }
    let rebuilt = (["Printer ZÖE"] + messages).map(SearchKey.match).joined(separator: SearchKey.separator)
    #expect(try await searchKey(ticket.id, store) == rebuilt)
    let stored = try await store.ticketUpdates(ticketIDs: [ticket.id])[ticket.id] ?? []
    #expect(stored.compactMap(\.message?.text) == messages)
    for word in ["aardvark", "zebra", "reply 38 ünïcode", "printer zöe"] {
      let found = try await store.tickets(TicketQuery(search: try TicketSearch.parse(word))).items.map(\.id)
      #expect(found == [ticket.id], "\(word)")
    }
  }

  @Test("a thread past its character or entry limit is refused", arguments: StoreBackend.allCases)
  func threadCap(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let agent = try await store.createAgent(email: "a@example.com", name: "A", role: .agent, passwordHash: "h", at: now)
    let ticket = try await store.createTicket(TicketDraft(subject: "Logs"), at: now)
    let largest = String(repeating: "x", count: 100_000)
    let fitting = TicketThreadLimits.maxCharacters / 100_000
    for index in 0..<fitting {
      _ = try await store.applyTicketAction(ticket.id, reply(largest, agent: agent.id), at: now + Double(index))
    }
    await #expect(throws: TicketThreadFull(ticketID: ticket.id)) {
      try await store.applyTicketAction(ticket.id, reply("one more", agent: agent.id), at: now + 100)
    }
    // Changes without a message still fit until the entry limit.
    var change = TicketAction(kind: .staffUpdate, byAgentID: agent.id)
    change.addTags = ["full"]
    _ = try await store.applyTicketAction(ticket.id, change, at: now + 101)
    let stored = try await store.ticketUpdates(ticketIDs: [ticket.id])[ticket.id] ?? []
    #expect(stored.count == 1 + fitting + 1)

    let other = try await store.createTicket(TicketDraft(subject: "Chatty"), at: now)
    let missing = TicketThreadLimits.maxUpdates - 1
    try await StoreBackend.execute(
      """
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(missing))
      INSERT INTO ticket_updates (ticket_id, kind, created_at, is_private, changes)
      SELECT \(other.id), 'staff_update', \(now), \(false), '{}' FROM n
      """, on: store)
    // The store counts a thread's entries on the ticket (v11); rows added behind its back are
    // counted the same way.
    try await StoreBackend.execute(
      "UPDATE tickets SET thread_updates = thread_updates + \(missing) WHERE id = \(other.id)", on: store)
    let full = try await store.ticketThread(ticketID: other.id, before: nil, limit: 5)
    #expect(full.total == TicketThreadLimits.maxUpdates)
    var tag = TicketAction(kind: .tags, byAgentID: agent.id)
    tag.addTags = ["late"]
    await #expect(throws: TicketThreadFull(ticketID: other.id)) {
      try await store.applyTicketAction(other.id, tag, at: now + 1)
    }
    #expect(try await store.ticket(id: other.id)?.tags == [])
  }

  @Test("a thread is read a page at a time, newest page first", arguments: StoreBackend.allCases)
  func threadPages(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let agent = try await store.createAgent(email: "a@example.com", name: "A", role: .agent, passwordHash: "h", at: now)
    let ticket = try await store.createTicket(
      TicketDraft(subject: "Paged", message: TicketMessage.from(text: "m0", html: nil)), at: now)
    for index in 1...11 {
      _ = try await store.applyTicketAction(ticket.id, reply("m\(index)", agent: agent.id), at: now + Double(index))
    }
    let newest = try await store.ticketThread(ticketID: ticket.id, before: nil, limit: 5)
    #expect(newest.updates.compactMap(\.message?.text) == ["m7", "m8", "m9", "m10", "m11"])
    #expect(newest.hasOlder)
    #expect(newest.total == 12)
    let older = try await store.ticketThread(ticketID: ticket.id, before: newest.updates.first?.id, limit: 5)
    #expect(older.updates.compactMap(\.message?.text) == ["m2", "m3", "m4", "m5", "m6"])
    let oldest = try await store.ticketThread(ticketID: ticket.id, before: older.updates.first?.id, limit: 5)
    #expect(oldest.updates.compactMap(\.message?.text) == ["m0", "m1"])
    #expect(!oldest.hasOlder)
  }
}
