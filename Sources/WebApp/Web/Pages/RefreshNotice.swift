import AssetCore
import SyncService

/// The notice after "Refresh from Kandji", naming changed fields by the labels the asset page
/// shows ("OS Version", not `os_version`): the sync report's reason keeps the keys, which suit a
/// CSV but not a person.
enum RefreshNotice {
  /// `outcome`'s message with its changed keys turned into `fields`' labels.
  static func text(_ outcome: AssetRefreshOutcome, fields: [AssetField]) -> String {
    guard case .updated(let reason) = outcome.result else { return outcome.message }
    let parts = reason.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    let changed = parts.first { $0.hasPrefix("changed: ") }.map { part in
      part.dropFirst("changed: ".count).split(separator: ",").map {
        label(for: $0.trimmingCharacters(in: .whitespaces), fields: fields)
      }
    }
    let notes = parts.filter { !$0.hasPrefix("changed: ") }
    let sentence = (changed.map { ["changed " + $0.joined(separator: ", ")] } ?? []) + notes
    return "Refreshed from Kandji: " + (sentence.isEmpty ? "updated" : sentence.joined(separator: "; ")) + "."
  }

  /// A change key's label: a Kandji field's stored name, or the words for the asset's own keys.
  static func label(for key: String, fields: [AssetField]) -> String {
    if let managed = ManagedField(rawValue: key),
      let field = fields.first(where: { $0.managedField == managed })
    {
      return field.name
    }
    switch key {
    case "name": return "Name"
    case "display_id": return "Display ID"
    case "contact": return "Contact (the device's user)"
    case "enrollment": return "Enrollment"
    default: return key
    }
  }
}
