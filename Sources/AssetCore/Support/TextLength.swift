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

extension String {
  /// Whether the text can be shown as one line, as written: no control characters (Cc), no
  /// line or paragraph separator (U+2028, U+2029, which break a line like LF), and no bidi
  /// embedding, override or isolate (U+202A–U+202E, U+2066–U+2069), which reorder what follows
  /// them, so a name or tag could show as something else in every list it appears in.
  public var isOneLine: Bool {
    !unicodeScalars.contains { scalar in
      scalar.properties.generalCategory == .control || Self.breaksOneLine.contains(scalar.value)
    }
  }

  /// Line and paragraph separators and the bidi formatting controls (Unicode UAX #9).
  static let breaksOneLine: Set<UInt32> = [
    0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
  ]
}
