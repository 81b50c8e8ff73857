/// A kind of asset: one of the six managed platform types (R15–R16) or an admin's own type.
public struct AssetType: Sendable, Hashable, Codable, Identifiable {
  public var id: Int64
  public var name: String
  public var description: String
  /// Set on the managed types: the Kandji platform whose devices land here.
  public var platform: Platform?
  /// HappyFox's type settings: whether tickets and contacts can be associated with its assets.
  public var settings: AssetTypeSettings
  /// Managed types are system-controlled: they cannot be renamed or deleted (R16).
  public var isManaged: Bool { platform != nil }

  public init(
    id: Int64, name: String, description: String = "", platform: Platform? = nil,
    settings: AssetTypeSettings = AssetTypeSettings()
  ) {
    self.id = id
    self.name = name
    self.description = description
    self.platform = platform
    self.settings = settings
  }
}

/// HappyFox's asset type `settings`.
public struct AssetTypeSettings: Sendable, Hashable, Codable {
  public var ticketAssociation: Bool
  public var contactAssociation: Bool
  /// Whether a ticket may name a quantity of the asset (kept and answered; AssetSync's ticket
  /// links have no quantity).
  public var assetQuantityForTicket: Bool

  public init(ticketAssociation: Bool = true, contactAssociation: Bool = true, assetQuantityForTicket: Bool = false) {
    self.ticketAssociation = ticketAssociation
    self.contactAssociation = contactAssociation
    self.assetQuantityForTicket = assetQuantityForTicket
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
  /// The managed field this is, for the 13 Kandji fields of earlier releases.
  public var managedField: ManagedField?
  /// The Kandji attribute this field shows (`KandjiAttributeCatalogue` key), for every Kandji
  /// field: the 13 and the attributes issue 19 added; `nil` for custom fields.
  public var kandjiKey: String?
  public var position: Int
  /// Options of a dropdown field, by id.
  public var choices: [FieldChoice]

  /// Kandji fields are read-only, whichever attribute they show.
  public var isManaged: Bool { kandjiKey != nil }

  /// The catalogue attribute this field shows, for Kandji fields with a known key.
  public var kandjiAttribute: KandjiAttribute? { kandjiKey.flatMap(KandjiAttributeCatalogue.attribute) }

  /// `kandjiKey` defaults to the managed field's key, so a field made with `managedField` alone
  /// is the Kandji field it names.
  public init(
    id: Int64, assetTypeID: Int64, name: String, type: AssetFieldType, group: String? = nil,
    managedField: ManagedField? = nil, position: Int, choices: [FieldChoice] = [], kandjiKey: String? = nil
  ) {
    self.kandjiKey = kandjiKey ?? managedField?.rawValue
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

/// One option of a dropdown or multiple-choice field; ids are the field's own (1, 2, …) and
/// never reused, so a value keeps meaning the option it was set to.
public struct FieldChoice: Sendable, Hashable, Codable {
  public var id: Int
  /// The option's label (HappyFox's `text`).
  public var value: String

  public init(id: Int, value: String) {
    self.id = id
    self.value = value
  }
}
