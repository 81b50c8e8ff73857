/// Where issue 12 deliberately moved a fact to follow HappyFox's articles, so an upgraded
/// database's answers still state everything the release stated, in HappyFox's shape:
/// - contacts' and tickets' timestamps are `2019-08-13 08:59:11` (articles 1039, 1092), not ISO 8601;
/// - a date field's value is its day; the Kandji check-in's moment is `value_datetime` beside it;
/// - `choices` is `null` for fields without options (it was `[]`);
/// - a ticket's `status` is an object; the release's text is its name, lowercased;
/// - phones are `{id, type, number, is_primary}`; the release's strings are their numbers.
enum HappyFoxShapes {
  /// The value `now` states for the recorded fact at `path`, read where issue 12 put it; `nil`
  /// when no rule applies.
  static func restated(_ path: String, _ recorded: String, in now: [String: String]) -> String? {
    let last = path.split(separator: ".").last.map(String.init) ?? path
    if let found = now[path], canonicalTime(found) == canonicalTime(recorded), canonicalTime(recorded) != nil {
      return recorded
    }
    switch last {
    case "value": return now[path + "_datetime"]
    case "choices": return now[path] == "null" ? "" : nil
    case "status": return now[path + ".name"]?.lowercased()
    default: break
    }
    if last.hasPrefix("phones") {
      guard let order = now[path + ".#order"] else { return recorded.isEmpty && now[path] != nil ? "" : nil }
      return order.split(separator: ",").compactMap { now["\(path)[\($0)].number"] }.joined(separator: "|")
    }
    return nil
  }

  /// `2019-08-13T08:59:11Z` and `2019-08-13 08:59:11` as one text; `nil` for anything else.
  static func canonicalTime(_ text: String) -> String? {
    let plain = text.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
    let shape = plain.map { $0.isNumber ? "9" : String($0) }.joined()
    return shape == "9999-99-99 99:99:99" ? plain : nil
  }
}
