/// A synced asset to create.
public struct NewManagedAsset: Sendable, Hashable {
  public var platform: Platform
  public var name: String
  public var displayID: String
  public var attributes: ManagedAttributes
  public var contactID: Int64?

  public init(platform: Platform, name: String, displayID: String, attributes: ManagedAttributes, contactID: Int64?) {
    self.platform = platform
    self.name = name
    self.displayID = displayID
    self.attributes = attributes
    self.contactID = contactID
  }
}

/// New values for a synced asset; the store writes all of them in one statement.
public struct ManagedAssetUpdate: Sendable, Hashable {
  public var assetID: Int64
  public var platform: Platform
  public var name: String
  public var displayID: String
  public var attributes: ManagedAttributes
  /// The sync's contact association after the update (the old one is replaced).
  public var contactID: Int64?
  public var contactChanged: Bool
  /// Clears a retirement: the device is back in Kandji.
  public var unretire: Bool
  /// The device was re-enrolled or changed enrollment: fetch details again.
  public var needsDetails: Bool

  public init(
    assetID: Int64, platform: Platform, name: String, displayID: String, attributes: ManagedAttributes,
    contactID: Int64?, contactChanged: Bool, unretire: Bool, needsDetails: Bool
  ) {
    self.assetID = assetID
    self.platform = platform
    self.name = name
    self.displayID = displayID
    self.attributes = attributes
    self.contactID = contactID
    self.contactChanged = contactChanged
    self.unretire = unretire
    self.needsDetails = needsDetails
  }
}

/// What to do with one listed device.
public enum SyncDecision: Sendable, Hashable {
  case create(NewManagedAsset)
  case update(ManagedAssetUpdate)
  /// Retire an asset whose device Kandji lists as `is_removed`.
  case retire(assetID: Int64)
  /// Nothing to write (unchanged, unsupported, removed and never imported).
  case skip
  /// Nothing written; the reason is in the report row.
  case fail
}

/// A decision and the report row that explains it.
public struct PlannedDevice: Sendable, Hashable {
  public var decision: SyncDecision
  public var row: SyncReportRow

  public init(decision: SyncDecision, row: SyncReportRow) {
    self.decision = decision
    self.row = row
  }
}
