import Foundation

/// A helpdesk contact (HappyFox's "user").
public struct Contact: Sendable, Hashable, Codable, Identifiable {
  public var id: Int64
  public var name: String
  public var email: String
  public var phones: [Phone]
  public var createdAt: Date
  public var updatedAt: Date

  public init(id: Int64, name: String, email: String, phones: [Phone] = [], createdAt: Date, updatedAt: Date) {
    self.id = id
    self.name = name
    self.email = email
    self.phones = phones
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }

  /// The phone marked primary (HappyFox's `primary_phone`), or the first one.
  public var primaryPhone: Phone? { phones.first(where: \.isPrimary) ?? phones.first }

  /// The key emails are matched on (R13): exact, case-insensitive, surrounding blanks ignored.
  public static func emailKey(_ email: String) -> String {
    email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
  }
}

/// How a contact came to be associated with an asset.
public enum AssociationSource: String, Sendable, Hashable, Codable {
  /// An agent linked them; only an agent removes it.
  case manual
  /// The sync linked the device's Kandji user (R13); the sync moves it when the user changes.
  case kandji
}

/// What a contact's page and HappyFox's contact object add to the contact: its groups and
/// ticket counts.
public struct ContactProfile: Sendable, Hashable {
  public var groups: [GroupMembership]
  public var ticketsCount: Int
  public var pendingTicketsCount: Int

  public init(groups: [GroupMembership] = [], ticketsCount: Int = 0, pendingTicketsCount: Int = 0) {
    self.groups = groups
    self.ticketsCount = ticketsCount
    self.pendingTicketsCount = pendingTicketsCount
  }
}
