/// A contact group (HappyFox's `contact_groups/`): contacts whose email domain is one of
/// `taggedDomains` join it when they are added.
public struct ContactGroup: Sendable, Hashable, Codable, Identifiable {
  public var id: Int64
  public var name: String
  public var description: String
  /// Comma-separated domains, as HappyFox stores them (`"example.com,acme.com"`).
  public var taggedDomains: String

  public init(id: Int64, name: String, description: String = "", taggedDomains: String = "") {
    self.id = id
    self.name = name
    self.description = description
    self.taggedDomains = taggedDomains
  }

  /// The domains, lowercased, without blanks.
  public var domains: [String] {
    taggedDomains.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
      .filter { !$0.isEmpty }
  }

  /// Whether a contact with `email` is auto-added (the part after `@`, exactly, case-insensitive).
  public func tags(email: String) -> Bool {
    guard let at = email.lastIndex(of: "@") else { return false }
    return domains.contains(email[email.index(after: at)...].lowercased())
  }
}

/// A contact in a group, and whether they see the group's other tickets.
public struct GroupMember: Sendable, Hashable {
  public var contact: Contact
  public var accessTickets: Bool

  public init(contact: Contact, accessTickets: Bool) {
    self.contact = contact
    self.accessTickets = accessTickets
  }
}

/// A contact's place in a group (HappyFox's `access_all_tickets_in_group`).
public struct GroupMembership: Sendable, Hashable {
  public var group: ContactGroup
  public var accessTickets: Bool

  public init(group: ContactGroup, accessTickets: Bool) {
    self.group = group
    self.accessTickets = accessTickets
  }
}
