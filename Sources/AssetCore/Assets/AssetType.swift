/// A kind of asset: one of the six managed platform types (R15–R16) or an admin's own type.
public struct AssetType: Sendable, Hashable, Codable, Identifiable {
  public var id: Int64
  public var name: String
  public var description: String
  /// Set on the managed types: the Kandji platform whose devices land here.
  public var platform: Platform?
  /// Managed types are system-controlled: they cannot be renamed or deleted (R16).
  public var isManaged: Bool { platform != nil }

  public init(id: Int64, name: String, description: String = "", platform: Platform? = nil) {
    self.id = id
    self.name = name
    self.description = description
    self.platform = platform
  }
}

/// A field of an asset type: a managed Kandji field (read-only) or an admin's custom field.
public struct AssetField: Sendable, Hashable, Codable, Identifiable {
  public var id: Int64
  public var assetTypeID: Int64
  public var name: String
  public var type: AssetFieldType
  /// `Kandji` for the managed fields (R17); `nil` for custom fields.
  public var group: String?
  /// The managed field this is, for Kandji fields.
  public var managedField: ManagedField?
  public var position: Int
  /// Options of a dropdown field, by id.
  public var choices: [FieldChoice]

  public var isManaged: Bool { managedField != nil }

  public init(
    id: Int64, assetTypeID: Int64, name: String, type: AssetFieldType, group: String? = nil,
    managedField: ManagedField? = nil, position: Int, choices: [FieldChoice] = []
  ) {
    self.id = id
    self.assetTypeID = assetTypeID
    self.name = name
    self.type = type
    self.group = group
    self.managedField = managedField
    self.position = position
    self.choices = choices
  }
}

/// One option of a dropdown field.
public struct FieldChoice: Sendable, Hashable, Codable {
  public var id: Int
  public var value: String

  public init(id: Int, value: String) {
    self.id = id
    self.value = value
  }
}
