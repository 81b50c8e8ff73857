/// What changed between two attribute documents, as a sync records it (issue 19).
extension KandjiAttributeValues {
  /// The keys whose value differs from `other`'s (set, cleared or changed), in catalogue order.
  /// Values compare by their canonical text, as stored: a value that only differs below what a
  /// document keeps (a size's third decimal) is no change, so re-reading it writes nothing.
  public func changedKeys(comparedTo other: KandjiAttributeValues) -> [String] {
    let keys = Set(values.keys).union(other.values.keys)
    let ordered = KandjiAttributeCatalogue.attributes.map(\.key).filter(keys.contains)
    return ordered.filter { Self.canonical(values[$0]) != Self.canonical(other.values[$0]) }
  }

  /// The history entries of a change from `old` to `self`: per changed key, the catalogue label
  /// and both values as an agent reads them (`nil` when absent).
  public func changes(from old: KandjiAttributeValues) -> [(label: String, old: String?, new: String?)] {
    changedKeys(comparedTo: old).map { key in
      (KandjiAttributeCatalogue.attribute(key)?.label ?? key, old[key]?.text, self[key]?.text)
    }
  }

  private static func canonical(_ value: KandjiAttributeValue?) -> String? {
    value.map { KandjiAttributeValues(["v": $0]).json }
  }
}
