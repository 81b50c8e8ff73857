/// Length limits that hold in bytes too.
///
/// `String.count` counts grapheme clusters, and one cluster may carry any number of combining
/// marks: a 300 KB "one-character" name passes a `count <= 200` check. Limits therefore count
/// Unicode scalars (what agents and HappyFox call characters, within a small factor), which also
/// bounds the UTF-8 size to four bytes a scalar.
extension String {
  /// Whether the text has more than `limit` Unicode scalars.
  public func exceeds(characters limit: Int) -> Bool {
    // Stops counting at the limit instead of walking a huge string to its end.
    var count = 0
    for _ in unicodeScalars {
      count += 1
      if count > limit { return true }
    }
    return false
  }

  /// The text cut to at most `limit` Unicode scalars, ending in "…" when cut.
  public func truncated(characters limit: Int) -> String {
    guard exceeds(characters: limit) else { return self }
    var scalars = String.UnicodeScalarView()
    scalars.append(contentsOf: unicodeScalars.prefix(Swift.max(0, limit - 1)))
    return String(scalars) + "…"
  }
}

extension String {
  /// Whether the text holds a control character (Unicode category Cc: U+0000–U+001F,
  /// U+007F–U+009F); with `allowingLineBreaks`, tab, LF and CR are fine.
  public func hasControlCharacters(allowingLineBreaks: Bool = false) -> Bool {
    unicodeScalars.contains { scalar in
      guard scalar.properties.generalCategory == .control else { return false }
      return !(allowingLineBreaks && (scalar == "\t" || scalar == "\n" || scalar == "\r"))
    }
  }
}
