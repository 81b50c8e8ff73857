import AssetStore

/// How well a search term matches a hit's fields, best first: the whole field, its start, the
/// start of a word in it (after a space, `@` or `.`), anywhere in it; among equals, the earlier
/// field in the hit's list (a display ID before a serial before a name …). Both sides are
/// `SearchKey.match`ed, and compared as UTF-8 bytes: the same bytes `LIKE` and the trigram index
/// compared when they chose the candidates, and no grapheme breaking (ranking 500 candidates'
/// six fields on `Character`s dominated a search for a first name at 100,000 assets).
enum SearchRanking {
  struct Ranked {
    var score: Int
    var field: String
    var value: String
  }

  /// The fields of an asset's stored search key (`SearchKey.asset`), line by line: their labels
  /// and their place in the ranking (a display ID ranks before a serial before a name …).
  static let assetLabels = ["Display ID", "Serial number", "Name", "Asset tag", "User email", "User"]
  static let assetKeyLines = [2, 0, 1, 3, 4, 5]

  /// The best matching field, or `nil` when none contains the term.
  static func best(_ term: String, in fields: [(label: String, value: String?)]) -> Ranked? {
    var best: Ranked?
    for (index, field) in fields.enumerated() {
      guard let value = field.value, !value.isEmpty, let position = position(of: term, in: SearchKey.line(value))
      else { continue }
      let score = position * 100 + index
      if best.map({ score < $0.score }) ?? true { best = Ranked(score: score, field: field.label, value: value) }
    }
    return best
  }

  /// The best score of an asset's stored search key (`SearchKey.asset`: one folded field a line)
  /// and the index of its field in `assetLabels`, or `nil` when no line contains the term. The
  /// key is read in place, no line copied.
  static func bestAssetLine(_ term: String, inKey key: String) -> (score: Int, field: Int)? {
    var term = term
    var key = key
    return term.withUTF8 { t in
      key.withUTF8 { k in
        var best: (score: Int, field: Int)?
        var start = 0
        var line = 0
        while start <= k.count, line < assetKeyLines.count {
          var end = start
          while end < k.count, k[end] != newline { end += 1 }
          if let position = position(of: t, in: UnsafeBufferPointer(rebasing: k[start..<end])) {
            let field = assetKeyLines[line]
            let score = position * 100 + field
            if best.map({ score < $0.score }) ?? true { best = (score, field) }
          }
          start = end + 1
          line += 1
        }
        return best
      }
    }
  }

  /// Where `term` is in `text`: 0 the whole text, 1 its start, 2 the start of a word, 3 anywhere;
  /// `nil` when it is not.
  static func position(of term: String, in text: String) -> Int? {
    var term = term
    var text = text
    return term.withUTF8 { t in text.withUTF8 { position(of: t, in: $0) } }
  }

  static func position(of term: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Int? {
    let m = term.count
    guard m > 0, text.count >= m else { return nil }
    let first = term[0]
    var found: Int?
    var i = 0
    while i <= text.count - m {
      if text[i] == first, matches(term, in: text, at: i) {
        if i == 0 { return text.count == m ? 0 : 1 }
        let before = text[i - 1]
        if before == space || before == at || before == dot { return 2 }
        found = 3
      }
      i += 1
    }
    return found
  }

  private static func matches(_ term: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, at i: Int)
    -> Bool
  {
    var j = 1
    while j < term.count {
      if text[i + j] != term[j] { return false }
      j += 1
    }
    return true
  }

  private static let newline = UInt8(ascii: "\n")
  private static let space = UInt8(ascii: " ")
  private static let at = UInt8(ascii: "@")
  private static let dot = UInt8(ascii: ".")

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
