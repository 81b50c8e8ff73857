import Foundation
import HTTPTypes
import Testing

/// Article 1039 (tickets) and article 360 (staff, categories, statuses, priorities), request by
/// request as the articles document them.
@Suite("HappyFox conformance: tickets (article 1039) and system attributes (article 360)")
struct TicketArticleTests {
  @Test func systemAttributes() async throws {
    try await ConformanceWorld.run { h, client, _ in
      expectShape(try await client.call(.get, "staff/", as: h.agent), .array(Article.staff), "GET staff/")
      expectShape(try await client.call(.get, "categories/", as: h.agent), .array(Article.category), "GET categories/")
      expectShape(try await client.call(.get, "statuses/", as: h.agent), .array(Article.status), "GET statuses/")
      expectShape(try await client.call(.get, "priorities/", as: h.agent), .array(Article.priority), "GET priorities/")
    }
  }

  @Test func ticketsAndActions() async throws {
    try await ConformanceWorld.run { h, client, world in
      let statuses = try await client.call(.get, "statuses/", as: h.agent).any as? [[String: Any]] ?? []
      func status(_ name: String) -> Int { statuses.first { $0["name"] as? String == name }?["id"] as? Int ?? 0 }
      // 4. Create a ticket: the article's example 1, without custom fields (AssetSync has none).
      let created = try await client.call(
        .post, "tickets/", as: h.agent,
        json:
          #"{"name": "james", "email": "james@example.com", "category": 1, "subject": "test ticket", "text": "example ticket"}"#
      )
      expectShape(created, Article.ticket, "POST tickets/")
      let number = try #require(created.json["id"] as? Int)
      #expect(created.json["display_id"] as? String == "#GEN0000000\(number)")
      #expect(created.json["first_message"] as? String == "example ticket")
      #expect(created.json["messages_count"] as? Int == 1)
      let user = try #require((created.json["user"] as? [String: Any])?["id"] as? Int)
      let refused = try await client.call(
        .post, "tickets/", as: h.agent, json: #"{"email": "james@example.com", "subject": "x", "text": "y"}"#)
      expectShape(refused, Article.fieldListError, "POST tickets/ without a category", status: .badRequest)
      #expect(refused.fieldErrors["category"] == ["This field is required."])
      // 5. Create multiple tickets: one result each.
      let many = try await client.call(
        .post, "tickets/", as: h.agent,
        json:
          #"[{"user": \#(user), "category": 1, "subject": "second", "html": "<p>Hi</p>", "tags": "a, b"}, {"user": \#(user), "subject": "no category", "text": "x"}]"#
      )
      let results = many.any as? [Any] ?? []
      #expect(Article.ticketCreated.mismatches(results.first).isEmpty)
      #expect(Article.ticketCreateRefused.mismatches(results.last).isEmpty)
      // 8. A staff update: reply and status.
      let replied = try await client.call(
        .post, "ticket/\(number)/staff_update/", as: h.agent,
        json: #"{"staff": \#(h.agent.agent.id), "status": \#(status("Solved")), "html": "<p>Example reply</p>"}"#)
      expectShape(replied, Article.ticket, "POST ticket/<n>/staff_update/")
      let reply = (replied.json["updates"] as? [[String: Any]])?.last
      #expect((reply?["status_change"] as? [String: Any])?["new_name"] as? String == "Solved")
      #expect((reply?["message"] as? [String: Any])?["text"] as? String == "Example reply")
      // 9. A private note with a priority change.
      let noted = try await client.call(
        .post, "ticket/\(number)/staff_pvtnote/", as: h.agent,
        json: #"{"staff": \#(h.agent.agent.id), "html": "<p>Internal</p>", "priority": 3}"#)
      expectShape(noted, Article.ticket, "POST ticket/<n>/staff_pvtnote/")
      #expect((noted.json["priority"] as? [String: Any])?["name"] as? String == "High")
      // 10. A contact's reply: the article's example.
      let answered = try await client.call(
        .post, "ticket/\(number)/user_reply/", as: h.agent,
        json:
          #"{"text": "This is a response sent by the user via API", "cc": "exampleaddress@example.com", "bcc": "exampleaddress-2@example.com", "user": \#(user)}"#
      )
      expectShape(answered, Article.ticket, "POST ticket/<n>/user_reply/")
      #expect(answered.json["messages_count"] as? Int == 4)
      // 12. Tags: the article's example.
      let tagged = try await client.call(
        .post, "ticket/\(number)/update_tags/", as: h.agent,
        json: #"{"add": "test1, example", "remove": "test", "staff_id": \#(h.agent.agent.id)}"#)
      expectShape(tagged, Article.ticket, "POST ticket/<n>/update_tags/")
      #expect(tagged.json["tags"] as? String == "test1, example")
      // 16. Move to another category.
      let category = try await h.store.createTicketCategory(name: "Test", description: "", prefix: "TS")
      let moved = try await client.call(
        .post, "ticket/\(number)/move/", as: h.agent,
        json:
          #"{"staff_id": \#(h.agent.agent.id), "target_category_id": \#(category.id), "move_note": " move note text ", "assign_to": \#(h.agent.agent.id)}"#
      )
      expectShape(moved, Article.moved, "POST ticket/<n>/move/")
      #expect(moved.json["message"] as? String == "moved ticket to Test")
      // 3. Detail.
      let detail = try await client.call(.get, "ticket/\(number)/", as: h.agent)
      expectShape(detail, Article.ticket, "GET ticket/<n>/")
      #expect(detail.json["display_id"] as? String == "#TS0000000\(number)")
      #expect((detail.json["assigned_to"] as? [String: Any])?["id"] as? Int == Int(h.agent.agent.id))
      // 1, 2. Lists: filters, search strings, sorts, minified and selected fields.
      for query in [
        "", "?size=1&page=1", "?status=_all&q=%22%22", "?status=_pending", "?status=\(status("Solved"))",
        "?status=_all&category=\(category.id)", "?status=_all&q=status:%22Solved%22,%22New%22",
        "?q=tag:%22test1%22", "?q=priority:%22High%22", "?sort=createa", "?sort=prioritya",
        "?q=contact:%22james@example.com%22", "?q=created-on-or-after:%222019/01/25%22",
      ] {
        let page = try await client.call(.get, "tickets/\(query)", as: h.agent)
        expectShape(page, Article.page(Article.ticket), "GET tickets/\(query)")
        expectPage(page)
      }
      let pending = try await client.call(.get, "tickets/?status=_pending", as: h.agent)
      #expect((pending.json["data"] as? [[String: Any]])?.contains { $0["id"] as? Int == number } == false)
      let minified = try await client.call(.get, "tickets/?minify_response=true", as: h.agent)
      #expect((minified.json["data"] as? [[String: Any]])?.allSatisfy { $0["id"] is Int && $0.count == 2 } == true)
      let selected = try await client.call(
        .get, "tickets/?fields=last_user_reply_at,last_staff_reply_at&size=50", as: h.agent)
      #expect(
        (selected.json["data"] as? [[String: Any]])?.allSatisfy {
          Set($0.keys) == ["last_user_reply_at", "last_staff_reply_at"]
        } == true)
      let unknownField = try await client.call(.get, "tickets/?q=%22Team%20Name%22:%22arsenal%22", as: h.agent)
      #expect(unknownField.fieldErrors["q"]?.first?.contains("custom fields") == true)
      // 17. Delete.
      let deleted = try await client.call(
        .post, "ticket/\(number)/delete/", as: h.agent, json: #"{"staff_id": \#(h.agent.agent.id)}"#)
      expectShape(deleted, Article.deleted, "POST ticket/<n>/delete/")
      #expect(deleted.json["deleted_ticket"] as? String == "#TS0000000\(number)")
      #expect(try await client.call(.get, "ticket/\(number)/", as: h.agent).status == .notFound)
      _ = world
    }
  }
}
