import AssetCore
import Foundation

/// One page of a list, with HappyFox's paging facts.
public struct Page<Item: Sendable>: Sendable {
  public var items: [Item]
  /// Items in the whole list.
  public var total: Int
  /// 1-based page number.
  public var page: Int
  public var size: Int

  public init(items: [Item], total: Int, page: Int, size: Int) {
    self.items = items
    self.total = total
    self.page = page
    self.size = size
  }

  public var pageCount: Int { total == 0 ? 0 : (total + size - 1) / size }
}

/// Which assets to list.
public struct AssetQuery: Sendable, Hashable, PagedQuery {
  public var assetTypeID: Int64?
  /// Matches name, display ID or serial number (case-insensitive substring).
  public var search: String?
  /// `nil`: all; `true`: only retired; `false`: only active.
  public var retired: Bool?
  /// `nil`: all; `true`: synced only; `false`: manual only.
  public var managed: Bool?
  /// Assets associated with this contact.
  public var contactID: Int64?
  /// Assets synced by this Kandji connection (tenant).
  public var connectionID: Int64?
  /// Kandji attribute filters (issue 19), all of which must match.
  public var attributeFilters: [AttributeFilter]
  public var window: PageWindow

  public init(
    assetTypeID: Int64? = nil, search: String? = nil, retired: Bool? = nil, managed: Bool? = nil,
    contactID: Int64? = nil, connectionID: Int64? = nil, page: Int = 1, size: Int = 50,
    attributeFilters: [AttributeFilter] = []
  ) {
    self.attributeFilters = attributeFilters
    self.connectionID = connectionID
    self.assetTypeID = assetTypeID
    self.search = search
    self.retired = retired
    self.managed = managed
    self.contactID = contactID
    window = PageWindow(page: page, size: size)
  }
}

/// A manual asset to create.
public struct ManualAssetDraft: Sendable, Hashable {
  public var assetTypeID: Int64
  public var name: String
  public var displayID: String
  public var customValues: [Int64: String]
  public var contactIDs: [Int64]
  /// Contacts to link by email, created when no contact has the email (HappyFox's `contacts`).
  public var newContacts: [ContactDraft]
  public var createdBy: Int64?

  public init(
    assetTypeID: Int64, name: String, displayID: String, customValues: [Int64: String] = [:],
    contactIDs: [Int64] = [], newContacts: [ContactDraft] = [], createdBy: Int64? = nil
  ) {
    self.assetTypeID = assetTypeID
    self.name = name
    self.displayID = displayID
    self.customValues = customValues
    self.contactIDs = contactIDs
    self.newContacts = newContacts
    self.createdBy = createdBy
  }
}

/// Changes to a manual asset; `nil` leaves a value as it is.
public struct ManualAssetChange: Sendable, Hashable {
  public var name: String?
  public var displayID: String?
  public var customValues: [Int64: String]?
  /// Replaces the manual contact links when set.
  public var contactIDs: [Int64]?
  /// Contacts to link as well, by email, created when new (HappyFox's `contacts`).
  public var newContacts: [ContactDraft]
  public var updatedBy: Int64?

  public init(
    name: String? = nil, displayID: String? = nil, customValues: [Int64: String]? = nil, contactIDs: [Int64]? = nil,
    newContacts: [ContactDraft] = [], updatedBy: Int64? = nil
  ) {
    self.name = name
    self.displayID = displayID
    self.customValues = customValues
    self.contactIDs = contactIDs
    self.newContacts = newContacts
    self.updatedBy = updatedBy
  }
}

/// A contact associated with an asset, and how.
public struct ContactLink: Sendable, Hashable {
  public var contact: Contact
  public var source: AssociationSource

  public init(contact: Contact, source: AssociationSource) {
    self.contact = contact
    self.source = source
  }
}

/// An asset as a list shows it: with its custom values and its contacts.
public struct ListedAsset: Sendable, Hashable {
  public var asset: Asset
  public var contacts: [ContactLink]
  /// The Kandji connection that syncs it (nil for manual assets).
  public var source: SourceTenant?

  public init(asset: Asset, contacts: [ContactLink], source: SourceTenant? = nil) {
    self.asset = asset
    self.contacts = contacts
    self.source = source
  }
}

/// The Kandji connection (tenant) a synced asset comes from: its name for labels and filters, its
/// own API URL for console links (R22).
public struct SourceTenant: Sendable, Hashable {
  public var id: Int64
  public var name: String
  public var apiURL: String?
  /// The console URL set on the connection (issue 19); nil derives it from `apiURL`.
  public var consoleURL: String?

  public init(id: Int64, name: String, apiURL: String?, consoleURL: String? = nil) {
    self.id = id
    self.name = name
    self.apiURL = apiURL
    self.consoleURL = consoleURL
  }
}

/// Everything an asset's page shows, read in one go: the asset, its type and the type's fields
/// (labels as stored), its contacts and its most recent tickets.
public struct AssetDetail: Sendable, Hashable {
  public var asset: Asset
  public var type: AssetType
  public var fields: [AssetField]
  public var contacts: [ContactLink]
  public var recentTickets: [Ticket]
  /// The Kandji connection that syncs it (nil for manual assets).
  public var source: SourceTenant?
  /// How fresh a synced asset's Kandji data is (R23): its list data is as of the start of its
  /// connection's last complete listing (every active asset was in it, changed or not), its
  /// details as of their last fetch.
  public var listDataAsOf: Date?
  public var detailsAsOf: Date?

  public init(
    asset: Asset, type: AssetType, fields: [AssetField], contacts: [ContactLink], recentTickets: [Ticket],
    source: SourceTenant? = nil, listDataAsOf: Date? = nil, detailsAsOf: Date? = nil
  ) {
    self.source = source
    self.listDataAsOf = listDataAsOf
    self.detailsAsOf = detailsAsOf
    self.asset = asset
    self.type = type
    self.fields = fields
    self.contacts = contacts
    self.recentTickets = recentTickets
  }
}
