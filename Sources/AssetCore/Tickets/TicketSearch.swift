/// A ticket search (`tickets/?q=`) as HappyFox's ticket article defines it: system fields
/// (`status:`, `priority:`, `tag:`, `assignee:`, `contact:`, `group:`, `id:`, `category:`,
/// `unresponded:`, `has_attachments:`, `breached:`, `duedate:`) and dates (`created-on:`,
/// `last-modified-after:`, …), all of which must hold, and free words matched against the subject
/// and messages. AssetSync has no ticket or contact custom fields, so a custom field's name is an
/// unknown key (a 400 that says so, rather than an empty list that looks like an answer).
public struct TicketSearch: Sendable, Hashable {
  public enum DateField: String, Sendable, Hashable, CaseIterable {
    case created = "created"
    case lastModified = "last-modified"
    case lastStaffReplied = "last-staff-replied"
    case lastContactReplied = "last-contact-replied"
    case lastClosed = "last-closed"
  }

  public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case on = "on"
    case onOrBefore = "on-or-before"
    case onOrAfter = "on-or-after"
    case before = "before"
    case after = "after"
  }

  public struct DateTerm: Sendable, Hashable {
    public var field: DateField
    public var comparison: Comparison
    /// `YYYY-MM-DD` (UTC).
    public var day: String

    public init(field: DateField, comparison: Comparison, day: String) {
      self.field = field
      self.comparison = comparison
      self.day = day
    }
  }

  /// `none`, `any`, or keywords matched exactly (agents: email or name; groups: name).
  public enum Match: Sendable, Hashable {
    case none, any
    case keywords([String])
  }

  public enum Due: String, Sendable, Hashable, CaseIterable {
    case today, yesterday, tomorrow, overdue
    case next7Days = "next 7 days"
  }

  public var statusNames: [String] = []
  public var priorityNames: [String] = []
  public var tags: [String] = []
  public var assignee: Match?
  public var group: Match?
  public var contacts: [String] = []
  public var ids: [Int64] = []
  public var categoryIDs: [Int64] = []
  public var dates: [DateTerm] = []
  public var unresponded: Bool?
  public var hasAttachments: Bool?
  public var breached: Bool?
  public var due: Due?
  public var words: [String] = []

  public init() {}

  public var isEmpty: Bool { self == TicketSearch() }

  public static let keys =
    [
      "status", "priority", "tag", "assignee", "group", "contact", "id", "category", "unresponded",
      "has_attachments", "breached", "duedate",
    ] + DateField.allCases.flatMap { field in Comparison.allCases.map { "\(field.rawValue)-\($0.rawValue)" } }

  public static func parse(_ query: String) throws(SearchError) -> TicketSearch {
    var search = TicketSearch()
    for term in SearchTerm.parse(query) {
      guard let key = term.key else {
        search.words += term.values
        continue
      }
      let values = term.values
      switch key {
      case "status": search.statusNames += values
      case "priority": search.priorityNames += values
      case "tag", "tags": search.tags += values
      case "contact": search.contacts += values
      case "assignee": search.assignee = match(values)
      case "group": search.group = match(values)
      case "id":
        for value in values {
          guard let id = Ticket.number(fromDisplayID: value) else {
            throw SearchError("id: \(value) is not a ticket ID.")
          }
          search.ids.append(id)
        }
      case "category":
        for value in values {
          guard let id = Int64(value), id > 0 else { throw SearchError("category: use category ids.") }
          search.categoryIDs.append(id)
        }
      case "unresponded": search.unresponded = try flag(key, values)
      case "has_attachments": search.hasAttachments = try flag(key, values)
      case "breached": search.breached = try flag(key, values)
      case "duedate":
        guard let value = values.first, let due = Due(rawValue: value.lowercased()) else {
          throw SearchError("duedate: use today, yesterday, tomorrow, overdue or next 7 days.")
        }
        search.due = due
      default:
        guard let date = try dateTerm(key, values) else {
          throw SearchError(
            "\(key): not a search field. AssetSync has no ticket or contact custom fields; use \(keys.prefix(12).joined(separator: ", ")) or a date such as created-on-or-after."
          )
        }
        search.dates.append(date)
      }
    }
    return search
  }

  static func match(_ values: [String]) -> Match {
    let lowered = values.map { $0.lowercased() }
    if lowered.contains("none") { return .none }
    if lowered.contains("any") { return .any }
    return .keywords(values)
  }

  static func flag(_ key: String, _ values: [String]) throws(SearchError) -> Bool {
    switch values.first?.lowercased() {
    case "true": return true
    case "false": return false
    default: throw SearchError("\(key): use true or false.")
    }
  }

  static func dateTerm(_ key: String, _ values: [String]) throws(SearchError) -> DateTerm? {
    for field in DateField.allCases {
      for comparison in Comparison.allCases where key == "\(field.rawValue)-\(comparison.rawValue)" {
        guard let value = values.first, let day = SearchDay.parse(value) else {
          throw SearchError("\(key): give a date as \"2019/01/25\".")
        }
        return DateTerm(field: field, comparison: comparison, day: day)
      }
    }
    return nil
  }
}
