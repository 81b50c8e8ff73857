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
  /// line or paragraph separator (U+2028, U+2029, which break a line like LF), no bidi
  /// embedding, override or isolate (U+202A–U+202E, U+2066–U+2069), which reorder what follows
  /// them, so a name or tag could show as something else in every list it appears in, and no
  /// invisible direction mark or deprecated format control (U+200E, U+200F, U+061C, U+206A–U+206F)
  /// nor the byte order mark U+FEFF, which change or hide how the text reads without showing.
  public var isOneLine: Bool {
    !unicodeScalars.contains { scalar in
      scalar.properties.generalCategory == .control || Self.breaksOneLine.contains(scalar.value)
    }
  }

  /// Line and paragraph separators, the bidi formatting controls and marks (Unicode UAX #9),
  /// the deprecated format controls U+206A–U+206F and the zero-width no-break space U+FEFF.
  static let breaksOneLine: Set<UInt32> = Set(
    [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF] + Array(0x202A...0x202E) + Array(0x2066...0x206F))
}
