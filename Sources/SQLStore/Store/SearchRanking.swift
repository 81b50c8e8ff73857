import AssetStore

/// How well a search term matches a hit's fields, best first: the whole field, its start, the
/// start of a word in it, anywhere in it; among equals, the earlier field in the hit's list
/// (a display ID before a serial before a name …). Both sides are `SearchKey.match`ed.
enum SearchRanking {
  struct Ranked {
    var score: Int
    var field: String
    var value: String
  }

  /// The best matching field, or `nil` when none contains the term.
  static func best(_ term: String, in fields: [(label: String, value: String?)]) -> Ranked? {
    best(term, in: fields.map { ($0.label, $0.value, $0.value.map(SearchKey.line)) })
  }

  /// `best` over fields whose `SearchKey.line` is known (`text`; e.g. a line of the stored search
  /// key), so a search ranking hundreds of candidates does not fold every field again.
  static func best(_ term: String, in fields: [(label: String, value: String?, text: String?)]) -> Ranked? {
    var best: Ranked?
    for (index, field) in fields.enumerated() {
      guard let value = field.value, !value.isEmpty, let text = field.text else { continue }
      let position: Int
      if text == term {
        position = 0
      } else if text.hasPrefix(term) {
        position = 1
      } else if text.contains(" " + term) || text.contains("@" + term) || text.contains("." + term) {
        position = 2
      } else if text.contains(term) {
        position = 3
      } else {
        continue
      }
      let score = position * 100 + index
      if best.map({ score < $0.score }) ?? true { best = Ranked(score: score, field: field.label, value: value) }
    }
    return best
  }

  /// Hits best first (then by title, then id), at most `limit`.
  static func top(_ hits: [(Ranked, SearchHit)], limit: Int) -> [SearchHit] {
    // Each title folded once, not in every comparison (a sort of 500 hits compares ~4,500 times).
    hits.map { (ranked: $0.0, title: SearchKey.fold($0.1.title), hit: $0.1) }.sorted { a, b in
      if a.ranked.score != b.ranked.score { return a.ranked.score < b.ranked.score }
      if a.title != b.title { return a.title < b.title }
      return a.hit.id < b.hit.id
    }.prefix(limit).map(\.hit)
  }
}
