import Foundation

/// A helpdesk contact (HappyFox's "user").
public struct Contact: Sendable, Hashable, Codable, Identifiable {
  public var id: Int64
  public var name: String
  public var email: String
  public var phones: [String]
  public var createdAt: Date
  public var updatedAt: Date

  public init(id: Int64, name: String, email: String, phones: [String] = [], createdAt: Date, updatedAt: Date) {
    self.id = id
    self.name = name
    self.email = email
    self.phones = phones
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }

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
