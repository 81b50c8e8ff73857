import AssetCore
import AssetStore

/// The body of the admin extension `POST asset_types/` and `PUT asset_type/<id>/`: name,
/// description and HappyFox's `settings`.
struct AssetTypeWrite {
  var name: String?
  var description: String?
  var settings: AssetTypeSettings?

  static func read(_ body: BodyReader, creating: Bool, current: AssetTypeSettings = AssetTypeSettings()) throws
    -> AssetTypeWrite
  {
    body.rejectUnknown(allowed: ["name", "description", "settings"])
    var write = AssetTypeWrite()
    if creating || body.has("name") { write.name = body.string("name", TextRules.name, required: true) }
    write.description = body.string("description", TextRules.description)
    if let object = body.object("settings") {
      let settings = BodyReader(object)
      settings.rejectUnknown(allowed: [
        "enable_ticket_association", "enable_contact_association", "enable_asset_quantity_for_ticket",
      ])
      write.settings = AssetTypeSettings(
        ticketAssociation: settings.bool("enable_ticket_association") ?? current.ticketAssociation,
        contactAssociation: settings.bool("enable_contact_association") ?? current.contactAssociation,
        assetQuantityForTicket: settings.bool("enable_asset_quantity_for_ticket") ?? current.assetQuantityForTicket)
      for (field, messages) in settings.errors.flattened {
        for message in messages { body.add("settings.\(field)", message) }
      }
    }
    try body.validate()
    return write
  }
}

/// The body of the admin extension `POST asset_custom_fields/` and `PUT asset_custom_fields/<id>/`:
/// a name, one of HappyFox's six types (creation only: a field's type never changes), and the
/// options of a dropdown or multiple-choice field — labels (`["Dell", "HP"]`, or
/// `[{"text": "Dell"}]`) on creation, `[{"id": 1, "text": "Dell"}, {"text": "Lenovo"}]` on change
/// (as HappyFox's own `ticket_custom_field/<id>/` takes them).
struct FieldWrite {
  var name: String?
  var type: AssetFieldType?
  var choices: [FieldChange.Choice]?

  static func read(_ body: BodyReader, creating: Bool) throws -> FieldWrite {
    body.rejectUnknown(allowed: creating ? ["name", "type", "choices"] : ["name", "choices"])
    var write = FieldWrite()
    if creating || body.has("name") { write.name = body.string("name", TextRules.name, required: true) }
    if creating {
      let text = body.string("type", required: true, maxLength: 30)
      if let text {
        write.type = AssetFieldType(rawValue: text).flatMap { AssetFieldType.creatable.contains($0) ? $0 : nil }
        if write.type == nil {
          body.add("type", "Use one of text, textarea, number, dropdown, multiple_choice, date.")
        }
      }
    }
    if let list = body.list("choices", maxCount: 200) {
      var choices: [FieldChange.Choice] = []
      for item in list {
        switch item {
        case .string(let text): choices.append(.init(text: text))
        case .object(let entry):
          guard let text = entry["text"]?.text ?? entry["value"]?.text else {
            body.add("choices", "Each choice needs a text.")
            continue
          }
          let id = entry["id"].flatMap { $0.isNull ? nil : $0.integer }
          if let raw = entry["id"], !raw.isNull, id == nil { body.add("choices", "A choice's id is a number.") }
          choices.append(.init(id: id.map { Int($0) }, text: text))
        default: body.add("choices", "Each choice is a label or {\"id\", \"text\"}.")
        }
      }
      write.choices = choices
    }
    try body.validate()
    return write
  }
}
