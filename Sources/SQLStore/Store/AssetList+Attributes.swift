import AssetCore
import AssetStore
import Foundation

/// The asset list's Kandji attribute filters (issue 19): the 13 fields of earlier releases on
/// their columns, the others on the asset's list or details document. A filter matches when the
/// attribute's `KandjiAttributeValue.filterTexts` would contain its value.
extension AssetList {
  /// One condition per filter; an unknown key, or a value the attribute can never have (a flag
  /// other than `true`/`false`, a number or moment that does not read), is refused.
  func attributeConditions() throws -> [SQLStatement] {
    // Each filter is a condition (a JSON probe on PostgreSQL and SQLite alike): a bound keeps a
    // crafted query from costing a scan per filter.
    guard query.attributeFilters.count <= Self.maxAttributeFilters else {
      throw StoreError.invalid(
        field: "filters", message: "At most \(Self.maxAttributeFilters) attribute filters can be combined.")
    }
    return try query.attributeFilters.map { filter in
      guard let attribute = KandjiAttributeCatalogue.attribute(filter.key) else {
        throw StoreError.invalid(
          field: filter.key, message: "\"\(filter.key)\" is not a Kandji attribute; no asset can be filtered by it.")
      }
      return try condition(attribute, filter.value)
    }
  }

  /// More than any list page offers (a filter per attribute of the catalogue).
  static let maxAttributeFilters = 40

  private func condition(_ attribute: KandjiAttribute, _ value: String) throws -> SQLStatement {
    if let managed = attribute.managedField { return try managedCondition(managed, attribute, value) }
    let document = attribute.source.isDetails ? "assets.details_attributes" : "assets.list_attributes"
    let json = dialect.json
    switch attribute.type {
    case .text, .date:
      return "\(json.text(document, attribute.key)) = \(value)"
    case .boolean:
      return json.isFlag(document, attribute.key, try flag(attribute, value))
    case .tags:
      return json.arrayContains(document, attribute.key, value)
    case .number:
      // Numbers read with at most two decimals (`KandjiAttributeValue.text`): "228.27" matches
      // what shows as 228.27.
      guard let number = Double(value.trimmingCharacters(in: .whitespaces)), number.isFinite else {
        throw invalid(attribute, value, "a number")
      }
      return "ABS(\(json.number(document, attribute.key)) - \(number)) < 0.005"
    case .dateTime:
      let second = try moment(attribute, value)
      let number = json.number(document, attribute.key)
      return "(\(number) >= \(second) AND \(number) < \(second + 1))"
    }
  }

  /// The 13 on their own columns (only synced assets have them).
  private func managedCondition(_ field: ManagedField, _ attribute: KandjiAttribute, _ value: String) throws
    -> SQLStatement
  {
    switch field {
    case .supervised:
      return "assets.supervised = \(try flag(attribute, value))"
    case .lastCheckIn:
      let second = try moment(attribute, value)
      return "(assets.last_check_in >= \(second) AND assets.last_check_in < \(second + 1))"
    case .enrollmentState:
      // Shown by label, stored by raw value.
      guard let state = EnrollmentState.allCases.first(where: { $0.label == value }) else { return "1 = 0" }
      return "assets.enrollment_state = \(state.rawValue)"
    case .deviceID: return "assets.kandji_device_id = \(value)"
    case .serialNumber: return "assets.serial_number = \(value)"
    case .deviceName: return "assets.device_name = \(value)"
    case .platform: return "assets.platform = \(value)"
    case .model: return "assets.model = \(value)"
    case .osVersion: return "assets.os_version = \(value)"
    case .assetTag: return "assets.asset_tag = \(value)"
    case .blueprint: return "assets.blueprint = \(value)"
    case .udid: return "assets.udid = \(value)"
    case .user: return "assets.user_email = \(value)"
    }
  }

  private func flag(_ attribute: KandjiAttribute, _ value: String) throws -> Bool {
    switch value.lowercased() {
    case "true": return true
    case "false": return false
    default: throw invalid(attribute, value, "true or false")
    }
  }

  /// A moment's whole second (moments show in whole seconds, ISO 8601).
  private func moment(_ attribute: KandjiAttribute, _ value: String) throws -> Double {
    guard let date = try? Date(value, strategy: .iso8601) else {
      throw invalid(attribute, value, "an ISO 8601 moment such as 2026-11-30T09:15:00Z")
    }
    return date.timeIntervalSince1970.rounded(.down)
  }

  private func invalid(_ attribute: KandjiAttribute, _ value: String, _ wanted: String) -> StoreError {
    .invalid(field: attribute.key, message: "The \(attribute.label) filter takes \(wanted), not \"\(value)\".")
  }
}
