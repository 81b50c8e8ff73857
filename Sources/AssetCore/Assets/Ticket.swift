import Foundation

/// A helpdesk ticket, linked to a contact and to assets (R20: an asset's Recent Tickets).
public struct Ticket: Sendable, Hashable, Codable, Identifiable {
  public var id: Int64
  public var subject: String
  public var status: TicketStatus
  public var contactID: Int64?
  public var assetIDs: [Int64]
  public var createdBy: Int64?
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: Int64, subject: String, status: TicketStatus = .new, contactID: Int64? = nil, assetIDs: [Int64] = [],
    createdBy: Int64? = nil, createdAt: Date, updatedAt: Date
  ) {
    self.id = id
    self.subject = subject
    self.status = status
    self.contactID = contactID
    self.assetIDs = assetIDs
    self.createdBy = createdBy
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }
}

public enum TicketStatus: String, Sendable, Hashable, Codable, CaseIterable {
  case new, open, pending, solved, closed
}
