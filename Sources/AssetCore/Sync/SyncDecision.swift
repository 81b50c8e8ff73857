/// A synced asset to create.
public struct NewManagedAsset: Sendable, Hashable {
  public var platform: Platform
  public var name: String
  public var displayID: String
  public var attributes: ManagedAttributes
  public var contactID: Int64?
  /// The Kandji connection (tenant) that lists the device.
  public var connectionID: Int64?

  public init(
    platform: Platform, name: String, displayID: String, attributes: ManagedAttributes, contactID: Int64?,
    connectionID: Int64? = nil
  ) {
    self.connectionID = connectionID
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
  /// The connection that lists the device now (it moved from another tenant when it differs).
  public var connectionID: Int64?
  /// The asset as the sync saw it before this update: the old values its history records.
  public var previous: SyncedAsset?

  public init(
    assetID: Int64, platform: Platform, name: String, displayID: String, attributes: ManagedAttributes,
    contactID: Int64?, contactChanged: Bool, unretire: Bool, needsDetails: Bool, connectionID: Int64? = nil,
    previous: SyncedAsset? = nil
  ) {
    self.connectionID = connectionID
    self.previous = previous
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
  /// Retire an asset (its device is `is_removed`, or a complete listing no longer shows it).
  case retire(assetID: Int64, reason: String)
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
