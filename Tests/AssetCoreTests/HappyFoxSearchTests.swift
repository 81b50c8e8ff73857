import AssetCore
import Foundation
import Testing

/// HappyFox's search strings, ticket numbers, phones, messages and typed field values.
@Suite("HappyFox's search strings and value formats")
struct HappyFoxSearchTests {
  @Test("terms: keys, quoted lists, curly quotes, + and spaces between terms")
  func terms() {
    #expect(
      SearchTerm.parse(#"status:"In+Progress","New""#) == [SearchTerm(key: "status", values: ["In Progress", "New"])])
    #expect(
      SearchTerm.parse(#"tag:"routine_checks"+status:"New""#) == [
        SearchTerm(key: "tag", values: ["routine_checks"]), SearchTerm(key: "status", values: ["New"]),
      ])
    #expect(SearchTerm.parse(#""Team Name":"arsenal""#) == [SearchTerm(key: "team name", values: ["arsenal"])])
    #expect(
      SearchTerm.parse("contact: “james@example.com”") == [
        SearchTerm(key: "contact", values: []), SearchTerm(key: nil, values: ["james@example.com"]),
      ])
    #expect(SearchTerm.parse(#""""#).isEmpty)
    #expect(
      SearchTerm.parse("wifi  broken") == [
        SearchTerm(key: nil, values: ["wifi"]), SearchTerm(key: nil, values: ["broken"]),
      ])
  }

  @Test("ticket searches: every key of the article, dates, and unknown keys refused")
  func ticketSearch() throws {
    let search = try TicketSearch.parse(
      #"status:"Open","New" priority:high tag:a,b assignee:none group:any id:DC00000001,2 created-on-or-after:"2019/01/25" unresponded:true duedate:overdue printer"#
    )
    #expect(search.statusNames == ["Open", "New"])
    #expect(search.priorityNames == ["high"])
    #expect(search.tags == ["a", "b"])
    #expect(search.assignee == TicketSearch.Match.none)
    #expect(search.group == .any)
    #expect(search.ids == [1, 2])
    #expect(search.dates == [TicketSearch.DateTerm(field: .created, comparison: .onOrAfter, day: "2019-01-25")])
    #expect(search.unresponded == true)
    #expect(search.due == .overdue)
    #expect(search.words == ["printer"])
    #expect(try TicketSearch.parse("assignee:ana@example.com").assignee == .keywords(["ana@example.com"]))
    #expect(try TicketSearch.parse(#"last-modified-before:"01/25/2019""#).dates.first?.day == "2019-01-25")
    #expect(throws: SearchError.self) { try TicketSearch.parse(#""Team Name":"arsenal""#) }
    #expect(throws: SearchError.self) { try TicketSearch.parse("created-on:yesterday") }
    #expect(throws: SearchError.self) { try TicketSearch.parse("unresponded:maybe") }
    #expect(try TicketSearch.parse(#""""#).isEmpty)
  }

  @Test("contact searches")
  func contactSearch() throws {
    let search = try ContactSearch.parse("name:adam email:adam@example.com phone:1-123 updated_since:2024-01-31")
    #expect(search.names == ["adam"])
    #expect(search.emails == ["adam@example.com"])
    #expect(search.phones == ["1123"])
    #expect(search.updatedSince == (try Date("2024-01-31T00:00:00Z", strategy: .iso8601)))
    #expect(try ContactSearch.parse("created_since:2024-01-31T10:00:00Z").createdSince != nil)
    #expect(throws: SearchError.self) { try ContactSearch.parse("city:berlin") }
    #expect(throws: SearchError.self) { try ContactSearch.parse("phone:abc") }
  }

  @Test("ticket IDs: category prefix and eight digits, read back to the number")
  func displayIDs() {
    let ticket = Ticket(
      id: 3, subject: "x", statusID: 1, priorityID: 1, categoryID: 1, createdAt: Date(), updatedAt: Date())
    #expect(ticket.displayID(prefix: "DC") == "#DC00000003")
    #expect(Ticket.number(fromDisplayID: "#DC00000003") == 3)
    #expect(Ticket.number(fromDisplayID: "DC00000042") == 42)
    #expect(Ticket.number(fromDisplayID: "17") == 17)
    #expect(Ticket.number(fromDisplayID: "DC") == nil)
    #expect(TicketTags.parse("test1, example,,test1 ") == ["test1", "example"])
  }

  @Test("phones: old strings read as type other, drafts edit by id and keep one primary")
  func phones() {
    #expect(
      Phone.decodeStored(#"["+1 555", "2"]"#) == [
        Phone(id: 1, number: "+1 555", isPrimary: true), Phone(id: 2, number: "2"),
      ])
    let stored = [Phone(id: 1, type: .mobile, number: "1", isPrimary: true)]
    #expect(Phone.decodeStored(Phone.encodeStored(stored)) == stored)
    let after = PhoneDraft.apply(
      [PhoneDraft(number: "2", isPrimary: true), PhoneDraft(id: 1, number: "1b")], to: stored)
    #expect(after == [Phone(id: 1, type: .mobile, number: "1b"), Phone(id: 2, number: "2", isPrimary: true)])
    #expect(Phone(id: 1, number: "+1 (123) 123-1234").digits == "11231231234")
  }

  @Test("messages: text escaped into HTML, HTML stripped into text")
  func messages() {
    #expect(
      TicketMessage.from(text: "a <b>\nc", html: nil) == TicketMessage(text: "a <b>\nc", html: "a &lt;b&gt;<br>c"))
    #expect(TicketMessage.from(text: nil, html: "<p>Hi &amp; bye</p><p>x</p>")?.text == "Hi & bye\nx")
    #expect(TicketMessage.from(text: "", html: nil) == nil)
  }

  @Test("field values: stored text to HappyFox's JSON types and back")
  func fieldValues() {
    #expect(FieldValue.stored("12", type: .number) == .number(12))
    #expect(FieldValue.stored("twelve", type: .number) == .text("twelve"))
    #expect(FieldValue.stored("3", type: .dropdown) == .choice(3))
    #expect(FieldValue.stored("[1,2]", type: .multipleChoice) == .choices([1, 2]))
    #expect(FieldValue.stored("2026-11-30T23:09:34Z", type: .date) == .date("2026-11-30"))
    #expect(FieldValue.stored("true", type: .boolean) == .flag(true))
    #expect(FieldValue.choices([1, 2]).storedText == "[1,2]")
    let choices = [FieldChoice(id: 1, value: "HDMI"), FieldChoice(id: 2, value: "USB-C")]
    #expect(FieldValue.choices([2, 9]).display(choices: choices) == "USB-C, #9")
  }
}
