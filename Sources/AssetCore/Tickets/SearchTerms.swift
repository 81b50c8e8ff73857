/// HappyFox's search strings (`q=`), split into terms: `key:value`, `key:"a","b"`, `"Field
/// name":"value"` or a free word; terms are separated by spaces or `+`, and inside quotes `+` is a
/// space (`status:"In+Progress"`). Curly quotes count as quotes. Shared by the ticket and contact
/// searches, which say what each key means.
public struct SearchTerm: Sendable, Hashable {
  /// Lowercased; `nil` for a free word.
  public var key: String?
  /// The comma-separated values, unquoted (one for a free word).
  public var values: [String]

  public init(key: String?, values: [String]) {
    self.key = key
    self.values = values
  }

  /// The terms of `query`; an empty query or `""` has none.
  public static func parse(_ query: String) -> [SearchTerm] {
    var terms: [SearchTerm] = []
    var key: String?
    var values: [String] = []
    var current = ""
    var quoted = false
    var wasQuoted = false
    func endValue() {
      if !current.isEmpty || wasQuoted { values.append(current) }
      current = ""
      wasQuoted = false
    }
    func endTerm() {
      endValue()
      let kept = values.filter { !$0.isEmpty }
      if key != nil || !kept.isEmpty { terms.append(SearchTerm(key: key, values: kept)) }
      key = nil
      values = []
    }
    for character in query {
      let isQuote = character == "\"" || character == "“" || character == "”"
      if quoted {
        if isQuote { quoted = false } else { current.append(character == "+" ? " " : character) }
        continue
      }
      switch character {
      case _ where isQuote:
        quoted = true
        wasQuoted = true
      case " ", "+", "\t": endTerm()
      case ":" where key == nil && values.isEmpty:
        key = current.lowercased()
        current = ""
        wasQuoted = false
      case "," where key != nil: endValue()
      default: current.append(character)
      }
    }
    endTerm()
    return terms
  }
}

/// A search string that uses a key the search does not know.
public struct SearchError: Error, Sendable, Hashable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// A calendar day in a search (`2019/01/25` or `2019-01-25`), as `YYYY-MM-DD`.
public enum SearchDay {
  public static func parse(_ text: String) -> String? {
    let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
    guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
    let (year, month, day): (String, String, String) =
      parts[0].count == 4 ? (parts[0], parts[1], parts[2]) : (parts[2], parts[0], parts[1])
    guard year.count == 4, let m = Int(month), let d = Int(day), (1...12).contains(m), (1...31).contains(d) else {
      return nil
    }
    return year + "-" + (m < 10 ? "0" : "") + String(m) + "-" + (d < 10 ? "0" : "") + String(d)
  }
}
