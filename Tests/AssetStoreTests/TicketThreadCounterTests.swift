import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import PostgresStore
import SQLStore
import SQLiteStore
import Testing

/// The thread cap is kept by per-ticket counters and one conditional `UPDATE` (migration v11):
/// concurrent replies near the cap never take a thread past it, on either backend (PostgreSQL's
/// READ COMMITTED included), and the counters always equal a recount of the thread.
@Suite("AssetStore contract: ticket thread counters")
struct TicketThreadCounterTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  /// A ticket's counters and a recount of its thread, as (counted updates, counted characters,
  /// recounted updates, recounted characters).
  static func counters(_ ticketID: Int64, _ store: any AssetStore) async throws -> [Int64] {
    let statement: SQLStatement = """
      SELECT thread_updates, thread_characters,
        (SELECT COUNT(*) FROM ticket_updates WHERE ticket_id = tickets.id),
        (SELECT COALESCE(SUM(LENGTH(message_text)), 0) FROM ticket_updates WHERE ticket_id = tickets.id)
      FROM tickets WHERE id = \(ticketID)
      """
    func values<Row: StoreRow>(_ row: Row?) throws -> [Int64] {
      guard let row else { throw FixtureError("no ticket \(ticketID)") }
      return try (0..<4).map { try row.int64(at: $0) ?? -1 }
    }
    if let store = store as? SQLiteAssetStore {
      return try await store.read { s in try values(try await s.fetchOne(statement)) }
    } else if let store = store as? PostgresAssetStore {
      return try await store.read { s in try values(try await s.fetchOne(statement)) }
    }
    throw FixtureError("not a store of this package")
  }

  func reply(_ text: String, agent: Int64) -> TicketAction {
    TicketAction(kind: .staffUpdate, byAgentID: agent, message: TicketMessage.from(text: text, html: nil))
  }

  @Test("concurrent replies near the cap never take a thread past it", arguments: StoreBackend.allCases)
  func concurrentRepliesNearTheCap(backend: StoreBackend) async throws {
    let (store, openReplica) = try await backend.makeStoreWithReplica()
    let replicas: [any AssetStore] = [store, try await openReplica(), try await openReplica()]
    let agent = try await store.createAgent(email: "a@example.com", name: "A", role: .agent, passwordHash: "h", at: now)
    let ticket = try await store.createTicket(TicketDraft(subject: "Logs"), at: now)
    // 900,000 of 1,000,000 characters: room for three replies of 30,000 and no more.
    let largest = String(repeating: "x", count: 100_000)
    for index in 0..<9 {
      _ = try await store.applyTicketAction(ticket.id, reply(largest, agent: agent.id), at: now + Double(index))
    }
    let text = String(repeating: "é", count: 30_000)  // 30,000 scalars, 60,000 UTF-8 bytes
    let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
      for index in 0..<12 {
        let replica = replicas[index % replicas.count]
        let action = reply(text, agent: agent.id)
        let at = now + 100 + Double(index)
        group.addTask {
          do {
            _ = try await replica.applyTicketAction(ticket.id, action, at: at)
            return true
          } catch is TicketThreadFull {
            return false
          }
        }
      }
      return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(accepted == 3)
    let counted = try await Self.counters(ticket.id, store)
    let expected: [Int64] = [13, 990_000, 13, 990_000]  // 1 + 9 + 3 entries
    #expect(counted == expected)

    // The entry cap likewise: 997 entries plus 12 concurrent tag changes leave exactly 1,000.
    let other = try await store.createTicket(TicketDraft(subject: "Chatty"), at: now)
    let filler = TicketThreadLimits.maxUpdates - 4  // with the first entry: 997
    try await StoreBackend.execute(
      """
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(filler))
      INSERT INTO ticket_updates (ticket_id, kind, created_at, is_private, changes)
      SELECT \(other.id), 'staff_update', \(now), \(false), '{}' FROM n
      """, on: store)
    try await StoreBackend.execute(
      "UPDATE tickets SET thread_updates = thread_updates + \(filler) WHERE id = \(other.id)", on: store)
    let tagged = try await withThrowingTaskGroup(of: Bool.self) { group in
      for index in 0..<12 {
        let replica = replicas[index % replicas.count]
        var change = TicketAction(kind: .tags, byAgentID: agent.id)
        change.addTags = ["late-\(index)"]
        let at = now + 2_000
        group.addTask {
          do {
            _ = try await replica.applyTicketAction(other.id, change, at: at)
            return true
          } catch is TicketThreadFull {
            return false
          }
        }
      }
      return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(tagged == 3)
    let entries = try await Self.counters(other.id, store)
    #expect(entries[0] == Int64(TicketThreadLimits.maxUpdates))
    #expect(entries[2] == Int64(TicketThreadLimits.maxUpdates))
  }

  @Test("after many actions the counters equal a recount of the thread", arguments: StoreBackend.allCases)
  func countersEqualARecount(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let agent = try await store.createAgent(email: "a@example.com", name: "A", role: .agent, passwordHash: "h", at: now)
    let ticket = try await store.createTicket(
      TicketDraft(subject: "Printer", message: TicketMessage.from(text: "Ünïcode 👩🏽‍💻 first", html: nil)), at: now)
    var characters = Int64("Ünïcode 👩🏽‍💻 first".unicodeScalars.count)
    for index in 1...120 {
      if index.isMultiple(of: 7) {
        var change = TicketAction(kind: .staffUpdate, byAgentID: agent.id)
        change.addTags = ["t\(index)"]
        _ = try await store.applyTicketAction(ticket.id, change, at: now + Double(index))
        continue
      }
      let text = "Reply \(index) — 🚀 \(String(repeating: "ñ", count: index))"
      let kind: TicketUpdate.Kind = index.isMultiple(of: 3) ? .privateNote : .staffUpdate
      _ = try await store.applyTicketAction(
        ticket.id, TicketAction(kind: kind, byAgentID: agent.id, message: TicketMessage.from(text: text, html: nil)),
        at: now + Double(index))
      characters += Int64(text.unicodeScalars.count)
    }
    let counted = try await Self.counters(ticket.id, store)
    #expect(counted == [121, characters, 121, characters])
    // An action that changes nothing adds no entry and counts nothing.
    let noChange = TicketAction(kind: .staffUpdate, byAgentID: agent.id)
    _ = try await store.applyTicketAction(ticket.id, noChange, at: now + 500)
    #expect(try await Self.counters(ticket.id, store) == counted)
  }
}
