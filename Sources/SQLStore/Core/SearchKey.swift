import AssetCore
import Foundation

/// The case-insensitive text that both backends use for sorting and search. Computed in Swift and
/// stored beside the values (`sort_key`, `search_key`), so SQLite and PostgreSQL compare the same
/// bytes whatever their collations, locales or ICU builds: `ORDER BY sort_key` is code-point order
/// on both.
public enum SearchKey {
  /// A sort key: `NameFolding.fold` (lowercase, canonically composed), the one folding of names.
  public static func fold(_ text: String) -> String { NameFolding.fold(text) }

  /// `fold`, then what never matters when searching (issue 20): diacritics (`Zoë` is `zoe`),
  /// curly or straight apostrophes and quotes (`Ada’s` is `ada's`) and runs of spaces (one
  /// space). Line breaks stay: they separate the fields of a key. Search keys and search terms
  /// both go through it, so both backends compare the same bytes. Sorting keeps `fold`.
  public static func match(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    var lastWasSpace = false
    for scalar in fold(text).decomposedStringWithCanonicalMapping.unicodeScalars {
      if scalar.properties.generalCategory == .nonspacingMark { continue }
      if scalar != "\n", scalar.properties.isWhitespace {
        if !lastWasSpace { scalars.append(" ") }
        lastWasSpace = true
        continue
      }
      lastWasSpace = false
      scalars.append(quotes[scalar] ?? scalar)
    }
    return String(scalars).precomposedStringWithCanonicalMapping
  }

  /// Typographic apostrophes and quotes, as the straight ones people type.
  static let quotes: [Unicode.Scalar: Unicode.Scalar] = [
    "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": "'", "\u{201B}": "'", "\u{2032}": "'", "\u{02BC}": "'",
    "\u{FF07}": "'", "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "\u{201F}": "\"", "\u{2033}": "\"",
    "\u{00AB}": "\"", "\u{00BB}": "\"", "\u{FF02}": "\"",
  ]

  /// Separates fields inside a search key; never part of a search term (`AssetSearch.term`), so
  /// a term cannot match across two fields.
  public static let separator = "\n"

  /// The folded text an asset is found by: name, display ID, serial number, and (since v10)
  /// asset tag and the Kandji user's email and name.
  public static func asset(
    name: String, displayID: String, serialNumber: String?, assetTag: String? = nil, userEmail: String? = nil,
    userName: String? = nil
  ) -> String {
    [name, displayID, serialNumber ?? "", assetTag ?? "", userEmail ?? "", userName ?? ""].map(line)
      .joined(separator: separator)
  }

  /// The folded text a contact is found by: name and email.
  public static func contact(name: String, email: String) -> String {
    line(name) + separator + line(email)
  }

  /// One field of a key: `match`ed, its own line breaks as spaces (they would split the field).
  static func line(_ text: String) -> String {
    match(text.replacingOccurrences(of: separator, with: " ")).trimmingCharacters(in: .whitespaces)
  }
}

/// How a search term becomes SQL: a folded substring, matched with `LIKE` (a scan) or through the
/// trigram index; both give exactly the rows whose search key contains the term.
public enum AssetSearch {
  /// The folded term, or `nil` when nothing is left to search for. Control characters (the field
  /// separator among them) are dropped.
  public static func term(_ search: String?) -> String? {
    guard let search else { return nil }
    let trimmed = search.trimmingCharacters(in: .whitespacesAndNewlines)
    let cleaned = String(
      String.UnicodeScalarView(trimmed.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
    let term = SearchKey.match(cleaned).trimmingCharacters(in: .whitespaces)
    return term.isEmpty ? nil : term
  }

  /// `%term%` with LIKE's wildcards escaped by `\`.
  public static func likePattern(_ term: String) -> String {
    "%"
      + term.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
      .replacingOccurrences(of: "_", with: "\\_") + "%"
  }

  /// Trigram indexes hold every run of three characters: shorter terms cannot use them.
  public static func canUseTrigrams(_ term: String) -> Bool { term.unicodeScalars.count >= 3 }
}
