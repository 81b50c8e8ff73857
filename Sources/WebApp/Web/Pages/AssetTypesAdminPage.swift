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
  var store: any AssetStore { services.store }
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
  }

  func register(_ pages: RouterGroup<AppRequestContext>) {
    pages.get("admin/asset-types") { request, context in try await list(request, context) }
    pages.post("admin/asset-types") { request, context in
      try await act(request, context) { form in
        let type = try await store.createAssetType(
          AssetTypeDraft(name: form["name"] ?? "", description: form["description"] ?? ""))
        return ("\(Self.base)/\(type.id)", "Asset type “\(type.name)” created.")
      }
    }
    pages.get("admin/asset-types/:id") { request, context in try await show(request, context) }
    pages.post("admin/asset-types/:id") { request, context in
      try await act(request, context) { form in
        let id = try request.id(context, what: "Asset type")
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
      try await act(request, context) { _ in
        try await store.deleteAssetType(id: try request.id(context, what: "Asset type"))
        return (Self.base, "Asset type deleted.")
      }
    }
    pages.post("admin/asset-types/:id/fields") { request, context in
      try await act(request, context) { form in
        let id = try request.id(context, what: "Asset type")
        let type = form["type"].flatMap(AssetFieldType.init(rawValue:)) ?? .text
        let choices = (form["choices"] ?? "").split(whereSeparator: \.isNewline).map(String.init)
          .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let field = try await store.createField(
          assetTypeID: id, FieldDraft(name: form["name"] ?? "", type: type, choices: choices))
        return ("\(Self.base)/\(id)#fields", "Field “\(field.name)” added.")
      }
    }
    pages.post("admin/asset-types/:id/fields/:field") { request, context in
      try await act(request, context) { form in
        let id = try request.id(context, what: "Asset type")
        let fieldID = try request.id(context, "field", what: "Asset custom field")
        guard let field = try await store.field(id: fieldID) else { throw APIError.notFound("Field \(fieldID)") }
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
      try await act(request, context) { _ in
        let id = try request.id(context, what: "Asset type")
        try await store.deleteField(id: try request.id(context, "field", what: "Asset custom field"))
        return ("\(Self.base)/\(id)#fields", "Field deleted.")
      }
    }
  }

  /// An admin's form: on success to `target` with the message; a refused change back to the page
  /// it came from with the reason.
  func act(
    _ request: Request, _ context: AppRequestContext, _ body: (WebForm) async throws -> (String, String)
  ) async throws -> Response {
    _ = try context.requireAdmin()
    let form = try await WebForm.read(request, context)
    do {
      let (target, message) = try await body(form)
      return .seeOther(target, cookies: [Flash.set(message)])
    } catch let error as StoreError {
      if case .readOnly(let violation) = error { throw APIError.forbidden(violation.message) }
      guard case .notFound = error else {
        let back = request.uri.path.split(separator: "/").prefix(3).joined(separator: "/")
        return .seeOther("/" + back, cookies: [Flash.set(error.description)])
      }
      throw error
    }
  }

  func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    _ = try context.requireAdmin()
    let counts = try await store.assetCounts()
    var rows: [TypeRow] = []
    for type in try await store.assetTypes() {
      rows.append(
        TypeRow(
          id: type.id, name: type.name, description: type.description, managed: type.isManaged,
          assets: counts[type.id] ?? 0, fields: try await store.fields(assetTypeID: type.id).count))
    }
    let (chrome, clear) = try PageChrome.forPage(context, request, title: "Asset types", section: "types")
    return renderer.page("asset-types", ListModel(chrome: chrome, types: rows)).with(cookies: [clear])
  }

  func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    _ = try context.requireAdmin()
    let id = try request.id(context, what: "Asset type")
    guard let type = try await store.assetType(id: id) else { throw APIError.notFound("Asset type \(id)") }
    let fields = try await store.fields(assetTypeID: id)
    let (chrome, clear) = try PageChrome.forPage(context, request, title: type.name, section: "types")
    let model = TypeModel(
      chrome: chrome,
      type: TypeRow(
        id: type.id, name: type.name, description: type.description, managed: type.isManaged,
        assets: try await store.assetCounts()[id] ?? 0, fields: fields.count),
      ticketAssociation: type.settings.ticketAssociation, contactAssociation: type.settings.contactAssociation,
      fields: fields.map {
        FieldRow(
          id: $0.id, name: $0.name, typeLabel: $0.type.label,
          choicesText: $0.choices.map(\.value).joined(separator: ", "),
          managed: $0.isManaged, hasChoices: $0.type.hasChoices,
          choices: $0.choices.map { ChoiceItem(id: $0.id, text: $0.value) })
      }, hasFields: !fields.isEmpty,
      fieldTypes: AssetFieldType.creatable.map {
        TicketPages.Option(value: $0.rawValue, label: $0.label, selected: $0 == .text)
      }, csrf: chrome.csrf, typeID: type.id)
    return renderer.page("asset-type", model).with(cookies: [clear])
  }
}
