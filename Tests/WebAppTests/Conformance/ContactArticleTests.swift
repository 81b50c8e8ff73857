import Foundation
import HTTPTypes
import Testing

/// Article 1092 (contacts and contact groups), request by request as the article documents them.
@Suite("HappyFox conformance: contacts and groups (article 1092)")
struct ContactArticleTests {
  @Test func contacts() async throws {
    try await ConformanceWorld.run { h, client, _ in
      // 4. Add a new contact: the article's example.
      let added = try await client.call(
        .post, "users/", as: h.agent,
        json: """
          {"email": "jamesmay@example1.com", "name": "dasdasd", "phones": [
            {"type": "mo", "number": "987654321", "is_primary": true},
            {"type": "mo", "number": "876543219", "is_primary": false}]}
          """)
      expectShape(added, Article.contact, "POST users/ (add)")
      let id = try #require(added.json["id"] as? Int)
      let phones = added.json["phones"] as? [[String: Any]] ?? []
      #expect(phones.compactMap { $0["number"] as? String } == ["987654321", "876543219"])
      #expect((added.json["primary_phone"] as? [String: Any])?["number"] as? String == "987654321")
      let phoneID = try #require(phones.first?["id"] as? Int)
      // Edit an existing contact's phone by its id: same email, same endpoint.
      let edited = try await client.call(
        .post, "users/", as: h.agent,
        json: #"{"email": "jamesmay@example1.com", "phones": [{"type": "w", "id": \#(phoneID), "number": "555-0123"}]}"#
      )
      expectShape(edited, Article.contact, "POST users/ (edit by email)")
      #expect(edited.json["id"] as? Int == id)
      #expect((edited.json["phones"] as? [[String: Any]])?.first?["number"] as? String == "555-0123")
      #expect((edited.json["phones"] as? [[String: Any]])?.first?["type"] as? String == "w")
      let refused = try await client.call(.post, "users/", as: h.agent, json: #"{"email": "new@example.com"}"#)
      expectShape(refused, Article.fieldListError, "POST users/ without a name", status: .badRequest)
      // 5. Add/Edit multiple contacts.
      let many = try await client.call(
        .post, "users/", as: h.agent,
        json:
          #"[{"email": "johnsmith@example.com", "name": "John Smith"}, {"email": "nathen@example.com", "name": "Nathan"}]"#
      )
      expectShape(many, .array(Article.contactSaved), "POST users/ (a list)")
      #expect((many.any as? [[String: Any]])?.allSatisfy { $0["success"] as? Bool == true } == true)
      // Edit one contact.
      let renamed = try await client.call(
        .post, "user/\(id)/", as: h.agent, json: #"{"name": "John Smith", "email": "john.smith.new@example.com"}"#)
      expectShape(renamed, Article.contact, "POST user/<id>/")
      #expect(renamed.json["email"] as? String == "john.smith.new@example.com")
      // 1–3. Lists, search, detail by id and by email.
      let list = try await client.call(.get, "users/?size=50&page=1", as: h.agent)
      expectShape(list, Article.page(Article.contact), "GET users/")
      expectPage(list, total: 3)
      let search = try await client.call(
        .get, "users/?q=name:john%20email:john.smith.new@example.com", as: h.agent)
      #expect((search.json["data"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [id])
      let byPhone = try await client.call(.get, "users/?q=phone:5550123", as: h.agent)
      #expect((byPhone.json["data"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [id])
      expectShape(try await client.call(.get, "user/\(id)/", as: h.agent), Article.contact, "GET user/<id>/")
      let byEmail = try await client.call(.get, "user/john.smith.new@example.com/", as: h.agent)
      expectShape(byEmail, Article.contact, "GET user/<email>/")
      #expect(byEmail.json["id"] as? Int == id)
    }
  }

  @Test func contactGroups() async throws {
    try await ConformanceWorld.run { h, client, _ in
      // 10. Create a contact group: a new contact of a tagged domain joins it.
      let created = try await client.call(
        .post, "contact_groups/", as: h.agent,
        json: #"{"name": "test group", "description": "example description", "tagged_domains": "example.com"}"#)
      expectShape(created, Article.contactGroupDetail, "POST contact_groups/")
      let group = try #require(created.json["id"] as? Int)
      let tagged = try await client.call(
        .post, "users/", as: h.agent, json: #"{"name":"Ann","email":"ann@example.com"}"#)
      let ann = try #require(tagged.json["id"] as? Int)
      let groups = tagged.json["contact_groups"] as? [[String: Any]] ?? []
      #expect(groups.compactMap { $0["id"] as? Int } == [group])
      expectShape(tagged, Article.contact, "a contact in a group")
      let other = try await client.call(.post, "users/", as: h.agent, json: #"{"name":"Bo","email":"bo@acme.test"}"#)
      let bo = try #require(other.json["id"] as? Int)
      // 8, 9. List and detail.
      expectShape(
        try await client.call(.get, "contact_groups/", as: h.agent), .array(Article.contactGroup), "GET contact_groups/"
      )
      expectShape(
        try await client.call(.get, "contact_group/\(group)/", as: h.agent), Article.contactGroupDetail,
        "GET contact_group/<id>/")
      // 11. Edit.
      let edited = try await client.call(
        .post, "contact_group/\(group)/", as: h.agent,
        json: #"{"description": "edited", "tagged_domains": "acme.test"}"#)
      expectShape(edited, Article.contactGroupDetail, "POST contact_group/<id>/")
      #expect(edited.json["description"] as? String == "edited")
      // 12. Add contacts: one result each, an unknown contact refused as the article shows.
      let added = try await client.call(
        .post, "contact_group/\(group)/update_contacts/", as: h.agent,
        json: #"[{"contact": \#(bo), "access_tickets": true}, {"contact": 987654}]"#)
      let results = added.any as? [Any] ?? []
      #expect(results.count == 2)
      #expect(Article.groupContactAdded.mismatches(results.first).isEmpty)
      #expect(Article.groupContactRefused.mismatches(results.last).isEmpty)
      // 6. Remove contacts: removed, not a member, does not exist.
      let removed = try await client.call(
        .post, "contact_group/\(group)/delete_contacts/", as: h.agent,
        json: #"{"contacts": [\#(ann), \#(ann), 100000]}"#)
      expectShape(removed, .array(Article.groupContactRemoved), "POST contact_group/<id>/delete_contacts/")
      let messages = (removed.any as? [[String: Any]] ?? []).compactMap {
        ($0["data"] as? [String: Any])?["message"] as? String
      }
      #expect(
        messages == [
          "Successfully removed contact from group", "Contact not part of the contact group", "Contact does not exist",
        ])
    }
  }
}
