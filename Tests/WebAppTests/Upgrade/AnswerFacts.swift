/// The facts an API answer states, as `path → value`: every scalar under its path, and lists of
/// objects keyed by their `id` (with the order of the ids as a fact of its own). A recorded answer
/// still holds when every fact it states is stated again with the same value; new keys and
/// envelopes are no difference, so deliberate additions to the API do not break the comparison.
enum AnswerFacts {
  /// Facts that legitimately differ between two askings, by their last path component.
  static let volatile: Set<String> = [
    "next_run_at",  // depends on now
    "progress",  // of a running run
    "count",  // page_info.count changes meaning (issue 12); last_index carries the total
  ]

  static func of(_ json: AnyJSON, at path: String = "") -> [String: String] {
    var facts: [String: String] = [:]
    collect(json, path, into: &facts)
    return facts
  }

  /// What `recorded` states that `current` does not state the same way, one line each.
  static func differences(recorded: AnyJSON, current: AnyJSON, in context: String) -> [String] {
    let now = of(current)
    return of(recorded).sorted { $0.key < $1.key }.compactMap { path, value in
      let last = path.split(separator: ".").last.map(String.init) ?? path
      if volatile.contains(last) || volatile.contains(where: { path.contains(".\($0).") }) { return nil }
      if let moved = HappyFoxShapes.restated(path, value, in: now), moved == value { return nil }
      guard let found = now[path] else { return "\(context): \(path) is gone (was \(value))" }
      return found == value ? nil : "\(context): \(path) was \(value), now \(found)"
    }
  }

  private static func collect(_ json: AnyJSON, _ path: String, into facts: inout [String: String]) {
    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    switch json {
    case .object(let members):
      // A HappyFox page and a bare list state the same items.
      if members["page_info"] != nil, let data = members["data"] {
        collect(data, path, into: &facts)
        facts[child("total")] = members["page_info"]?["last_index"].text
        return
      }
      for (key, value) in members { collect(value, child(key), into: &facts) }
    case .array(let items):
      let ids = items.map { $0["id"] }
      if !items.isEmpty, !ids.contains(.null) {
        facts[child("#order")] = ids.map(\.text).joined(separator: ",")
        for (item, id) in zip(items, ids) { collect(item, "\(path)[\(id.text)]", into: &facts) }
      } else if items.allSatisfy({ if case .object = $0 { false } else { true } }) {
        facts[path] = json.text
      } else {
        for (index, item) in items.enumerated() { collect(item, "\(path)[#\(index)]", into: &facts) }
      }
    default:
      facts[path] = json.text
    }
  }
}
