import AssetCore
import AssetStore
import Foundation

/// The body of `POST tickets/` (article 1039): the contact (`user` id, or `email` with `name` for
/// a new contact and optionally `phone`), `subject`, `text` or `html`, `category` (required),
/// `priority`, `assignee`, `tags`, `due_date`, `created_at`, and AssetSync's `asset_ids`.
/// `cc`, `bcc` and `visible_only_staff` are accepted and not kept (AssetSync sends no email and
/// has no contact portal). Problems are answered as `[{"field", "errors"}]`.
struct TicketCreate {
  enum Requester {
    case id(Int64)
    case email(String, name: String?, phone: String?)
  }

  var requester: Requester
  var subject: String
  var message: TicketMessage
  var categoryID: Int64
  var priorityID: Int64?
  var assigneeID: Int64?
  var tags: [String]
  var dueDate: String?
  var createdAt: Date?
  var assetIDs: [Int64]

  static let keys: Set<String> = [
    "name", "email", "phone", "user", "subject", "text", "html", "category", "priority", "assignee", "tags", "cc",
    "bcc", "created_at", "due_date", "visible_only_staff", "asset_ids",
  ]

  /// The checked request, or `nil` with the problems in `body`.
  static func read(_ body: BodyReader) -> TicketCreate? {
    body.rejectUnknown(allowed: keys)
    let subject = body.string("subject", TextRules.ticketSubject, required: true)
    let text = body.string("text", TextRules.ticketMessage)
    let html = body.string("html", TextRules.ticketMessage)
    let message = TicketMessage.from(text: text, html: html)
    if message == nil { body.add("text", "Give the message as text or html.") }
    let category = body.id("category", required: true)
    let priority = body.id("priority")
    let assignee = body.id("assignee")
    let tags = body.strings("tags") ?? []
    let dueDate = TicketDates.dueDate(body, "due_date")
    let createdAt = TicketDates.moment(body, "created_at")
    let assets = body.ids("asset_ids", maxCount: 100) ?? []
    _ = body.string("cc", maxLength: 2_000)
    _ = body.string("bcc", maxLength: 2_000)
    _ = body.bool("visible_only_staff")
    let requester = requester(body)
    guard body.errors.isEmpty, let subject, let message, let category, let requester else { return nil }
    return TicketCreate(
      requester: requester, subject: subject, message: message, categoryID: category, priorityID: priority,
      assigneeID: assignee, tags: tags, dueDate: dueDate, createdAt: createdAt, assetIDs: assets)
  }

  static func requester(_ body: BodyReader) -> Requester? {
    let user = body.id("user")
    let email = body.string("email", TextRules.email)
    let name = body.string("name", TextRules.personName)
    let phone = body.string("phone", TextRules.phone)
    if let user { return .id(user) }
    guard let email else {
      if !body.has("user") { body.add("email", "This field is required (or give an existing contact's id as user).") }
      return nil
    }
    return .email(email, name: name, phone: phone)
  }
}

/// HappyFox's date formats in ticket bodies.
enum TicketDates {
  /// `due_date`: `yyyy-mm-dd` or `dd/mm/yyyy`, as `YYYY-MM-DD`.
  static func dueDate(_ body: BodyReader, _ key: String) -> String? {
    guard let text = body.string(key, maxLength: 10) else { return nil }
    let day: String? =
      if text.contains("/") {
        text.split(separator: "/").count == 3
          ? SearchDay.parse(text.split(separator: "/").reversed().joined(separator: "-")) : nil
      } else {
        SearchDay.parse(text)
      }
    guard let day, (try? Date(day + "T00:00:00Z", strategy: .iso8601)) != nil else {
      body.add(key, "Enter a date as yyyy-mm-dd or dd/mm/yyyy.")
      return nil
    }
    return day
  }

  /// `created_at`: `yyyy-mm-ddThh:mm:ss`, optionally with milliseconds, in UTC.
  static func moment(_ body: BodyReader, _ key: String) -> Date? {
    guard let text = body.string(key, maxLength: 40) else { return nil }
    var value = text.replacingOccurrences(of: " ", with: "T")
    if let dot = value.firstIndex(of: ".") { value = String(value[..<dot]) }
    if !value.hasSuffix("Z") { value += "Z" }
    guard let date = try? Date(value, strategy: .iso8601) else {
      body.add(key, "Enter a time as yyyy-mm-ddThh:mm:ss.")
      return nil
    }
    return date
  }
}
