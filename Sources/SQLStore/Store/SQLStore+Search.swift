import AssetCore
import AssetStore
import Foundation

/// One search box over devices, contacts and tickets (issue 20). Each kind is found in SQL
/// through its folded search key (the trigram index for assets), at most `candidates` rows, and
/// ranked in Swift (`SearchRanking`), so the best of them come first with the field that matched.
extension SQLStore {
  /// Rows of one kind a search reads before ranking.
  static var searchCandidates: Int { 500 }

  public func search(_ query: SearchQuery) async throws -> SearchResults {
    guard let term = AssetSearch.term(query.text) else { return SearchResults() }
    let like: SQLStatement = "LIKE \(AssetSearch.likePattern(term)) ESCAPE '\\'"
    let assetColumns =
      "assets.id, assets.name, assets.display_id, assets.serial_number, assets.asset_tag, assets.user_email, assets.user_name, assets.kandji_device_id, assets.retired_at, assets.search_key"
    let direct: SQLStatement =
      AssetSearch.canUseTrigrams(term) ? dialect.trigramMatch(term) : "assets.search_key \(like)"
    let ticketNumber = Self.ticketNumber(term)
    let digits = term.filter { $0.isASCII && $0.isNumber }
    let phone: SQLStatement =
      digits.count >= 3 && term.allSatisfy({ "0123456789+-() .".contains($0) })
      ? " OR contacts.phone_key LIKE \(AssetSearch.likePattern(digits)) ESCAPE '\\'" : ""
    let limit = Self.searchCandidates
    let wantAssets = query.kinds.contains(.asset)
    let wantContacts = query.kinds.contains(.contact)
    let wantTickets = query.kinds.contains(.ticket)
    let statements: [SQLStatement] = [
      wantAssets ? "SELECT \(raw: assetColumns) FROM assets WHERE \(direct) LIMIT \(limit)" : "SELECT 1 WHERE 1 = 0",
      wantAssets
        ? """
        SELECT \(raw: assetColumns), contacts.name, contacts.email FROM contacts
        JOIN asset_contacts ON asset_contacts.contact_id = contacts.id
        JOIN assets ON assets.id = asset_contacts.asset_id
        WHERE contacts.search_key \(like) LIMIT \(limit)
        """ : "SELECT 1 WHERE 1 = 0",
      wantContacts
        ? "SELECT contacts.id, contacts.name, contacts.email, contacts.phones FROM contacts WHERE contacts.search_key \(like)\(phone) LIMIT \(limit)"
        : "SELECT 1 WHERE 1 = 0",
      wantTickets
        ? """
        SELECT tickets.id, tickets.subject, ticket_categories.prefix FROM tickets
        LEFT JOIN ticket_categories ON ticket_categories.id = tickets.category_id
        WHERE tickets.id = \(ticketNumber ?? 0) OR tickets.search_key \(like)
        ORDER BY tickets.id DESC LIMIT \(limit)
        """ : "SELECT 1 WHERE 1 = 0",
    ]
    let results = try await read { s in try await s.fetch(statements) }
    var assets: [Int64: (SearchRanking.Ranked, SearchHit)] = [:]
    func consider(_ row: Database.Session.Row, contact: (name: String, email: String)?) throws {
      var r = RowReader(row)
      let id = try r.int64()
      let name = try r.string()
      let displayID = try r.string()
      let fields: [(label: String, value: String?)] = [
        ("Display ID", displayID), ("Serial number", try r.optionalString()), ("Name", name),
        ("Asset tag", try r.optionalString()), ("User email", try r.optionalString()),
        ("User", try r.optionalString()),
      ]
      let managed = try r.optionalString() != nil
      let retired = try r.optionalDate() != nil
      // The stored key holds these fields already folded (`SearchKey.asset`: name, display ID,
      // serial, tag, email, user, one a line): folding 500 candidates again dominated a search for
      // a first name at 100,000 assets (`bench api`).
      let lines = try r.optionalString()?.components(separatedBy: SearchKey.separator)
      let ranked: SearchRanking.Ranked?
      if let contact {
        ranked = SearchRanking.best(term, in: [("Linked contact", "\(contact.name) <\(contact.email)>")])
      } else if let lines, lines.count == 6 {
        let texts = [lines[1], lines[2], lines[0], lines[3], lines[4], lines[5]]
        ranked = SearchRanking.best(term, in: zip(fields, texts).map { ($0.label, $0.value, $1) })
      } else {
        ranked = SearchRanking.best(term, in: fields)
      }
      guard let ranked else { return }
      if let known = assets[id], known.0.score <= ranked.score { return }
      assets[id] = (
        ranked,
        SearchHit(
          kind: .asset, id: id, title: name, reference: displayID, matchedField: ranked.field,
          matchedValue: ranked.value, managed: managed, retired: retired)
      )
    }
    if wantAssets {
      for row in results[0] { try consider(row, contact: nil) }
      for row in results[1] {
        let contact = (name: try row.string(at: 10) ?? "", email: try row.string(at: 11) ?? "")
        try consider(row, contact: contact)
      }
    }
    var contacts: [(SearchRanking.Ranked, SearchHit)] = []
    for row in wantContacts ? results[2] : [] {
      let id = try row.int64(at: 0) ?? 0
      let name = try row.string(at: 1) ?? ""
      let email = try row.string(at: 2) ?? ""
      let phones = Phone.decodeStored(try row.string(at: 3) ?? "[]")
      var ranked = SearchRanking.best(term, in: [("Email", email), ("Name", name)])
      if ranked == nil, let number = phones.first(where: { $0.digits.contains(digits) && !digits.isEmpty }) {
        ranked = SearchRanking.Ranked(score: 300, field: "Phone", value: number.number)
      }
      guard let ranked else { continue }
      contacts.append(
        (
          ranked,
          SearchHit(
            kind: .contact, id: id, title: name, reference: email, matchedField: ranked.field,
            matchedValue: ranked.value)
        ))
    }
    var tickets: [(SearchRanking.Ranked, SearchHit)] = []
    for row in wantTickets ? results[3] : [] {
      let id = try row.int64(at: 0) ?? 0
      let subject = try row.string(at: 1) ?? ""
      let number = String(id)
      let displayID =
        "#" + (try row.string(at: 2) ?? "") + String(repeating: "0", count: max(0, 8 - number.count)) + number
      let ranked =
        id == ticketNumber
        ? SearchRanking.Ranked(score: 0, field: "Ticket number", value: displayID)
        : SearchRanking.best(term, in: [("Subject", subject)])
          ?? SearchRanking.Ranked(score: 400, field: "Message", value: subject)
      tickets.append(
        (
          ranked,
          SearchHit(
            kind: .ticket, id: id, title: subject, reference: displayID, matchedField: ranked.field,
            matchedValue: ranked.value)
        ))
    }
    return SearchResults(
      assets: SearchRanking.top(Array(assets.values), limit: query.limit),
      contacts: SearchRanking.top(contacts, limit: query.limit),
      tickets: SearchRanking.top(tickets, limit: query.limit))
  }

  /// The ticket number a term names: `#gen00000006`, `gen00000006` or `6` (letters, then digits).
  static func ticketNumber(_ term: String) -> Int64? {
    let text = term.hasPrefix("#") ? term.dropFirst() : Substring(term)
    let letters = text.prefix { $0.isASCII && $0.isLetter }
    let rest = text.dropFirst(letters.count)
    guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }), rest.count <= 12 else { return nil }
    return Ticket.number(fromDisplayID: String(rest))
  }
}
