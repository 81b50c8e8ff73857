import AssetCore
import AssetStore
import Foundation

/// How asset types and their fields are stored. The managed ones (and their labels) are rows the
/// migrations wrote; everything shown about them is read from here.
enum AssetTypeRecord {
  static let columns = """
    asset_types.id, asset_types.name, asset_types.description, asset_types.platform,
    asset_types.enable_ticket_association, asset_types.enable_contact_association, asset_types.enable_asset_quantity
    """

  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> AssetType {
    AssetType(
      id: try r.int64(), name: try r.string(), description: try r.string(),
      platform: try r.optionalString().flatMap(Platform.init(rawValue:)),
      settings: AssetTypeSettings(
        ticketAssociation: try r.bool(), contactAssociation: try r.bool(), assetQuantityForTicket: try r.bool()))
  }
}

enum AssetFieldRecord {
  static let columns = """
    asset_fields.id, asset_fields.asset_type_id, asset_fields.name, asset_fields.field_type, asset_fields.group_name,
    asset_fields.managed_key, asset_fields.position, asset_fields.choices
    """
  /// Managed (grouped) fields first, in position order.
  static let order = "asset_fields.group_name IS NULL, asset_fields.position, asset_fields.id"

  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> AssetField {
    let id = try r.int64()
    let typeID = try r.int64()
    let name = try r.string()
    let type = AssetFieldType(rawValue: try r.string()) ?? .text
    let group = try r.optionalString()
    let key = try r.optionalString()
    let position = try r.int()
    let choices = choicesFrom(try r.string())
    return AssetField(
      id: id, assetTypeID: typeID, name: name, type: type, group: group,
      managedField: key.flatMap(ManagedField.init(rawValue:)), position: position, choices: choices, kandjiKey: key)
  }
}

extension AssetFieldRecord {
  static func choicesFrom(_ json: String) -> [FieldChoice] {
    (try? JSONDecoder().decode([FieldChoice].self, from: Data(json.utf8))) ?? []
  }

  static func choicesJSON(_ choices: [FieldChoice]) -> String {
    (try? JSONEncoder().encode(choices)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
  }
}
