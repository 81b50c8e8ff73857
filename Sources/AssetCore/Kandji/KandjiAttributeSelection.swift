/// Checking and reading a connection's choice of Kandji attributes (issue 19): which attributes
/// form its assets' "Kandji" group, in order.
extension KandjiAttributeCatalogue {
  /// The first problem with `keys` as a selection, in words, or `nil` when every key is known,
  /// none is repeated and there is at least one.
  public static func selectionProblem(_ keys: [String]) -> String? {
    if keys.isEmpty { return "Choose at least one field." }
    var seen = Set<String>()
    for key in keys {
      guard attribute(key) != nil else {
        return "Unknown field key \"\(key)\"; the keys are \(attributes.map(\.key).joined(separator: ", "))."
      }
      guard seen.insert(key).inserted else { return "The field key \"\(key)\" is given twice." }
    }
    return nil
  }

  /// The attributes of `keys`, in their order; unknown keys are skipped (a later release may
  /// have saved them).
  public static func attributes(forKeys keys: [String]) -> [KandjiAttribute] {
    keys.compactMap(attribute)
  }

  /// The keys any of `selections` chooses, each once, in the order they first appear: the
  /// fields a type lists when several connections feed it.
  public static func union(_ selections: [[String]]) -> [String] {
    var seen = Set<String>()
    return selections.flatMap { $0 }.filter { seen.insert($0).inserted }
  }
}
