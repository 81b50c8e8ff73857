import Foundation

/// The one definition of "the same name, whatever its case": Unicode lowercase mapping, then
/// canonical composition (so `Zoë` typed with a combining diaeresis is the same text). Sort keys,
/// unique names (fields, choices, Kandji connections) and labels typed for a choice all compare
/// through it; searching folds further (`SearchKey.match`), but starts here.
public enum NameFolding {
  /// The folded text: equal for two names exactly when they differ only in case or in how their
  /// characters are composed.
  public static func fold(_ text: String) -> String {
    text.lowercased().precomposedStringWithCanonicalMapping
  }
}
