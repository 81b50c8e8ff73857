import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// Admin › Asset types: manual types (create, rename, describe, delete) and their fields (any of
/// HappyFox's six types, options for dropdown and multiple-choice fields). The Kandji types are
/// listed read-only: the store refuses every change to them (R16–R17).
struct AssetTypesAdminPage {
  let services: AppServices
  let renderer: PageRenderer
  var store: any AssetTypeStore & AssetRecordStore { services.store }
  static let base = "/admin/asset-types"

  struct TypeRow {
    var id: Int64
    var name, description: String
    var managed: Bool
    var assets, fields: Int
  }

  struct ListModel {
    var chrome: PageChrome
    var types: [TypeRow]
    /// The new type's form as typed, and why it was refused.
    var name = "", description = ""
    var nameError: String?
  }

  struct ChoiceItem {
    var id: Int
    var text: String
  }

  struct FieldRow {
    var id: Int64
    var name, typeLabel: String
    /// `nil` when the field has no options (Mustache shows any string, even an empty one).
    var choicesText: String?
    var managed, hasChoices: Bool
    var choices: [ChoiceItem]
    /// Why this field's edit was refused (its form then opens with the error).
    var error: String?
  }

  struct TypeModel {
    var chrome: PageChrome
    var type: TypeRow
    var ticketAssociation, contactAssociation: Bool
    var fields: [FieldRow]
    var hasFields: Bool
    var fieldTypes: [TicketPages.Option]
    var csrf: String
    var typeID: Int64
    /// The type's form and the new field's form as typed, and why one was refused.
    var editName, editDescription: String
    var editNameError: String?
    var fieldName = "", fieldChoices = ""
    var fieldNameError: String?
  }

  func register(_ pages: PageRoutes<AdminContext>) {
    pages.get("admin/asset-types") { request, context in try await list(request, context) }
    pages.post("admin/asset-types") { request, context in
      try await act(request, context, refused: refusedType) { form in
        try Self.checkType(form)
        let type = try await store.createAssetType(
          AssetTypeDraft(name: form["name"] ?? "", description: form["description"] ?? ""))
        return ("\(Self.base)/\(type.id)", "Asset type “\(type.name)” created.")
      }
    }
    pages.get("admin/asset-types/:id") { request, context in try await show(request, context) }
    pages.post("admin/asset-types/:id") { request, context in
      try await act(request, context, refused: refusedEdit) { form in
        let id = try request.id(context, what: "Asset type")
        try Self.checkType(form)
        let type = try await store.updateAssetType(
          id: id,
          AssetTypeChange(
            name: form["name"] ?? "", description: form.values["description"] ?? "",
            settings: AssetTypeSettings(
              ticketAssociation: form["ticket_association"] == "1",
              contactAssociation: form["contact_association"] == "1")))
        return ("\(Self.base)/\(type.id)", "Asset type saved.")
      }
    }
    pages.post("admin/asset-types/:id/delete") { request, context in
      try await act(
        request, context,
        confirm: { id in
          let type = try await store.assetType(id: id)
          return Confirmation(
            heading: "Delete the asset type “\(type?.name ?? "")”?",
            message: "The type and its fields are deleted. A type that still has assets cannot be deleted.",
            action: "\(Self.base)/\(id)/delete", button: "Yes, delete the type", cancelURL: "\(Self.base)/\(id)")
        }
      ) { _ in
        try await store.deleteAssetType(id: try request.id(context, what: "Asset type"))
        return (Self.base, "Asset type deleted.")
      }
    }
    pages.post("admin/asset-types/:id/fields") { request, context in
      try await act(request, context, refused: refusedNewField) { form in
        let id = try request.id(context, what: "Asset type")
        try Self.checkField(form)
        let type = form["type"].flatMap(AssetFieldType.init(rawValue:)) ?? .text
        let choices = (form["choices"] ?? "").split(whereSeparator: \.isNewline).map(String.init)
          .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let field = try await store.createField(
          assetTypeID: id, FieldDraft(name: form["name"] ?? "", type: type, choices: choices))
        return ("\(Self.base)/\(id)#fields", "Field “\(field.name)” added.")
      }
    }
    pages.post("admin/asset-types/:id/fields/:field") { request, context in
      try await act(request, context, refused: refusedFieldEdit) { form in
        let id = try request.id(context, what: "Asset type")
        let fieldID = try request.id(context, "field", what: "Asset custom field")
        guard let field = try await store.field(id: fieldID) else { throw APIError.notFound("Field \(fieldID)") }
        try Self.checkField(form)
        var change = FieldChange(name: form["name"] ?? "")
        if field.type.hasChoices {
          let kept = field.choices.compactMap { choice in
            form["choice_\(choice.id)"].map { FieldChange.Choice(id: choice.id, text: $0) }
          }
          let added = (form["new_choices"] ?? "").split(whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { FieldChange.Choice(text: $0) }
          change.choices = kept + added
        }
        _ = try await store.updateField(id: fieldID, change)
        return ("\(Self.base)/\(id)#fields", "Field saved.")
      }
    }
    pages.post("admin/asset-types/:id/fields/:field/delete") { request, context in
      try await act(
        request, context,
        confirm: { id in
          let fieldID = try request.id(context, "field", what: "Asset custom field")
          let field = try await store.field(id: fieldID)
          return Confirmation(
            heading: "Delete the field “\(field?.name ?? "")”?",
            message: "The field and every asset's value of it are deleted. This cannot be undone.",
            action: "\(Self.base)/\(id)/fields/\(fieldID)/delete", button: "Yes, delete the field",
            cancelURL: "\(Self.base)/\(id)#fields")
        }
      ) { _ in
        let id = try request.id(context, what: "Asset type")
        try await store.deleteField(id: try request.id(context, "field", what: "Asset custom field"))
        return ("\(Self.base)/\(id)#fields", "Field deleted.")
      }
    }
  }

  /// A type's name and description read by the API's rules (`AssetTypeWrite`, `TextRules`).
  static func checkType(_ form: WebForm) throws {
    let input = FormInput(form)
    _ = input.text("name", TextRules.name, required: true)
    _ = input.text("description", TextRules.description)
    try input.validate()
  }

  /// A field's name read by the API's rules (`FieldWrite`, `TextRules`).
  static func checkField(_ form: WebForm) throws {
    let input = FormInput(form)
    _ = input.text("name", TextRules.name, required: true)
    try input.validate()
  }

  /// How a refused form comes back: the page it was on, with the form as sent and the reason
  /// beside the field (400).
  typealias Refusal = (Request, AdminContext, WebForm, String) async throws -> Response

  /// An admin's form: on success to `target` with the message; a refused change back on the page
  /// it came from, as typed, the reason beside the field (`refused`), or, for a form with nothing
  /// to retype (a delete), in an error notice there.
  func act(
    _ request: Request, _ context: AdminContext, refused: Refusal? = nil,
    confirm: ((Int64) async throws -> Confirmation)? = nil, _ body: (WebForm) async throws -> (String, String)
  ) async throws -> Response {
    let form = try await WebForm.read(request, context)
    if let confirm, Confirmation.needed(form) {
      return try await confirm(try request.id(context, what: "Asset type")).page(
        renderer, request, context, section: "types")
    }
    do {
      let (target, message) = try await body(form)
      return .seeOther(target, cookies: [Flash.set(message)])
    } catch let error as StoreError {
      if case .readOnly(let violation) = error { throw APIError.forbidden(violation.message) }
      if case .notFound = error { throw error }
      let message: String
      if case .invalid(_, let text) = error { message = text } else { message = error.description }
      if let refused { return try await refused(request, context, form, message) }
      let back = request.uri.path.split(separator: "/").prefix(3).joined(separator: "/")
      return .seeOther("/" + back, cookies: [Flash.error(message)])
    }
  }

  func refusedType(_ request: Request, _ context: AdminContext, _ form: WebForm, _ message: String)
    async throws -> Response
  {
    try await list(request, context) {
      $0.name = form.values["name"] ?? ""
      $0.description = form.values["description"] ?? ""
      $0.nameError = message
      $0.chrome.error = "The asset type was not created: check the highlighted field."
    }
  }

  func refusedEdit(_ request: Request, _ context: AdminContext, _ form: WebForm, _ message: String)
    async throws -> Response
  {
    try await show(request, context) {
      $0.editName = form.values["name"] ?? ""
      $0.editDescription = form.values["description"] ?? ""
      $0.ticketAssociation = form["ticket_association"] == "1"
      $0.contactAssociation = form["contact_association"] == "1"
      $0.editNameError = message
      $0.chrome.error = "The asset type was not saved: check the highlighted field."
    }
  }

  func refusedNewField(_ request: Request, _ context: AdminContext, _ form: WebForm, _ message: String)
    async throws -> Response
  {
    try await show(request, context) {
      $0.fieldName = form.values["name"] ?? ""
      $0.fieldChoices = form.values["choices"] ?? ""
      let type = form.values["type"] ?? ""
      $0.fieldTypes = $0.fieldTypes.map {
        TicketPages.Option(value: $0.value, label: $0.label, selected: $0.value == type)
      }
      $0.fieldNameError = message
      $0.chrome.error = "The field was not added: check the highlighted field."
    }
  }

  func refusedFieldEdit(_ request: Request, _ context: AdminContext, _ form: WebForm, _ message: String)
    async throws -> Response
  {
    let fieldID = context.parameters.get("field").flatMap { Int64($0) }
    return try await show(request, context) { model in
      model.fields = model.fields.map { row in
        guard row.id == fieldID else { return row }
        var row = row
        row.name = form.values["name"] ?? row.name
        row.choices = row.choices.map { ChoiceItem(id: $0.id, text: form.values["choice_\($0.id)"] ?? "") }
        row.error = message
        return row
      }
      model.chrome.error = "The field was not saved: check the highlighted field."
    }
  }

  func list(
    _ request: Request, _ context: AdminContext, _ change: (inout ListModel) -> Void = { _ in }
  ) async throws -> Response {
    let counts = try await store.assetCounts()
    var rows: [TypeRow] = []
    for type in try await store.assetTypes() {
      rows.append(
        TypeRow(
          id: type.id, name: type.name, description: type.description, managed: type.isManaged,
          assets: counts[type.id] ?? 0, fields: try await store.fields(assetTypeID: type.id).count))
    }
    let (chrome, clear) = try PageChrome.forPage(context, request, title: "Asset types", section: "types")
    var model = ListModel(chrome: chrome, types: rows)
    change(&model)
    return renderer.page("asset-types", model, status: model.chrome.error == nil ? .ok : .badRequest)
      .with(cookies: [clear])
  }

  func show(
    _ request: Request, _ context: AdminContext, _ change: (inout TypeModel) -> Void = { _ in }
  ) async throws -> Response {
    let id = try request.id(context, what: "Asset type")
    guard let type = try await store.assetType(id: id) else { throw APIError.notFound("Asset type \(id)") }
    let fields = try await store.fields(assetTypeID: id)
    let (chrome, clear) = try PageChrome.forPage(context, request, title: type.name, section: "types")
    var model = TypeModel(
      chrome: chrome,
      type: TypeRow(
        id: type.id, name: type.name, description: type.description, managed: type.isManaged,
        assets: try await store.assetCounts()[id] ?? 0, fields: fields.count),
      ticketAssociation: type.settings.ticketAssociation, contactAssociation: type.settings.contactAssociation,
      fields: fields.map {
        FieldRow(
          id: $0.id, name: $0.name, typeLabel: $0.type.label,
          choicesText: $0.choices.isEmpty ? nil : $0.choices.map(\.value).joined(separator: ", "),
          managed: $0.isManaged, hasChoices: $0.type.hasChoices,
          choices: $0.choices.map { ChoiceItem(id: $0.id, text: $0.value) })
      }, hasFields: !fields.isEmpty,
      fieldTypes: AssetFieldType.creatable.map {
        TicketPages.Option(value: $0.rawValue, label: $0.label, selected: $0 == .text)
      }, csrf: chrome.csrf, typeID: type.id, editName: type.name, editDescription: type.description)
    change(&model)
    return renderer.page("asset-type", model, status: model.chrome.error == nil ? .ok : .badRequest)
      .with(cookies: [clear])
  }
}
