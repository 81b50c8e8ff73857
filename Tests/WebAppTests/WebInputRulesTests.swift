import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import WebApp

/// One set of text rules for the API and the web forms (issue 16, items 4, 5 and 9): a web form
/// refuses what its API counterpart refuses, with the message beside the field; one-line text
/// refuses line separators and bidi controls; long threads are capped and paged.
@Suite("Web and API: one set of input rules; long threads")
struct WebInputRulesTests {
  func post(_ client: any TestClientProtocol, _ path: String, _ cookie: String, _ form: String) async throws -> Reply {
    try await client.call(
      .post, path, as: nil, headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
      form: form)
  }

  func get(_ client: any TestClientProtocol, _ path: String, _ cookie: String) async throws -> Reply {
    try await client.call(.get, path, as: nil, headers: [("Cookie", cookie)])
  }

  /// `text` percent-encoded for a form body.
  func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }

  @Test func webTicketRepliesFollowTheAPIsRules() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "agent@example.com")
        let ticket = try await h.store.createTicket(TicketDraft(subject: "Printer"), at: Date())
        func entries() async throws -> Int {
          try await h.store.ticketUpdates(ticketIDs: [ticket.id])[ticket.id]?.count ?? 0
        }
        let before = try await entries()

        let long = try await post(
          client, "/tickets/\(ticket.id)/reply", cookie,
          "_csrf=\(csrf)&message=" + String(repeating: "a", count: 200_000))
        #expect(long.status == .badRequest)
        #expect(long.text.contains(#"id="reply-error">Ensure this field has no more than 100000 characters."#))
        // The API says the same for the same text.
        let api = try await client.call(
          .post, "ticket/\(ticket.id)/staff_update/", as: h.agent,
          json: #"{"text": "\#(String(repeating: "a", count: 100_001))"}"#)
        #expect(api.status == .badRequest)
        #expect(api.fieldErrors["text"] == ["Ensure this field has no more than 100000 characters."])

        let nul = try await post(client, "/tickets/\(ticket.id)/reply", cookie, "_csrf=\(csrf)&message=before%00after")
        #expect(nul.status == .badRequest)
        #expect(nul.text.contains(#"id="reply-error">Remove control characters."#))
        #expect(try await entries() == before)

        // Line separators and bidi controls are fine in a message (several lines of text).
        let fine = try await post(
          client, "/tickets/\(ticket.id)/reply", cookie, "_csrf=\(csrf)&message=" + encoded("one\u{2028}two \u{202E}x"))
        #expect(fine.status == .seeOther)
        #expect(try await entries() == before + 1)
      }
    }
  }

  @Test func webTagsFollowTheAPIsRules() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "agent@example.com")
        let ticket = try await h.store.createTicket(TicketDraft(subject: "Printer", tags: ["kept"]), at: Date())
        for bad in ["hw, es\u{1B}[31mc", "a\u{2028}b", "right\u{202E}fdp", "iso\u{2066}late"] {
          let reply = try await post(
            client, "/tickets/\(ticket.id)/properties", cookie,
            "_csrf=\(csrf)&status_id=1&priority_id=2&category_id=1&tags=" + encoded(bad))
          #expect(reply.status == .badRequest, "\(bad.debugDescription)")
          #expect(reply.text.contains(#"id="tags-error">Give at most 100 entries"#), "\(bad.debugDescription)")
          #expect(try await h.store.ticket(id: ticket.id)?.tags == ["kept"])
          let api = try await client.call(
            .post, "ticket/\(ticket.id)/update_tags/", as: h.agent,
            json:
              #"{"add": "\#(bad.unicodeScalars.map { $0.value < 0x80 && $0.value >= 0x20 ? String($0) : String(format: "\\u%04X", $0.value) }.joined())"}"#
          )
          #expect(api.status == .badRequest, "\(bad.debugDescription)")
        }
        let fine = try await post(
          client, "/tickets/\(ticket.id)/properties", cookie,
          "_csrf=\(csrf)&status_id=1&priority_id=2&category_id=1&tags=" + encoded("hw, Zoë"))
        #expect(fine.status == .seeOther)
        #expect(try await h.store.ticket(id: ticket.id)?.tags == ["hw", "Zoë"])
      }
    }
  }

  @Test func webTicketContactAndAssetFormsFollowTheAPIsRules() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "agent@example.com")
        // New ticket: a subject on one line of at most 500 characters, a message of at most 100,000.
        let longSubject = try await post(
          client, "/tickets", cookie, "_csrf=\(csrf)&category_id=1&subject=" + String(repeating: "s", count: 501))
        #expect(longSubject.status == .badRequest)
        #expect(longSubject.text.contains("Ensure this field has no more than 500 characters."))
        let bidiSubject = try await post(
          client, "/tickets", cookie, "_csrf=\(csrf)&category_id=1&subject=" + encoded("Invoice \u{202E}fdp.exe"))
        #expect(bidiSubject.status == .badRequest)
        #expect(bidiSubject.text.contains("Use one line without control characters"))
        let nulMessage = try await post(
          client, "/tickets", cookie, "_csrf=\(csrf)&category_id=1&subject=Fine&message=a%00b")
        #expect(nulMessage.status == .badRequest)
        #expect(nulMessage.text.contains("Remove control characters."))
        #expect(try await h.store.tickets(TicketQuery()).total == 0)

        // New contact: name and phone one line each.
        let contact = try await post(
          client, "/contacts", cookie,
          "_csrf=\(csrf)&name=" + encoded("Zoë\u{2029}Admin") + "&email=zoe@example.com&phone=" + encoded("555\u{1B}1"))
        #expect(contact.status == .badRequest)
        #expect(contact.text.components(separatedBy: "Use one line without control characters").count == 3)
        #expect(try await h.store.contacts(ContactQuery(page: 1, size: 10)).total == 0)

        // New manual asset: name and display ID one line each.
        let type = try await h.store.createAssetType(AssetTypeDraft(name: "Printers", description: ""))
        let asset = try await post(
          client, "/assets?type=\(type.id)", cookie,
          "_csrf=\(csrf)&name=" + encoded("Printer\u{2066}x") + "&display_id=P%001")
        #expect(asset.status == .badRequest)
        #expect(asset.text.components(separatedBy: "Use one line without control characters").count == 3)
        #expect(try await h.store.assets(AssetQuery(page: 1, size: 10)).total == 0)

        // The API refuses the same one-line text.
        let api = try await client.call(
          .post, "tickets/", as: h.agent,
          json: #"{"subject": "Invoice \u202Efdp", "text": "x", "category": 1, "email": "a@example.com"}"#)
        #expect(api.status == .badRequest)
        #expect(api.fieldErrors["subject"]?.first?.hasPrefix("Use one line without control characters") == true)
      }
    }
  }

  @Test func longThreadsArePagedAndCapped() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (cookie, _) = try await WebUITests.signIn(client, "agent@example.com")
        let ticket = try await h.store.createTicket(
          TicketDraft(subject: "Long", message: TicketMessage.from(text: "entry-0", html: nil)), at: Date())
        for index in 1...30 {
          _ = try await h.store.applyTicketAction(
            ticket.id,
            TicketAction(
              kind: .staffUpdate, byAgentID: h.agent.agent.id,
              message: TicketMessage.from(text: "entry-\(index)", html: nil)), at: Date())
        }
        let page = try await get(client, "/tickets/\(ticket.id)", cookie)
        #expect(page.status == .ok)
        #expect(page.text.components(separatedBy: #"<li class="entry"#).count - 1 == 25)
        #expect(page.text.contains("entry-30"))
        #expect(!page.text.contains("entry-5<"))
        #expect(page.text.contains("Showing 25 of 31 updates."))
        let thread = try await h.store.ticketUpdates(ticketIDs: [ticket.id])[ticket.id] ?? []
        let firstShown = thread[thread.count - 25].id
        #expect(page.text.contains(#"href="/tickets/\#(ticket.id)?before=\#(firstShown)#thread" id="older-updates""#))
        let older = "/tickets/\(ticket.id)?before=\(firstShown)"
        let second = try await get(client, older, cookie)
        #expect(second.text.components(separatedBy: #"<li class="entry"#).count - 1 == 6)
        #expect(second.text.contains("entry-0<"))
        #expect(second.text.contains(#"id="newest-updates""#))
        #expect(!second.text.contains(#"id="older-updates""#))

        // A full thread: the API answers 413, the web form says why.
        let large = String(repeating: "y", count: 100_000)
        for _ in 0..<(TicketThreadLimits.maxCharacters / 100_000 - 1) {
          _ = try await h.store.applyTicketAction(
            ticket.id,
            TicketAction(
              kind: .privateNote, byAgentID: h.agent.agent.id, message: TicketMessage.from(text: large, html: nil)),
            at: Date())
        }
        let api = try await client.call(
          .post, "ticket/\(ticket.id)/staff_update/", as: h.agent, json: #"{"text": "\#(large)"}"#)
        #expect(api.status == .contentTooLarge)
        #expect(api.message.contains("thread is full"))
      }
    }
  }

  /// The invisible marks one-line text refuses besides the bidi embeddings and isolates: the
  /// direction marks, the Arabic letter mark, the deprecated format controls and the BOM.
  static let invisibleMarks: [Unicode.Scalar] = [
    0x200E, 0x200F, 0x061C, 0x206A, 0x206B, 0x206C, 0x206D, 0x206E, 0x206F, 0xFEFF,
  ]
  .map { Unicode.Scalar($0)! }

  @Test("one-line text refuses U+200E, U+200F, U+061C, U+206A–U+206F and U+FEFF", arguments: invisibleMarks)
  func oneLineRefusesInvisibleMarks(mark: Unicode.Scalar) {
    #expect(!"Invoice\(mark)fdp.exe".isOneLine)
    #expect(!"\(mark)".isOneLine)
    #expect("Zoë \u{200D}\u{1F469} Müller".isOneLine)  // a zero-width joiner in an emoji stays fine
  }

  @Test("web forms and the API refuse the invisible marks in one-line text")
  func invisibleMarksThroughWebAndAPI() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (cookie, csrf) = try await WebUITests.signIn(client, "agent@example.com")
        let ticket = try await h.store.createTicket(TicketDraft(subject: "Printer", tags: ["kept"]), at: Date())
        for mark in Self.invisibleMarks {
          let web = try await post(
            client, "/tickets/\(ticket.id)/properties", cookie,
            "_csrf=\(csrf)&status_id=1&priority_id=2&category_id=1&tags=" + encoded("a\(mark)b"))
          #expect(web.status == .badRequest, "U+\(String(mark.value, radix: 16))")
          let escaped = String(format: "\\u%04X", mark.value)
          let api = try await client.call(
            .post, "tickets/", as: h.agent,
            json: #"{"subject": "Invoice \#(escaped)fdp", "text": "x", "category": 1, "email": "a@example.com"}"#)
          #expect(api.status == .badRequest, "U+\(String(mark.value, radix: 16))")
          #expect(api.fieldErrors["subject"]?.first?.hasPrefix("Use one line without control characters") == true)
        }
        #expect(try await h.store.ticket(id: ticket.id)?.tags == ["kept"])
        #expect(try await h.store.tickets(TicketQuery()).total == 1)
      }
    }
  }

  @Test("openapi.yaml's one-line patterns refuse the same invisible marks the server refuses")
  func openAPIOneLinePatternsMatchTheServer() throws {
    let text = try String(contentsOf: OpenAPITests.documentURL, encoding: .utf8)
    let patterns = Set(
      text.split(separator: "\n").compactMap { line -> String? in
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("pattern: "), trimmed.contains("\\u2028") else { return nil }
        return String(trimmed.dropFirst("pattern: ".count))
      })
    #expect(patterns.count >= 4)  // one-line text, a required one, an email, an optional email
    for pattern in patterns {
      let regex = try NSRegularExpression(pattern: pattern)
      func matches(_ value: String) -> Bool {
        regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
      }
      #expect(matches("Printer") || matches("printer@example.com"), "\(pattern)")
      for mark in Self.invisibleMarks + ["\u{2028}", "\u{202E}", "\u{2066}"] {
        #expect(
          !matches("Print\(mark)er") && !matches("print\(mark)er@example.com"),
          "U+\(String(mark.value, radix: 16)) \(pattern)")
      }
    }
  }
}
