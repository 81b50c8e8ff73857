import AssetCore
import Foundation

/// Contacts (HappyFox's users), their groups and their links to assets.
public protocol ContactStore: Sendable {
  /// A contact; it joins every group whose tagged domains include its email's domain. Fails
  /// with `.duplicateEmail` when the email is taken.
  func createContact(_ draft: ContactDraft, at: Date) async throws -> Contact
  /// Changes a contact; phones with a known id are edited, others added (`PhoneDraft.apply`).
  func updateContact(id: Int64, _ change: ContactChange, at: Date) async throws -> Contact
  func contact(id: Int64) async throws -> Contact?
  func contact(email: String) async throws -> Contact?
  func contacts(ids: [Int64]) async throws -> [Contact]
  func contacts(_ query: ContactQuery) async throws -> Page<Contact>
  /// Groups and ticket counts of these contacts, in one read.
  func contactProfiles(ids: [Int64]) async throws -> [Int64: ContactProfile]
  /// Links a contact to an asset; the asset's history records it, with the agent (`by`).
  func linkContact(_ contactID: Int64, toAsset assetID: Int64, at: Date, by agentID: Int64?) async throws
  func unlinkContact(_ contactID: Int64, fromAsset assetID: Int64, at: Date, by agentID: Int64?) async throws
  func contactLinks(assetID: Int64) async throws -> [ContactLink]

  // MARK: Contact groups
  func contactGroups() async throws -> [ContactGroup]
  func contactGroup(id: Int64) async throws -> ContactGroup?
  /// Fails with `.duplicateName` when the name is taken (case-insensitive).
  func createContactGroup(_ draft: ContactGroupDraft, at: Date) async throws -> ContactGroup
  func updateContactGroup(id: Int64, _ change: ContactGroupChange) async throws -> ContactGroup
  func groupMembers(groupID: Int64) async throws -> [GroupMember]
  /// Adds (or updates the ticket access of) each contact; one outcome per request, in order.
  func addGroupMembers(groupID: Int64, _ members: [GroupMemberDraft]) async throws -> [MembershipOutcome]
  /// Removes each contact; one outcome per id, in order.
  func removeGroupMembers(groupID: Int64, contactIDs: [Int64]) async throws -> [MembershipOutcome]
}

extension ContactStore {
  /// A link by no agent in particular.
  public func linkContact(_ contactID: Int64, toAsset assetID: Int64, at: Date) async throws {
    try await linkContact(contactID, toAsset: assetID, at: at, by: nil)
  }

  /// An unlink by no agent in particular, now.
  public func unlinkContact(_ contactID: Int64, fromAsset assetID: Int64) async throws {
    try await unlinkContact(contactID, fromAsset: assetID, at: Date(), by: nil)
  }

  /// A contact with plain phone numbers (type "other", the first primary).
  public func createContact(name: String, email: String, phones: [String], at: Date) async throws -> Contact {
    try await createContact(
      ContactDraft(
        name: name, email: email,
        phones: phones.enumerated().map { PhoneDraft(number: $0.element, isPrimary: $0.offset == 0) }), at: at)
  }
}

/// A contact to create.
public struct ContactDraft: Sendable, Hashable {
  public var name: String
  public var email: String
  public var phones: [PhoneDraft]

  public init(name: String, email: String, phones: [PhoneDraft] = []) {
    self.name = name
    self.email = email
    self.phones = phones
  }
}

/// Changes to a contact; `nil` leaves a value as it is.
public struct ContactChange: Sendable, Hashable {
  public var name: String?
  public var email: String?
  public var phones: [PhoneDraft]?

  public init(name: String? = nil, email: String? = nil, phones: [PhoneDraft]? = nil) {
    self.name = name
    self.email = email
    self.phones = phones
  }
}

/// Which contacts to list, by name.
public struct ContactQuery: Sendable, Hashable, PagedQuery {
  /// Matches name or email (case-insensitive substring).
  public var search: String?
  /// HappyFox's `q=` terms, all of which must hold.
  public var terms: ContactSearch
  public var window: PageWindow

  public init(search: String? = nil, terms: ContactSearch = ContactSearch(), page: Int = 1, size: Int = 50) {
    self.search = search
    self.terms = terms
    window = PageWindow(page: page, size: size)
  }
}

public struct ContactGroupDraft: Sendable, Hashable {
  public var name: String
  public var description: String
  public var taggedDomains: String

  public init(name: String, description: String = "", taggedDomains: String = "") {
    self.name = name
    self.description = description
    self.taggedDomains = taggedDomains
  }
}

public struct ContactGroupChange: Sendable, Hashable {
  public var name: String?
  public var description: String?
  public var taggedDomains: String?

  public init(name: String? = nil, description: String? = nil, taggedDomains: String? = nil) {
    self.name = name
    self.description = description
    self.taggedDomains = taggedDomains
  }
}

public struct GroupMemberDraft: Sendable, Hashable {
  public var contactID: Int64
  public var accessTickets: Bool

  public init(contactID: Int64, accessTickets: Bool = false) {
    self.contactID = contactID
    self.accessTickets = accessTickets
  }
}

/// What adding or removing one contact did.
public enum MembershipOutcome: Sendable, Hashable {
  case added(contactID: Int64, accessTickets: Bool)
  case removed(contactID: Int64)
  case notMember(contactID: Int64)
  case noSuchContact(contactID: Int64)
}
