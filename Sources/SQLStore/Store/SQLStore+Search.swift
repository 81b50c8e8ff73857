import AssetCore
import AssetStore
import Foundation

/// One search box over devices, contacts and tickets (issue 20). Each kind is found in SQL
/// through its folded search key (the trigram index for assets, through the term's rarest
/// trigrams on SQLite: `RareTrigrams`), at most `searchCandidates` rows, and ranked in Swift
/// (`SearchRanking`), so the best of them come first with the field that matched; devices are
/// ranked on their stored keys and only the best page's fields are read (`rankAssets`).
extension SQLStore {
  /// Rows of one kind a search reads before ranking. A common term (a first name is in 3,000
  /// keys at 100,000 assets) is ranked among the first this many the index lists; reading 500
  /// cost 0.9 ms in SQLite alone, 300 0.25 ms (`sqlite3` on the `bench api` database, issue 20).
  static var searchCandidates: Int { 300 }

  public func search(_ query: SearchQuery) async throws -> SearchResults {
    guard let term = AssetSearch.term(query.text) else { return SearchResults() }
    let like: SQLStatement = "LIKE \(AssetSearch.likePattern(term)) ESCAPE '\\'"
    // Candidates carry only what ranks them: the key (one folded field a line) and the folded
    // title that orders equals (`sort_key`, the name when it is not yet backfilled). The shown
    // fields are read for the page of best ones only (`rankAssets`).
    let assetColumns =
      "assets.id, assets.sort_key, CASE WHEN assets.sort_key IS NULL THEN assets.name END, assets.search_key"
    let ticketNumber = Self.ticketNumber(term)
    let digits = term.filter { $0.isASCII && $0.isNumber }
    let phone: SQLStatement =
      digits.count >= 3 && term.allSatisfy({ "0123456789+-() .".contains($0) })
      ? " OR contacts.phone_key LIKE \(AssetSearch.likePattern(digits)) ESCAPE '\\'" : ""
    let limit = Self.searchCandidates
    let linkedTickets: SQLStatement =
      query.ticketsNotLinkedTo.map {
        " AND tickets.id NOT IN (SELECT ticket_assets.ticket_id FROM ticket_assets WHERE ticket_assets.asset_id = \($0))"
      } ?? ""
    let wantAssets = query.kinds.contains(.asset)
    let wantContacts = query.kinds.contains(.contact)
    let wantTickets = query.kinds.contains(.ticket)
    func statements(direct: SQLStatement) -> [SQLStatement] {
      [
        wantAssets ? "SELECT \(raw: assetColumns) FROM \(direct) LIMIT \(limit)" : "SELECT 1 WHERE 1 = 0",
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
          WHERE (tickets.id = \(ticketNumber ?? 0) OR tickets.search_key \(like))\(linkedTickets)
          ORDER BY tickets.id DESC LIMIT \(limit)
          """ : "SELECT 1 WHERE 1 = 0",
      ]
    }
    let (results, assets) = try await read { s in
      let direct = wantAssets ? try await assetMatch(term, s) : "assets WHERE 1 = 0"
      let results = try await s.fetch(statements(direct: direct))
      let assets =
        wantAssets ? try await rankAssets(term, direct: results[0], linked: results[1], limit: query.limit, s) : []
      return (results, assets)
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
      assets: assets,
      contacts: SearchRanking.top(contacts, limit: query.limit),
      tickets: SearchRanking.top(tickets, limit: query.limit))
  }

  public func asset(displayID: String) async throws -> Asset? {
    let wanted = displayID.trimmingCharacters(in: .whitespaces)
    guard let term = AssetSearch.term(wanted) else { return nil }
    return try await read { s in
      if let exact = try await Self.assets(s, where: "assets.display_id = \(wanted)").first { return exact }
      // The display ID is the key's second line (`SearchKey.asset`), so a key holding the term as
      // a whole line is a candidate (the serial or tag may be that line instead); the index
      // narrows to keys containing the term, the line check keeps a few, and Swift picks the one
      // whose display ID it is.
      let line: SQLStatement =
        "assets.search_key LIKE \(AssetSearch.likePattern(SearchKey.separator + term + SearchKey.separator)) ESCAPE '\\'"
      let condition = AssetSearch.canUseTrigrams(term) ? dialect.trigramMatch(term) + " AND " + line : line
      let candidates = try await s.fetch(
        "SELECT assets.id, assets.display_id FROM assets WHERE \(condition) ORDER BY assets.id")
      for row in candidates where SearchKey.line(try row.string(at: 1) ?? "") == term {
        return try await Self.assets(s, where: "assets.id = \(try row.int64(at: 0) ?? 0)").first
      }
      return nil
    }
  }

  /// Where the keys containing `term` are (`<tables> WHERE <condition>`): `LIKE` for a term too
  /// short for trigrams; PostgreSQL's trigram index (its planner chooses among the trigrams); on
  /// SQLite the FTS5 table joined to `assets`, asked for the rarest of the term's trigrams
  /// (`RareTrigrams`, counted once and remembered in `trigramCounts`) with `LIKE` checking the
  /// whole term, or for the phrase when no trigram is rare. The join reads the index's rows in
  /// order and stops at the candidates' `LIMIT`; `assets.id IN (SELECT rowid …)` first listed
  /// every match (3,000 for a first name: 3–6 ms instead of 0.9 ms at 100,000 assets).
  func assetMatch<Session: SQLSession>(_ term: String, _ s: Session) async throws -> SQLStatement {
    let like: SQLStatement = "assets.search_key LIKE \(AssetSearch.likePattern(term)) ESCAPE '\\'"
    guard AssetSearch.canUseTrigrams(term) else { return "assets WHERE \(like)" }
    guard dialect.probesSearch else { return "assets WHERE \(dialect.trigramMatch(term))" }
    let fts: SQLStatement = "asset_search JOIN assets ON assets.id = asset_search.rowid WHERE asset_search MATCH"
    let trigrams = RareTrigrams.trigrams(term)
    guard !trigrams.isEmpty else { return "\(fts) \(RareTrigrams.phrase(term))" }
    let version = try await s.fetchOne(ListTotals.versionQuery)?.int64(at: 0) ?? -1
    var counts = trigramCounts.counts(trigrams, at: version)
    let missing = trigrams.indices.filter { counts[$0] == nil }
    if !missing.isEmpty, let row = try await s.fetchOne(RareTrigrams.probe(missing.map { trigrams[$0] })) {
      var probed: [(trigram: String, count: Int)] = []
      for (column, index) in missing.enumerated() {
        let count = Int(try row.int64(at: column) ?? 0)
        counts[index] = count
        probed.append((trigrams[index], count))
      }
      trigramCounts.remember(probed, at: version)
    }
    guard let rare = RareTrigrams.query(trigrams, counts: counts.map { $0 ?? RareTrigrams.cap }) else {
      return "\(fts) \(RareTrigrams.phrase(term))"
    }
    return "\(fts) \(rare) AND \(like)"
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
