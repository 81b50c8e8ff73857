import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import WebApp

/// The helpdesk pages at the router: asset types and fields (admins), manual assets with custom
/// fields, the ticket page's thread and properties, ticket filters, contacts' phones and groups.
@Suite("Web UI: asset types, custom fields, ticket threads, contacts")
struct HelpdeskWebTests {
  func post(
    _ client: any TestClientProtocol, _ path: String, _ cookie: String, _ form: String
  ) async throws -> Reply {
    try await client.call(
      .post, path, as: nil, headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
      form: form)
  }

  func get(_ client: any TestClientProtocol, _ path: String, _ cookie: String) async throws -> Reply {
    try await client.call(.get, path, as: nil, headers: [("Cookie", cookie)])
  }

  @Test func adminsManageManualTypesAndFields() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (agentCookie, agentCSRF) = try await WebUITests.signIn(client, "agent@example.com")
        #expect(try await get(client, "/admin/asset-types", agentCookie).status == .forbidden)
        #expect(
          try await post(client, "/admin/asset-types", agentCookie, "_csrf=\(agentCSRF)&name=Nope").status == .forbidden
        )
        let (cookie, csrf) = try await WebUITests.signIn(client, "admin@example.com")
        let created = try await post(
          client, "/admin/asset-types", cookie, "_csrf=\(csrf)&name=Monitors&description=Desks")
        #expect(created.status == .seeOther)
        let type = try #require(try await h.store.assetTypes().first { $0.name == "Monitors" })
        #expect(created.headers[.location] == "/admin/asset-types/\(type.id)")
        let field = try await post(
          client, "/admin/asset-types/\(type.id)/fields", cookie,
          "_csrf=\(csrf)&name=Brand&type=dropdown&choices=Dell%0D%0ALG")
        #expect(field.status == .seeOther)
        let brand = try #require(try await h.store.fields(assetTypeID: type.id).first)
        #expect(brand.choices.map(\.value) == ["Dell", "LG"])
        _ = try await post(
          client, "/admin/asset-types/\(type.id)/fields/\(brand.id)", cookie,
          "_csrf=\(csrf)&name=Make&choice_1=Dell Inc.&choice_2=&new_choices=HP")
        let edited = try #require(try await h.store.field(id: brand.id))
        #expect(edited.name == "Make")
        #expect(edited.choices == [FieldChoice(id: 1, value: "Dell Inc."), FieldChoice(id: 3, value: "HP")])
        let page = try await get(client, "/admin/asset-types/\(type.id)", cookie)
        #expect(page.text.contains("Dell Inc., HP"))
        #expect(page.text.contains(#"id="add-field""#))
        // A Kandji type: listed, no forms, and the store refuses a forged one.
        let mac = try await h.store.managedType(for: .mac)
        let macPage = try await get(client, "/admin/asset-types/\(mac.id)", cookie)
        #expect(macPage.text.contains("system-controlled"))
        #expect(!macPage.text.contains(#"id="add-field""#))
        #expect(
          try await post(client, "/admin/asset-types/\(mac.id)", cookie, "_csrf=\(csrf)&name=Macs").status
            == .forbidden)
        let taken = try await post(client, "/admin/asset-types/\(type.id)", cookie, "_csrf=\(csrf)&name=Mac")
        // Refused: the type's page again (400) with the name as typed and the reason beside it.
        #expect(taken.status == .badRequest)
        #expect(taken.text.contains(#"id="type-name-error""#))
        #expect(taken.text.contains(#"value="Mac""#))
        #expect(try await h.store.assetType(id: type.id)?.name == "Monitors")
        // Deleting asks first; only the confirmed form deletes.
        let asked = try await post(client, "/admin/asset-types/\(type.id)/delete", cookie, "_csrf=\(csrf)")
        #expect(asked.text.contains(#"id="confirm-action""#))
        #expect(try await h.store.assetType(id: type.id) != nil)
        _ = try await post(client, "/admin/asset-types/\(type.id)/delete", cookie, "_csrf=\(csrf)&confirmed=1")
        #expect(try await h.store.assetType(id: type.id) == nil)
      }
    }
  }

  @Test func manualAssetsTakeTheirTypesCustomFields() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let type = try await h.store.createAssetType(name: "Monitors", description: "")
        let size = try await h.store.createField(assetTypeID: type.id, FieldDraft(name: "Size", type: .number))
        let ports = try await h.store.createField(
          assetTypeID: type.id, FieldDraft(name: "Ports", type: .multipleChoice, choices: ["HDMI", "USB-C"]))
        let (cookie, csrf) = try await WebUITests.signIn(client, "agent@example.com")
        let form = try await get(client, "/assets/new?type=\(type.id)", cookie)
        #expect(form.text.contains(#"name="cf_\#(size.id)""#))
        #expect(form.text.contains(#"name="cf_\#(ports.id)_2""#))
        let wrong = try await post(
          client, "/assets?type=\(type.id)", cookie, "_csrf=\(csrf)&name=Dell&display_id=M-1&cf_\(size.id)=big")
        #expect(wrong.status == .badRequest)
        #expect(wrong.text.contains("Enter a whole number."))
        let created = try await post(
          client, "/assets?type=\(type.id)", cookie,
          "_csrf=\(csrf)&name=Dell&display_id=M-1&cf_\(size.id)=27&cf_\(ports.id)_1=1&cf_\(ports.id)_2=1")
        #expect(created.status == .seeOther)
        let asset = try #require(try await h.store.assets(AssetQuery(assetTypeID: type.id)).items.first)
        #expect(asset.customValues == [size.id: "27", ports.id: "[1,2]"])
        let page = try await get(client, "/assets/\(asset.id)", cookie)
        #expect(page.text.contains("<dd>HDMI, USB-C</dd>"))
      }
    }
  }

  @Test func aTicketsThreadPropertiesAndFilters() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let contact = try await h.store.createContact(name: "Zoë", email: "zoe@example.com", phones: [], at: Date())
        let (cookie, csrf) = try await WebUITests.signIn(client, "agent@example.com")
        let created = try await post(
          client, "/tickets", cookie,
          "_csrf=\(csrf)&subject=Printer jams&message=Paper everywhere&contact_id=\(contact.id)&category_id=1&priority_id=2"
        )
        #expect(created.status == .seeOther)
        let ticket = try #require(try await h.store.tickets(TicketQuery()).items.first)
        let catalog = try await h.store.ticketCatalog()
        let solved = try #require(catalog.statuses.first { $0.name == "Solved" })
        _ = try await post(
          client, "/tickets/\(ticket.id)/reply", cookie,
          "_csrf=\(csrf)&message=Checked the tray&private=1&status_id=\(solved.id)")
        _ = try await post(
          client, "/tickets/\(ticket.id)/properties", cookie,
          "_csrf=\(csrf)&status_id=\(solved.id)&priority_id=3&category_id=1&assignee_id=\(h.agent.agent.id)&tags=paper, hw"
        )
        let page = try await get(client, "/tickets/\(ticket.id)", cookie)
        #expect(page.text.contains("Paper everywhere"))
        #expect(page.text.contains("Checked the tray"))
        #expect(page.text.contains(#"<span class="badge">Private note</span>"#))
        #expect(page.text.contains("Status: New → Solved"))
        #expect(page.text.contains("Priority: Medium → High"))
        #expect(page.text.contains("Tags added: paper, hw"))
        #expect(page.text.contains(#"id="ticket-tags">paper, hw<"#))
        let updated = try #require(try await h.store.ticket(id: ticket.id))
        #expect(updated.assigneeID == h.agent.agent.id)
        // Filters.
        let other = try await h.store.createTicket(TicketDraft(subject: "Other"), at: Date())
        for (query, shown, hidden) in [
          ("status=\(solved.id)", ticket.id, other.id), ("status=_pending", other.id, ticket.id),
          ("assignee=none", other.id, ticket.id), ("assignee=\(h.agent.agent.id)", ticket.id, other.id),
          ("category=1", ticket.id, -1),
        ] {
          let list = try await get(client, "/tickets?\(query)", cookie)
          #expect(list.text.contains(#"href="/tickets/\#(shown)""#), "\(query)")
          #expect(!list.text.contains(#"href="/tickets/\#(hidden)""#), "\(query)")
        }
      }
    }
  }

  @Test func contactsShowPhonesAndGroups() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "agent@example.com")
        _ = try await post(
          client, "/contact-groups", cookie, "_csrf=\(csrf)&name=Front office&tagged_domains=acme.test")
        let added = try await post(
          client, "/contacts", cookie, "_csrf=\(csrf)&name=Ann&email=ann@acme.test&phone=%2B1 555 0100&phone_type=w")
        #expect(added.status == .seeOther)
        let ann = try #require(try await h.store.contact(email: "ann@acme.test"))
        #expect(ann.phones == [Phone(id: 1, type: .work, number: "+1 555 0100", isPrimary: true)])
        let page = try await get(client, "/contacts/\(ann.id)", cookie)
        #expect(page.text.contains("+1 555 0100"))
        #expect(page.text.contains("Work"))
        #expect(page.text.contains("Front office"))
        let list = try await get(client, "/contacts", cookie)
        #expect(list.text.contains("+1 555 0100 (work)"))
        let group = try #require(try await h.store.contactGroups().first)
        _ = try await post(client, "/contacts/\(ann.id)/groups/\(group.id)/remove", cookie, "_csrf=\(csrf)")
        #expect(try await h.store.groupMembers(groupID: group.id).isEmpty)
        _ = try await post(client, "/contacts/\(ann.id)/groups", cookie, "_csrf=\(csrf)&group_id=\(group.id)")
        #expect(try await h.store.groupMembers(groupID: group.id).map(\.contact.id) == [ann.id])
      }
    }
  }
}
