/// A synced asset as the sync sees it: enough to decide whether a device changed.
public struct SyncedAsset: Sendable, Hashable {
  public var id: Int64
  public var name: String
  public var displayID: String
  public var attributes: ManagedAttributes
  public var isRetired: Bool
  /// The Kandji connection (tenant) that syncs it.
  public var connectionID: Int64?
  /// The contact the sync associated (R13), if any.
  public var autoContactID: Int64?
  /// Contacts an agent associated by hand; never touched by the sync.
  public var manualContactIDs: Set<Int64>
  /// Whether the asset's list attributes were stored before (issue 19): `false` for an asset
  /// last written by a release that did not keep them, whose first document is no change to
  /// record in its history.
  public var listAttributesRead: Bool

  public init(
    id: Int64, name: String, displayID: String, attributes: ManagedAttributes, isRetired: Bool = false,
    autoContactID: Int64? = nil, manualContactIDs: Set<Int64> = [], connectionID: Int64? = nil,
    listAttributesRead: Bool = true
  ) {
    self.listAttributesRead = listAttributesRead
    self.connectionID = connectionID
    self.id = id
    self.name = name
    self.displayID = displayID
    self.attributes = attributes
    self.isRetired = isRetired
    self.autoContactID = autoContactID
    self.manualContactIDs = manualContactIDs
  }
}

/// Who holds a display ID today.
public struct DisplayIDOwner: Sendable, Hashable {
  public var assetID: Int64
  public var name: String
  /// `nil` for a manual asset.
  public var kandjiDeviceID: String?

  public init(assetID: Int64, name: String, kandjiDeviceID: String?) {
    self.assetID = assetID
    self.name = name
    self.kandjiDeviceID = kandjiDeviceID
  }
}

/// What the store knows that a page of devices could touch: the input of `SyncPlan` besides
/// the devices themselves.
public struct SyncSnapshot: Sendable {
  /// Synced assets by Kandji device id.
  public var byDeviceID: [String: SyncedAsset]
  /// Synced assets by serial number, for re-enrolled devices (new device id, same serial).
  public var bySerial: [String: [SyncedAsset]]
  /// Current holders of the display IDs this page wants.
  public var displayIDOwners: [String: DisplayIDOwner]
  /// Contact ids by `Contact.emailKey`.
  public var contactIDsByEmail: [String: Int64]
  /// Names of the Kandji connections, for report reasons ("moved from tenant …").
  public var connectionNames: [Int64: String] = [:]

  public init(
    byDeviceID: [String: SyncedAsset] = [:], bySerial: [String: [SyncedAsset]] = [:],
    displayIDOwners: [String: DisplayIDOwner] = [:], contactIDsByEmail: [String: Int64] = [:]
  ) {
    self.byDeviceID = byDeviceID
    self.bySerial = bySerial
    self.displayIDOwners = displayIDOwners
    self.contactIDsByEmail = contactIDsByEmail
  }
}
