/// Unknown query parameters and body fields, named in a 400 — at most `limit` of them (issue
/// 16): a request with 10,000 made-up parameters gets a short answer, not one naming them all.
enum UnknownNames {
  static let limit = 20

  /// The first `limit` of `names` (sorted) with `message` each; when there are more, one
  /// `non_field_errors` entry says how many more `what`s there were.
  static func fields(_ names: some Collection<String>, what: String, message: String) -> [String: [String]] {
    let sorted = names.sorted()
    var fields = Dictionary(uniqueKeysWithValues: sorted.prefix(limit).map { ($0, [message]) })
    if sorted.count > limit {
      fields["non_field_errors", default: []].append("And \(sorted.count - limit) more unknown \(what)s.")
    }
    return fields
  }
}
