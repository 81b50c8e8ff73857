import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

/// Issue 20's pickers over real HTTP (the app on a loopback port): `/pick/<kind>?q=` answers a
/// few matches as the agent types, folding case and diacritics like the search box, behind the
/// web session; no page lists every contact or ticket any more; and without JavaScript the forms
/// take a typed email, display ID or ticket number, or come back with the problem beside the field.
@Suite("Web UI: pickers search as you type")
struct PickerSearchTests {
  /// Contacts seeded: more than the old pickers' page of 50, so a page listing every row shows.
  static let contactCount = 60

  /// Runs `body` against the app on a loopback port, signed in as the agent (session cookie).
  static func live(
    _ h: AppHarness, _ body: @Sendable (any TestClientProtocol, _ cookie: String, _ csrf: String) async throws -> Void
  ) async throws {
    let app = await AppBuilder.buildApplication(
      configuration: AppConfiguration(port: 0, bcryptCost: 4, runScheduler: false), services: h.services)
    try await app.test(.live) { client in
      let (cookie, csrf) = try await WebUITests.signIn(client, "agent@example.com")
      try await body(client, cookie, csrf)
    }
  }

  struct Seed {
    let contacts: [Contact]
    let asset: Asset
    let ticket: Ticket
    let ticketNumber: String
  }

  /// 60 contacts named Zoë, Mac assets `MAC-0001` and `MAC-0010`…`MAC-0019`, and one ticket.
  static func seed(_ h: AppHarness) async throws -> Seed {
    var contacts: [Contact] = []
    for number in 10..<(10 + contactCount) {
      contacts.append(
        try await h.store.createContact(
          name: "Zoë Pickering \(number)", email: "zoe.picker\(number)@example.com", phones: [], at: Date()))
    }
    let mac = try await h.store.managedType(for: .mac)
    func asset(_ displayID: String) async throws -> Asset {
      try await h.store.createManualAsset(
        ManualAssetDraft(assetTypeID: mac.id, name: "Loaner \(displayID)", displayID: displayID), at: Date())
    }
    let first = try await asset("MAC-0001")
    for number in 10..<20 { _ = try await asset("MAC-00\(number)") }
    let ticket = try await h.store.createTicket(
      TicketDraft(subject: "Printer jams on the third floor", createdBy: h.agent.agent.id), at: Date())
    let prefix = try await h.store.ticketCatalog().category(ticket.categoryID)?.prefix ?? ""
    return Seed(contacts: contacts, asset: first, ticket: ticket, ticketNumber: ticket.displayID(prefix: prefix))
  }

  static func get(_ client: any TestClientProtocol, _ path: String, _ cookie: String) async throws -> Reply {
    try await client.call(.get, path, as: nil, headers: [("Cookie", cookie)])
  }

  static func post(_ client: any TestClientProtocol, _ path: String, _ cookie: String, _ form: String)
    async throws -> Reply
  {
    try await client.call(
      .post, path, as: nil, headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
      form: form)
  }

  static func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

  /// The picker's matches: `(id, value)` of each, in order.
  static func matches(_ reply: Reply) -> [(id: Int64, value: String)] {
    (reply.json["results"] as? [[String: Any]] ?? []).map {
      (Int64($0["id"] as? Int ?? 0), $0["value"] as? String ?? "")
    }
  }

  @Test("a picker answers at most 8 matches, best first, folding case and diacritics; display IDs in any case")
  func fewMatchesAnyCase() async throws {
    try await AppHarness.run(devices: 1) { h in
      let seed = try await Self.seed(h)
      try await Self.live(h) { client, cookie, _ in
        // "zoe" finds the Zoës, but only a few of the 60.
        let many = try await Self.get(client, "/pick/contacts?q=zoe", cookie)
        #expect(many.status == .ok)
        #expect(many.headers[.contentType]?.hasPrefix("application/json") == true)
        #expect(many.headers[.cacheControl] == "no-store")
        #expect(Self.matches(many).count == 8)
        let one = Self.matches(try await Self.get(client, "/pick/contacts?q=ZOE.PICKER42", cookie))
        #expect(one.first?.value == "zoe.picker42@example.com")
        #expect(one.first?.id == seed.contacts.first { $0.email == "zoe.picker42@example.com" }?.id)
        let item = try #require(
          (try await Self.get(client, "/pick/contacts?q=picker42", cookie)).json["results"] as? [[String: Any]])
        #expect(item.first?["label"] as? String == "Zoë Pickering 42")

        // Display IDs without regard to case; the exact one first.
        let assets = Self.matches(try await Self.get(client, "/pick/assets?q=mac-0001", cookie))
        #expect(assets.first?.value == "MAC-0001")
        #expect(assets.first?.id == seed.asset.id)
        #expect(Self.matches(try await Self.get(client, "/pick/assets?q=mac-00", cookie)).count == 8)

        // Tickets by number in any form and case, or by words of the subject.
        for typed in [seed.ticketNumber.lowercased(), String(seed.ticketNumber.dropFirst()), "printer JAMS"] {
          let tickets = Self.matches(try await Self.get(client, "/pick/tickets?q=\(Self.encoded(typed))", cookie))
          #expect(tickets.first?.id == seed.ticket.id, "\(typed)")
          #expect(tickets.first?.value == seed.ticketNumber)
        }

        // Blank or missing text finds nothing; too long or with control characters is a 400, not a 500.
        for blank in ["/pick/contacts?q=%20%20", "/pick/assets", "/pick/tickets?q="] {
          let reply = try await Self.get(client, blank, cookie)
          #expect(reply.status == .ok, "\(blank)")
          #expect(reply.json["results"] as? [Any] != nil, "\(blank)")
          #expect(Self.matches(reply).isEmpty, "\(blank)")
        }
        for bad in ["/pick/contacts?q=" + String(repeating: "a", count: 201), "/pick/assets?q=mac%0A1"] {
          let reply = try await Self.get(client, bad, cookie)
          #expect(reply.status == .badRequest, "\(bad)")
          #expect(reply.message.contains("200 characters"))
        }

        // A signed-out browser gets the sign-in page, never the matches.
        for kind in ["contacts", "assets", "tickets"] {
          let anonymous = try await client.call(.get, "/pick/\(kind)?q=zoe", as: nil)
          #expect(anonymous.status == .seeOther)
          #expect(anonymous.headers[.location]?.hasPrefix("/login?next=") == true)
          #expect(!anonymous.text.contains("zoe.picker"))
          // An API key is not a web session.
          let key = try await client.call(.get, "/pick/\(kind)?q=zoe", as: h.agent)
          #expect(key.status == .seeOther)
        }
      }
    }
  }

  @Test("no page lists every contact or ticket: the asset, ticket and new-ticket forms carry pickers")
  func noPageListsEveryRow() async throws {
    try await AppHarness.run(devices: 1) { h in
      let seed = try await Self.seed(h)
      try await Self.live(h) { client, cookie, _ in
        let pages = [
          ("/assets/\(seed.asset.id)", ["/pick/contacts", "/pick/tickets?asset=\(seed.asset.id)"]),
          ("/tickets/\(seed.ticket.id)", ["/pick/assets"]), ("/tickets", ["/pick/contacts", "/pick/assets"]),
        ]
        for (path, pickers) in pages {
          let page = try await Self.get(client, path, cookie)
          #expect(page.status == .ok, "\(path)")
          let listed = seed.contacts.filter { page.text.contains($0.email) }
          #expect(listed.isEmpty, "\(path) lists \(listed.count) contacts")
          #expect(!page.text.contains("<select id=\"contact_id\""), "\(path)")
          #expect(!page.text.contains("<select id=\"ticket_id\""), "\(path)")
          for picker in pickers { #expect(page.text.contains("data-picker=\"\(picker)\""), "\(path): \(picker)") }
        }
        // The ticket is not offered on the asset page until typed for (its subject is nowhere).
        let assetPage = try await Self.get(client, "/assets/\(seed.asset.id)", cookie)
        #expect(!assetPage.text.contains("Printer jams on the third floor"))
      }
    }
  }

  @Test("the asset page's ticket picker does not offer tickets already linked to the asset")
  func ticketPickerLeavesOutLinked() async throws {
    try await AppHarness.run(devices: 1) { h in
      let seed = try await Self.seed(h)
      let other = try await h.store.createTicket(
        TicketDraft(subject: "Printer jams again", createdBy: h.agent.agent.id), at: Date())
      try await h.store.linkTicket(seed.ticket.id, toAsset: seed.asset.id, at: Date(), by: h.agent.agent.id)
      try await Self.live(h) { client, cookie, _ in
        func offered(_ path: String) async throws -> Set<Int64> {
          let reply = try await Self.get(client, path, cookie)
          #expect(reply.status == .ok, "\(path)")
          return Set(Self.matches(reply).map(\.id))
        }
        // The page's picker names its asset; its matches leave out the linked ticket.
        let page = try await Self.get(client, "/assets/\(seed.asset.id)", cookie)
        #expect(page.text.contains("data-picker=\"/pick/tickets?asset=\(seed.asset.id)\""))
        #expect(try await offered("/pick/tickets?asset=\(seed.asset.id)&q=printer") == [other.id])
        #expect(try await offered("/pick/tickets?asset=\(seed.asset.id)&q=\(seed.ticket.id)").isEmpty)
        // Another asset, or no asset, is offered both.
        #expect(try await offered("/pick/tickets?q=printer") == [seed.ticket.id, other.id])
        let another = try #require(try await h.store.asset(displayID: "MAC-0010"))
        #expect(try await offered("/pick/tickets?asset=\(another.id)&q=printer") == [seed.ticket.id, other.id])
        // A malformed asset is ignored, never a 500.
        #expect(try await offered("/pick/tickets?asset=x&q=printer") == [seed.ticket.id, other.id])
      }
    }
  }

  @Test("without JavaScript the forms take a typed email, ticket number or display ID; unknown ones come back")
  func typedValuesWithoutJavaScript() async throws {
    try await AppHarness.run(devices: 1) { h in
      let seed = try await Self.seed(h)
      try await Self.live(h) { client, cookie, csrf in
        let asset = seed.asset
        let zoe = try #require(seed.contacts.first { $0.email == "zoe.picker42@example.com" })

        // A contact on an asset by its email in any case.
        let added = try await Self.post(
          client, "/assets/\(asset.id)/contacts", cookie, "_csrf=\(csrf)&contact=ZOE.PICKER42@EXAMPLE.COM&contact_id=")
        #expect(added.status == .seeOther)
        #expect(try await h.store.contactLinks(assetID: asset.id).map(\.contact.id) == [zoe.id])
        // Unknown: the asset page again, the text kept and the problem beside the field.
        let unknown = try await Self.post(
          client, "/assets/\(asset.id)/contacts", cookie, "_csrf=\(csrf)&contact=nobody@example.com")
        #expect(unknown.status == .badRequest)
        #expect(unknown.text.contains(#"id="contact-error""#))
        #expect(unknown.text.contains(#"value="nobody@example.com""#))
        #expect(unknown.text.contains(#"aria-invalid="true""#))
        #expect(unknown.text.contains("No contact has the email"))
        let blank = try await Self.post(client, "/assets/\(asset.id)/contacts", cookie, "_csrf=\(csrf)&contact=")
        #expect(blank.status == .badRequest)
        #expect(blank.text.contains(#"id="contact-error""#))
        // The chosen id wins over the text (the script fills both).
        let other = seed.contacts[0]
        let chosen = try await Self.post(
          client, "/assets/\(asset.id)/contacts", cookie, "_csrf=\(csrf)&contact=Zo&contact_id=\(other.id)")
        #expect(chosen.status == .seeOther)
        #expect(Set(try await h.store.contactLinks(assetID: asset.id).map(\.contact.id)) == [zoe.id, other.id])

        // A ticket on an asset by its number, lower case; a wrong prefix or number is refused.
        let number = Self.encoded(seed.ticketNumber.lowercased())
        let linked = try await Self.post(
          client, "/assets/\(asset.id)/tickets", cookie, "_csrf=\(csrf)&ticket=\(number)")
        #expect(linked.status == .seeOther)
        #expect(try await h.store.ticket(id: seed.ticket.id)?.assetIDs.contains(asset.id) == true)
        for wrong in ["XYZ\(seed.ticket.id)", "999999", "jams"] {
          let refused = try await Self.post(
            client, "/assets/\(asset.id)/tickets", cookie, "_csrf=\(csrf)&ticket=\(wrong)")
          #expect(refused.status == .badRequest, "\(wrong)")
          #expect(refused.text.contains(#"id="ticket-error""#), "\(wrong)")
          #expect(refused.text.contains("value=\"\(wrong)\""), "\(wrong)")
        }

        // An asset on a ticket by its display ID in lower case.
        let other2 = try await h.store.createTicket(
          TicketDraft(subject: "Fan is loud", createdBy: h.agent.agent.id), at: Date())
        let onTicket = try await Self.post(
          client, "/tickets/\(other2.id)/assets", cookie, "_csrf=\(csrf)&display_id=mac-0001")
        #expect(onTicket.status == .seeOther)
        #expect(try await h.store.ticket(id: other2.id)?.assetIDs == [asset.id])
        let noAsset = try await Self.post(
          client, "/tickets/\(other2.id)/assets", cookie, "_csrf=\(csrf)&display_id=NOPE-1")
        #expect(noAsset.status == .badRequest)
        #expect(noAsset.text.contains(#"id="display-id-error""#))
        #expect(noAsset.text.contains(#"value="NOPE-1""#))
        #expect(noAsset.text.contains("No asset has the display ID"))

        // A new ticket with a typed requester email and asset display ID.
        let created = try await Self.post(
          client, "/tickets", cookie,
          "_csrf=\(csrf)&subject=Dock is dead&contact=Zoe.Picker43@example.com&contact_id=&asset_display_id=mac-0001")
        #expect(created.status == .seeOther)
        let id = try #require(created.headers[.location].flatMap { Int64($0.split(separator: "/").last ?? "") })
        let ticket = try #require(try await h.store.ticket(id: id))
        #expect(ticket.contactID == seed.contacts.first { $0.email == "zoe.picker43@example.com" }?.id)
        #expect(ticket.assetIDs == [asset.id])
        // Unknown requester: the form again with everything typed.
        let refused = try await Self.post(
          client, "/tickets", cookie,
          "_csrf=\(csrf)&subject=Dock is dead&contact=ghost@example.com&asset_display_id=mac-0001")
        #expect(refused.status == .badRequest)
        #expect(refused.text.contains(#"id="contact-error""#))
        #expect(refused.text.contains(#"value="ghost@example.com""#))
        #expect(refused.text.contains(#"value="Dock is dead""#))
        #expect(refused.text.contains(#"value="mac-0001""#))
      }
    }
  }
}
