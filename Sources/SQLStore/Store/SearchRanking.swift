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
    var best: Ranked?
    for (index, field) in fields.enumerated() {
      guard let value = field.value, !value.isEmpty else { continue }
      let text = SearchKey.line(value)
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
    hits.sorted { a, b in
      if a.0.score != b.0.score { return a.0.score < b.0.score }
      let titles = (SearchKey.fold(a.1.title), SearchKey.fold(b.1.title))
      if titles.0 != titles.1 { return titles.0 < titles.1 }
      return a.1.id < b.1.id
    }.prefix(limit).map(\.1)
  }
}
