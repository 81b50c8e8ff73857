import Foundation

/// A contact search (`users/?q=`) as HappyFox's contacts article defines it: `name:`, `email:`,
/// `phone:` (digits, without `+`), `updated_since:` and `created_since:` terms, all of which must
/// hold, and free words matched against name and email.
public struct ContactSearch: Sendable, Hashable {
  public var names: [String] = []
  public var emails: [String] = []
  /// Digits only.
  public var phones: [String] = []
  public var updatedSince: Date?
  public var createdSince: Date?
  public var words: [String] = []

  public init() {}

  public var isEmpty: Bool { self == ContactSearch() }

  public static func parse(_ query: String) throws(SearchError) -> ContactSearch {
    var search = ContactSearch()
    for term in SearchTerm.parse(query) {
      let value = term.values.joined(separator: ",")
      switch term.key {
      case nil: search.words += term.values
      case "name": search.names.append(value)
      case "email": search.emails.append(value)
      case "phone":
        let digits = value.filter { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { throw SearchError("phone: give the number's digits.") }
        search.phones.append(digits)
      case "updated_since", "created_since":
        guard let date = since(value) else {
          throw SearchError("\(term.key ?? ""): give a date as 2024-01-31 or 2024-01-31T10:00:00Z.")
        }
        if term.key == "updated_since" { search.updatedSince = date } else { search.createdSince = date }
      case let key?:
        throw SearchError("\(key): not a search field; use name, email, phone, updated_since or created_since.")
      }
    }
    return search
  }

  /// A day (`2024-01-31`, from its start in UTC) or a moment (`2024-01-31T10:00:00Z`,
  /// `2024-01-31 10:00:00`).
  static func since(_ text: String) -> Date? {
    if let day = SearchDay.parse(text) { return try? Date(day + "T00:00:00Z", strategy: .iso8601) }
    return try? Date(
      text.replacingOccurrences(of: " ", with: "T") + (text.hasSuffix("Z") ? "" : "Z"), strategy: .iso8601)
  }
}
