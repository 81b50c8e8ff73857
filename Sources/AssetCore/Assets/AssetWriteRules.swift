/// The read-only rules (R16, R19) in one place: every write path — API, web UI, CLI — asks here
/// before changing an asset or a type, and shows the violation's message as it is. Each check
/// returns the violation, or `nil` when the write is allowed.
public enum AssetWriteRules {
  /// Editing the name, display ID or fields of an asset.
  public static func checkEdit(_ asset: Asset) -> AssetRuleViolation? {
    guard asset.isManaged else { return nil }
    return AssetRuleViolation(
      .managedAsset,
      "This asset is synced from Kandji and is read-only. Change the device in Kandji; the next sync brings the change here."
    )
  }

  public static func checkDelete(_ asset: Asset) -> AssetRuleViolation? {
    guard asset.isManaged else { return nil }
    return AssetRuleViolation(
      .managedAsset,
      "This asset is synced from Kandji and cannot be deleted here. When the device leaves Kandji, the sync marks it retired."
    )
  }

  public static func checkRename(_ type: AssetType) -> AssetRuleViolation? {
    guard type.isManaged else { return nil }
    return AssetRuleViolation(
      .managedType, "\(type.name) is a Kandji asset type; it is system-controlled and cannot be renamed.")
  }

  public static func checkDelete(_ type: AssetType) -> AssetRuleViolation? {
    guard type.isManaged else { return nil }
    return AssetRuleViolation(
      .managedType, "\(type.name) is a Kandji asset type; it is system-controlled and cannot be deleted.")
  }

  /// Adding a field to `type`: the Kandji types have the Kandji group only.
  public static func checkAddField(to type: AssetType) -> AssetRuleViolation? {
    guard type.isManaged else { return nil }
    return AssetRuleViolation(
      .managedType, "\(type.name) is a Kandji asset type; its fields are the Kandji group and cannot be changed.")
  }

  /// Changing or deleting a field definition.
  public static func checkEdit(_ field: AssetField) -> AssetRuleViolation? {
    guard field.isManaged else { return nil }
    return AssetRuleViolation(.managedField, "\(field.name) is a Kandji field; it is system-managed and read-only.")
  }

  /// Setting a value of `field` on a manual asset: managed fields hold Kandji's values only.
  public static func checkValue(of field: AssetField) -> AssetRuleViolation? {
    guard field.isManaged else { return nil }
    return AssetRuleViolation(.managedField, "\(field.name) is a Kandji field; only the sync sets it.")
  }
}

/// Why a write was refused.
public struct AssetRuleViolation: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    case managedAsset = "managed_asset"
    case managedType = "managed_type"
    case managedField = "managed_field"
  }

  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }
}
