import Foundation

/// An asset: manual (editable by agents) or synced from Kandji (read-only, R18–R19).
public struct Asset: Sendable, Hashable, Codable, Identifiable {
  /// HappyFox's limit on asset names.
  public static let maxNameLength = 200

  public var id: Int64
  public var assetTypeID: Int64
  public var name: String
  public var displayID: String
  /// The synced device's values; `nil` for manual assets.
  public var kandji: ManagedAttributes?
  /// When Kandji stopped listing the device (R12); retired assets stay, read-only.
  public var retiredAt: Date?
  /// Why it was retired ("no longer in Kandji", "connection … removed").
  public var retiredReason: String?
  /// The Kandji connection (tenant) that syncs it; `nil` for manual assets.
  public var connectionID: Int64?
  /// The details call's attributes beyond supervised and UDID (FileVault, storage, …; issue 19);
  /// empty until a details call read them.
  public var detailsAttributes = KandjiAttributeValues()
  /// Values of the type's custom fields, by field id (manual fields only).
  public var customValues: [Int64: String]
  public var createdBy: Int64?
  public var updatedBy: Int64?
  public var createdAt: Date
  public var updatedAt: Date

  /// Whether the asset is synced from Kandji and therefore read-only.
  public var isManaged: Bool { kandji != nil }
  public var isRetired: Bool { retiredAt != nil }

  public init(
    id: Int64, assetTypeID: Int64, name: String, displayID: String, kandji: ManagedAttributes? = nil,
    retiredAt: Date? = nil, customValues: [Int64: String] = [:], createdBy: Int64? = nil, updatedBy: Int64? = nil,
    createdAt: Date, updatedAt: Date, retiredReason: String? = nil, connectionID: Int64? = nil
  ) {
    self.retiredReason = retiredReason
    self.connectionID = connectionID
    self.id = id
    self.assetTypeID = assetTypeID
    self.name = name
    self.displayID = displayID
    self.kandji = kandji
    self.retiredAt = retiredAt
    self.customValues = customValues
    self.createdBy = createdBy
    self.updatedBy = updatedBy
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }

  /// The typed value of a Kandji attribute for this asset: the 13 from the managed columns, the
  /// others from the list or details document; `nil` for manual assets and unknown values.
  public func kandjiValue(_ attribute: KandjiAttribute) -> KandjiAttributeValue? {
    guard let kandji else { return nil }
    if let managed = attribute.managedField { return managed.typedValue(in: kandji) }
    return attribute.source.isDetails ? detailsAttributes[attribute.key] : kandji.listAttributes[attribute.key]
  }

  /// `name` cut to `maxNameLength` characters, with an ellipsis when cut.
  public static func clippedName(_ name: String) -> String {
    name.truncated(characters: maxNameLength)
  }
}
