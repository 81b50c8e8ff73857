import Foundation

/// A helpdesk ticket (HappyFox's ticket): a subject, its contact, a status, priority, category
/// and assignee, tags, a thread of updates (`TicketUpdate`), and links to assets (R20: an asset's
/// Recent Tickets, AssetSync's addition).
public struct Ticket: Sendable, Hashable, Codable, Identifiable {
  public var id: Int64
  public var subject: String
  public var statusID: Int64
  public var priorityID: Int64
  public var categoryID: Int64
  /// The contact the ticket is for (HappyFox's `user`).
  public var contactID: Int64?
  /// The agent it is assigned to (HappyFox's `assigned_to`).
  public var assigneeID: Int64?
  /// In the order they were added; compared case-sensitively, as HappyFox does.
  public var tags: [String]
  public var assetIDs: [Int64]
  /// The agent whose API key or session created it (AssetSync's addition).
  public var createdBy: Int64?
  public var createdAt: Date
  /// The last change of any kind (HappyFox's `last_modified`).
  public var updatedAt: Date
  /// The last reply by an agent or the contact (HappyFox's `last_updated_at`).
  public var lastUpdatedAt: Date
  public var lastStaffReplyAt: Date?
  public var lastUserReplyAt: Date?
  /// When the ticket last moved to a completed status.
  public var lastClosedAt: Date?
  /// `YYYY-MM-DD`.
  public var dueDate: String?
  /// Minutes, summed over the updates that added time.
  public var timeSpent: Int

  public init(
    id: Int64, subject: String, statusID: Int64, priorityID: Int64, categoryID: Int64, contactID: Int64? = nil,
    assigneeID: Int64? = nil, tags: [String] = [], assetIDs: [Int64] = [], createdBy: Int64? = nil, createdAt: Date,
    updatedAt: Date, lastUpdatedAt: Date? = nil, lastStaffReplyAt: Date? = nil, lastUserReplyAt: Date? = nil,
    lastClosedAt: Date? = nil, dueDate: String? = nil, timeSpent: Int = 0
  ) {
    self.id = id
    self.subject = subject
    self.statusID = statusID
    self.priorityID = priorityID
    self.categoryID = categoryID
    self.contactID = contactID
    self.assigneeID = assigneeID
    self.tags = tags
    self.assetIDs = assetIDs
    self.createdBy = createdBy
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.lastUpdatedAt = lastUpdatedAt ?? updatedAt
    self.lastStaffReplyAt = lastStaffReplyAt
    self.lastUserReplyAt = lastUserReplyAt
    self.lastClosedAt = lastClosedAt
    self.dueDate = dueDate
    self.timeSpent = timeSpent
  }

  /// HappyFox's ticket ID: `#` + the category's prefix + the number in eight digits (`#GEN00000003`).
  public func displayID(prefix: String) -> String {
    let number = String(id)
    return "#" + prefix + String(repeating: "0", count: max(0, 8 - number.count)) + number
  }

  /// The ticket number in a HappyFox ticket ID or a plain number (`#GEN00000003`, `GEN00000003`, `3`).
  public static func number(fromDisplayID text: String) -> Int64? {
    let digits = text.reversed().prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let number = Int64(String(digits.reversed())), number > 0 else { return nil }
    return number
  }
}
