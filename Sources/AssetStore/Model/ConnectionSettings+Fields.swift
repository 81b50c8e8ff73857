import AssetCore

extension ConnectionSettings {
  /// The keys of the attributes this connection's assets show, in order: the admin's choice, or
  /// the 13 fields of earlier releases until one is made (issue 19).
  public var selectedFieldKeys: [String] { fieldKeys ?? KandjiAttributeCatalogue.defaultKeys }

  /// The selected attributes, in order.
  public var selectedAttributes: [KandjiAttribute] {
    KandjiAttributeCatalogue.attributes(forKeys: selectedFieldKeys)
  }

  /// The selected attributes only the details call reads beyond supervised and UDID (which every
  /// first sync reads): choosing the first one costs a backfill of one call per device.
  public var selectedDetailsExtras: [KandjiAttribute] {
    selectedAttributes.filter { $0.source.isDetails && $0.managedField == nil }
  }
}

extension ConnectionSettings {
  /// Every catalogue attribute, in catalogue order, with its place in this selection.
  public var fieldChoices: [KandjiFieldChoice] {
    let places = Dictionary(selectedFieldKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    return KandjiAttributeCatalogue.attributes.map { KandjiFieldChoice(attribute: $0, position: places[$0.key]) }
  }
}

/// One catalogue attribute as a connection's field chooser shows it (issue 19).
public struct KandjiFieldChoice: Sendable, Hashable {
  public var attribute: KandjiAttribute
  /// Its 0-based place among the selected fields; `nil` when not selected.
  public var position: Int?

  public init(attribute: KandjiAttribute, position: Int?) {
    self.attribute = attribute
    self.position = position
  }

  public var isSelected: Bool { position != nil }

  /// `list` or `details`: which Kandji call reads the value.
  public var sourceName: String { attribute.source.isDetails ? "details" : "list" }

  /// The details section that holds it, for details attributes.
  public var detailsSection: String? {
    if case .details(let section) = attribute.source { section } else { nil }
  }

  /// The platforms that have it, in `Platform.allCases` order.
  public var platformNames: [String] { Platform.allCases.filter(attribute.applies).map(\.rawValue) }
}
