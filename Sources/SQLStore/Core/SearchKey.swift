import Foundation

/// The one definition of case-insensitive text that both backends use for sorting and search:
/// Unicode lowercase mapping, then canonical composition (so `Zoë` typed with a combining
/// diaeresis is the same text). Computed in Swift and stored beside the values
/// (`sort_key`, `search_key`), so SQLite and PostgreSQL compare the same bytes whatever their
/// collations, locales or ICU builds: `ORDER BY sort_key` is code-point order on both.
public enum SearchKey {
  public static func fold(_ text: String) -> String {
    text.lowercased().precomposedStringWithCanonicalMapping
  }

  /// Separates fields inside a search key; never part of a search term (`AssetSearch.term`), so
  /// a term cannot match across two fields.
  public static let separator = "\n"

  /// The folded text an asset is found by: name, display ID and serial number.
  public static func asset(name: String, displayID: String, serialNumber: String?) -> String {
    [name, displayID, serialNumber ?? ""].map(fold).joined(separator: separator)
  }

  /// The folded text a contact is found by: name and email.
  public static func contact(name: String, email: String) -> String {
    fold(name) + separator + fold(email)
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
    let term = SearchKey.fold(cleaned)
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
