import Foundation

/// What one search box finds (issue 20): devices, contacts and tickets, each kind best match
/// first, every hit with the field that matched.
public struct SearchResults: Sendable, Hashable {
  public var assets: [SearchHit]
  public var contacts: [SearchHit]
  public var tickets: [SearchHit]

  public init(assets: [SearchHit] = [], contacts: [SearchHit] = [], tickets: [SearchHit] = []) {
    self.assets = assets
    self.contacts = contacts
    self.tickets = tickets
  }

  /// Every hit, grouped by kind (devices, contacts, tickets), as the API pages them.
  public var all: [SearchHit] { assets + contacts + tickets }
}

/// One thing a search found.
public struct SearchHit: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case asset, contact, ticket
  }

  public var kind: Kind
  public var id: Int64
  /// The asset's or contact's name, the ticket's subject.
  public var title: String
  /// The asset's display ID, the contact's email, the ticket's number (`#GEN00000006`).
  public var reference: String
  /// The field that matched ("Serial Number", "User email", "Linked contact", "Ticket number" …).
  public var matchedField: String
  /// That field's value.
  public var matchedValue: String
  /// Synced from Kandji (assets only).
  public var managed: Bool
  /// Retired (assets only).
  public var retired: Bool

  public init(
    kind: Kind, id: Int64, title: String, reference: String, matchedField: String, matchedValue: String,
    managed: Bool = false, retired: Bool = false
  ) {
    self.kind = kind
    self.id = id
    self.title = title
    self.reference = reference
    self.matchedField = matchedField
    self.matchedValue = matchedValue
    self.managed = managed
    self.retired = retired
  }
}

/// A search: the text, the kinds to look for and at most how many hits of each kind.
public struct SearchQuery: Sendable, Hashable {
  /// The most hits of one kind a search answers (the best ones).
  public static let maxPerKind = 100

  public var text: String
  public var kinds: Set<SearchHit.Kind>
  public var limit: Int
  /// Leaves out the tickets already linked to this asset (the asset page's ticket picker offers
  /// only tickets it can still link).
  public var ticketsNotLinkedTo: Int64?

  public init(
    text: String, kinds: Set<SearchHit.Kind> = Set(SearchHit.Kind.allCases), limit: Int = 20,
    ticketsNotLinkedTo: Int64? = nil
  ) {
    self.text = text
    self.kinds = kinds
    self.limit = min(max(1, limit), Self.maxPerKind)
    self.ticketsNotLinkedTo = ticketsNotLinkedTo
  }
}
