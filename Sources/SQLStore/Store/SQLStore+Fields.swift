import AssetCore
import AssetStore
import Foundation

/// Admins' fields of manual types; the Kandji fields refuse every change (`AssetWriteRules`).
extension SQLStore {
  public func field(id: Int64) async throws -> AssetField? {
    try await read { s in try await Self.field(s, id: id) }
  }

  static func field(_ s: Database.Session, id: Int64) async throws -> AssetField? {
    try await s.fetch("SELECT \(raw: AssetFieldRecord.columns) FROM asset_fields WHERE id = \(id)")
      .decoded(AssetFieldRecord.decode).first
  }

  public func createField(assetTypeID: Int64, _ draft: FieldDraft) async throws -> AssetField {
    let name = try StoreInput.name(draft.name)
    guard AssetFieldType.creatable.contains(draft.type) else {
      throw StoreError.invalid(field: "type", message: "Use one of the six HappyFox field types.")
    }
    let choices = try Self.checkedChoices(draft.choices.map { FieldChange.Choice(text: $0) }, type: draft.type, old: [])
    return try await write { s in
      let type = try await Self.type(s, id: assetTypeID)
      if let violation = AssetWriteRules.checkAddField(to: type) { throw StoreError.readOnly(violation) }
      try await Self.requireUniqueFieldName(s, name, typeID: type.id, except: nil)
      let position =
        try await s.fetchOne(
          "SELECT COALESCE(MAX(position), -1) + 1 FROM asset_fields WHERE asset_type_id = \(type.id)")?
        .int64(at: 0) ?? 0
      let row = try await Duplicate.mapping(Duplicate.fieldName(name)) {
        try await s.fetchOne(
          """
          INSERT INTO asset_fields (asset_type_id, name, field_type, position, choices)
          VALUES (\(type.id), \(name), \(draft.type.rawValue), \(position), \(AssetFieldRecord.choicesJSON(choices)))
          RETURNING id
          """)
      }
      return AssetField(
        id: try row?.int64(at: 0) ?? 0, assetTypeID: type.id, name: name, type: draft.type, position: Int(position),
        choices: choices)
    }
  }

  public func updateField(id: Int64, _ change: FieldChange) async throws -> AssetField {
    let name = try change.name.map { try StoreInput.name($0) }
    return try await write { s in
      guard var field = try await Self.field(s, id: id) else { throw StoreError.notFound("Asset custom field \(id)") }
      if let violation = AssetWriteRules.checkEdit(field) { throw StoreError.readOnly(violation) }
      field.name = name ?? field.name
      try await Self.requireUniqueFieldName(s, field.name, typeID: field.assetTypeID, except: field.id)
      var statements: [SQLStatement] = []
      if let choices = change.choices {
        field.choices = try Self.checkedChoices(choices, type: field.type, old: field.choices)
        statements += try await Self.clearRemovedChoices(s, field: field)
      }
      try await Duplicate.mapping(Duplicate.fieldName(field.name)) {
        try await s.execute(
          """
          UPDATE asset_fields SET name = \(field.name), choices = \(AssetFieldRecord.choicesJSON(field.choices))
          WHERE id = \(id)
          """)
      }
      try await s.execute(statements + [ListTotals.bump])
      return field
    }
  }

  public func deleteField(id: Int64) async throws {
    try await write { s in
      guard let field = try await Self.field(s, id: id) else { throw StoreError.notFound("Asset custom field \(id)") }
      if let violation = AssetWriteRules.checkEdit(field) { throw StoreError.readOnly(violation) }
      try await s.execute(["DELETE FROM asset_fields WHERE id = \(id)", ListTotals.bump])
    }
  }

  /// A type's field names are unique whatever their case ("Size" and "size" would confuse
  /// everyone reading an asset).
  static func requireUniqueFieldName(_ s: Database.Session, _ name: String, typeID: Int64, except: Int64?) async throws
  {
    let taken = try await s.fetch("SELECT id, name FROM asset_fields WHERE asset_type_id = \(typeID)").contains { row in
      try row.int64(at: 0) != except && SearchKey.fold(try row.string(at: 1) ?? "") == SearchKey.fold(name)
    }
    if taken { throw StoreError.duplicateName(name) }
  }

  /// The options after a change: kept ids keep their option, new ones take ids after the highest
  /// ever given (so a removed option's id is never reused); labels unique, 1 to 100 characters.
  static func checkedChoices(_ wanted: [FieldChange.Choice], type: AssetFieldType, old: [FieldChoice]) throws
    -> [FieldChoice]
  {
    guard type.hasChoices else {
      if wanted.isEmpty { return [] }
      throw StoreError.invalid(field: "choices", message: "Only dropdown and multiple choice fields have choices.")
    }
    guard !wanted.isEmpty, wanted.count <= 200 else {
      throw StoreError.invalid(field: "choices", message: "Give 1 to 200 choices.")
    }
    var next = (old.map(\.id).max() ?? 0) + 1
    var seen = Set<String>()
    return try wanted.map { choice in
      let text = try StoreInput.name(choice.text, field: "choices")
      guard seen.insert(SearchKey.fold(text)).inserted else {
        throw StoreError.invalid(field: "choices", message: "The choice \"\(text)\" is given twice.")
      }
      if let id = choice.id {
        guard old.contains(where: { $0.id == id }) else {
          throw StoreError.invalid(field: "choices", message: "The field has no choice \(id).")
        }
        return FieldChoice(id: id, value: text)
      }
      defer { next += 1 }
      return FieldChoice(id: next, value: text)
    }
  }

  /// Values that name a removed option: a dropdown's are deleted, a multiple choice's lose it.
  static func clearRemovedChoices(_ s: Database.Session, field: AssetField) async throws -> [SQLStatement] {
    let kept = Set(field.choices.map(\.id))
    var statements: [SQLStatement] = []
    for row in try await s.fetch("SELECT asset_id, value FROM asset_field_values WHERE field_id = \(field.id)") {
      let assetID = try row.int64(at: 0) ?? 0
      let value = FieldValue.stored(try row.string(at: 1) ?? "", type: field.type)
      switch value {
      case .choice(let id) where !kept.contains(id):
        statements.append("DELETE FROM asset_field_values WHERE asset_id = \(assetID) AND field_id = \(field.id)")
      case .choices(let ids) where ids.contains(where: { !kept.contains($0) }):
        let remaining = FieldValue.choices(ids.filter(kept.contains)).storedText
        statements.append(
          "UPDATE asset_field_values SET value = \(remaining) WHERE asset_id = \(assetID) AND field_id = \(field.id)")
      default: break
      }
    }
    return statements
  }
}
