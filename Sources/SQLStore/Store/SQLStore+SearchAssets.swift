import AssetCore
import AssetStore
import Foundation

/// The devices of one search (issue 20), ranked on what the candidates carry and shown from one
/// more read of the best page only: a first name matches thousands of devices, and reading and
/// decoding every shown field of 500 candidates cost more than the search itself.
extension SQLStore {
  /// One device the search found: its best score, the field that gave it (an index into
  /// `SearchRanking.assetLabels`, or `nil` for a linked contact, whose text is `contact`) and
  /// the folded title that orders equals.
  struct AssetCandidate {
    var id: Int64
    var score: Int
    var field: Int?
    var contact: String?
    var title: String
  }

  /// The best `limit` devices among `direct` (`id, sort_key, name when sort_key is NULL,
  /// search_key`) and `linked` (the same, then a matching contact's name and email), best
  /// first, then by title, then by id; a device found both ways keeps its better match.
  func rankAssets<Session: SQLSession>(
    _ term: String, direct: [Session.Row], linked: [Session.Row], limit: Int, _ s: Session
  ) async throws -> [SearchHit] {
    var best: [Int64: AssetCandidate] = [:]
    func keep(_ candidate: AssetCandidate) {
      if let known = best[candidate.id], known.score <= candidate.score { return }
      best[candidate.id] = candidate
    }
    func title(_ row: Session.Row) throws -> String {
      try row.string(at: 1) ?? SearchKey.fold(try row.string(at: 2) ?? "")
    }
    for row in direct {
      guard let key = try row.string(at: 3), let ranked = SearchRanking.bestAssetLine(term, inKey: key) else {
        continue
      }
      keep(
        AssetCandidate(
          id: try row.int64(at: 0) ?? 0, score: ranked.score, field: ranked.field, contact: nil, title: try title(row)))
    }
    for row in linked {
      let contact = "\(try row.string(at: 4) ?? "") <\(try row.string(at: 5) ?? "")>"
      guard let ranked = SearchRanking.best(term, in: [("Linked contact", contact)]) else { continue }
      keep(
        AssetCandidate(
          id: try row.int64(at: 0) ?? 0, score: ranked.score, field: nil, contact: contact, title: try title(row)))
    }
    let page = best.values.sorted { a, b in
      if a.score != b.score { return a.score < b.score }
      if a.title != b.title { return a.title < b.title }
      return a.id < b.id
    }.prefix(limit)
    guard !page.isEmpty else { return [] }
    let rows = try await s.fetch(
      """
      SELECT assets.id, assets.display_id, assets.serial_number, assets.name, assets.asset_tag, assets.user_email,
      assets.user_name, assets.kandji_device_id IS NOT NULL, assets.retired_at IS NOT NULL
      FROM assets WHERE assets.id IN (\(list: page.map(\.id)))
      """)
    var shown: [Int64: (fields: [String?], managed: Bool, retired: Bool)] = [:]
    for row in rows {
      var r = RowReader(row)
      let id = try r.int64()
      // In `SearchRanking.assetLabels` order.
      let fields = try (0..<SearchRanking.assetLabels.count).map { _ in try r.optionalString() }
      shown[id] = (fields, try r.bool(), try r.bool())
    }
    // A device deleted between the two reads is left out.
    return page.compactMap { candidate in
      guard let device = shown[candidate.id] else { return nil }
      let label = candidate.field.map { SearchRanking.assetLabels[$0] } ?? "Linked contact"
      let value = candidate.field.map { device.fields[$0] ?? "" } ?? candidate.contact ?? ""
      return SearchHit(
        kind: .asset, id: candidate.id, title: device.fields[2] ?? "", reference: device.fields[0] ?? "",
        matchedField: label, matchedValue: value, managed: device.managed, retired: device.retired)
    }
  }
}
