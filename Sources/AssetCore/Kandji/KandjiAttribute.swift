/// One Kandji attribute an asset can show in its "Kandji" group (issue 19): what it is called,
/// how its value is typed, which Kandji response carries it and which platforms have it.
public struct KandjiAttribute: Sendable, Hashable, Identifiable {
  /// How a value is typed, on the page and in the API.
  public enum ValueType: String, Sendable, Hashable, Codable, CaseIterable {
    case text, number, date
    case dateTime = "datetime"
    case boolean, tags

    /// The HappyFox field type the attribute is listed with (`asset_custom_fields/`): a moment
    /// is a `date` field (its instant is kept beside it as `value_datetime`); tags are a
    /// `multiple_choice` field whose value is the list of tag texts.
    public var fieldType: AssetFieldType {
      switch self {
      case .text: .text
      case .number: .number
      case .date, .dateTime: .date
      case .boolean: .boolean
      case .tags: .multipleChoice
      }
    }
  }

  /// Which Kandji response carries the value, and so what keeping it fresh costs.
  public enum Source: Sendable, Hashable {
    /// `GET /api/v1/devices`: no extra call; follows every quick refresh.
    case list
    /// `GET /api/v1/devices/{id}/details`, in this section (Apple's or Android's name): one call
    /// per device, read on a device's first sync, on re-enrollment, by the backfill and the rotation.
    case details(section: String)

    public var isDetails: Bool { if case .details = self { true } else { false } }
  }

  /// Stable key: stored with values and selections, used by the API, CLI and filters.
  public var key: String
  public var label: String
  public var type: ValueType
  public var source: Source
  public var platforms: Set<Platform>
  /// Set for the 13 fields every earlier release showed; their values live in the asset's own
  /// columns (`ManagedAttributes`), the others' in the asset's attribute documents.
  public var managedField: ManagedField?

  public var id: String { key }

  public init(
    key: String, label: String, type: ValueType, source: Source, platforms: Set<Platform>,
    managedField: ManagedField? = nil
  ) {
    self.key = key
    self.label = label
    self.type = type
    self.source = source
    self.platforms = platforms
    self.managedField = managedField
  }

  /// Whether devices of `platform` have this attribute.
  public func applies(to platform: Platform) -> Bool { platforms.contains(platform) }
}
