import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// The manual asset forms: new and edit, with the type's custom fields, errors beside their fields.
extension AssetPages {
  func newForm(_ request: Request, _ context: AgentContext) async throws -> Response {
    let typeID = request.uri.queryParameters["type"].flatMap { Int64($0) } ?? 0
    guard let type = try await store.assetType(id: typeID) else { throw APIError.notFound("Asset type \(typeID)") }
    let (chrome, _) = try chrome(context, "New asset", request)
    return renderer.page(
      "asset-form",
      AssetFormModel(
        chrome: chrome, heading: "New \(type.name) asset", action: "/assets?type=\(type.id)", type: type,
        cancelURL: "/assets?type=\(type.id)", name: "", displayID: "",
        fields: try await store.fields(assetTypeID: type.id), values: [:]))
  }

  func create(_ request: Request, _ context: AgentContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let agent = context.agent
    let typeID = request.uri.queryParameters["type"].flatMap { Int64($0) } ?? 0
    guard let type = try await store.assetType(id: typeID) else { throw APIError.notFound("Asset type \(typeID)") }
    let name = form["name"] ?? ""
    let displayID = form["display_id"] ?? ""
    let input = Self.readNames(form)
    let fields = try await store.fields(assetTypeID: type.id)
    let (values, errors) = AssetFormModel.values(form, fields: fields)
    func again(_ error: StoreError?) throws -> Response {
      let (chrome, _) = try chrome(context, "New asset", request)
      var model = AssetFormModel(
        chrome: chrome, heading: "New \(type.name) asset", action: "/assets?type=\(type.id)", type: type,
        cancelURL: "/assets?type=\(type.id)", name: name, displayID: displayID, fields: fields, values: [:])
      model.show(values, errors: errors, fields: fields)
      Self.place(input, into: &model)
      if let error { try Self.place(error, into: &model) }
      model.chrome.error = "The asset was not saved: check the highlighted field."
      return renderer.page("asset-form", model, status: .badRequest)
    }
    guard errors.isEmpty, input.firstProblem == nil else { return try again(nil) }
    do {
      let asset = try await store.createManualAsset(
        ManualAssetDraft(
          assetTypeID: type.id, name: name, displayID: displayID, customValues: values.filter { !$0.value.isEmpty },
          createdBy: agent.id),
        at: services.now())
      return .seeOther("/assets/\(asset.id)", cookies: [Flash.set("Asset created.")])
    } catch let error as StoreError {
      return try again(error)
    }
  }

  /// The name and display ID read by the API's rules (`TextRules.assetName`, `.displayID`).
  static func readNames(_ form: WebForm) -> FormInput {
    let input = FormInput(form)
    _ = input.text("name", TextRules.assetName, required: true)
    _ = input.text("display_id", TextRules.displayID, required: true)
    return input
  }

  /// Puts the problems of the name and display ID next to their fields.
  static func place(_ input: FormInput, into model: inout AssetFormModel) {
    model.nameError = input.problem("name")
    model.displayIDError = input.problem("display_id")
  }

  /// Puts a validation failure next to its field.
  static func place(_ error: StoreError, into model: inout AssetFormModel) throws {
    switch error {
    case .invalid(let field, let message) where field == "name": model.nameError = message
    case .invalid(let field, let message) where field == "display_id": model.displayIDError = message
    case .duplicateDisplayID: model.displayIDError = "This display ID is already used by another asset."
    default: throw error
    }
  }

  func editForm(_ request: Request, _ context: AgentContext) async throws -> Response {
    let asset = try await loadAsset(request, context)
    if let violation = AssetWriteRules.checkEdit(asset) { throw APIError.forbidden(violation.message) }
    let type = try await store.assetType(id: asset.assetTypeID)
    let (chrome, _) = try chrome(context, "Edit \(asset.name)", request)
    return renderer.page(
      "asset-form",
      AssetFormModel(
        chrome: chrome, heading: "Edit \(asset.name)", action: "/assets/\(asset.id)/edit", type: type,
        cancelURL: "/assets/\(asset.id)", name: asset.name, displayID: asset.displayID,
        fields: try await store.fields(assetTypeID: asset.assetTypeID), values: asset.customValues))
  }

  func update(_ request: Request, _ context: AgentContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let agent = context.agent
    let asset = try await loadAsset(request, context)
    if let violation = AssetWriteRules.checkEdit(asset) { throw APIError.forbidden(violation.message) }
    let name = form["name"] ?? ""
    let displayID = form["display_id"] ?? ""
    let input = Self.readNames(form)
    let fields = try await store.fields(assetTypeID: asset.assetTypeID)
    let (values, errors) = AssetFormModel.values(form, fields: fields)
    func again(_ error: StoreError?) async throws -> Response {
      let (chrome, _) = try chrome(context, "Edit \(asset.name)", request)
      var model = AssetFormModel(
        chrome: chrome, heading: "Edit \(asset.name)", action: "/assets/\(asset.id)/edit",
        type: try await store.assetType(id: asset.assetTypeID), cancelURL: "/assets/\(asset.id)", name: name,
        displayID: displayID, fields: fields, values: [:])
      model.show(values, errors: errors, fields: fields)
      Self.place(input, into: &model)
      if let error { try Self.place(error, into: &model) }
      model.chrome.error = "The asset was not saved: check the highlighted field."
      return renderer.page("asset-form", model, status: .badRequest)
    }
    guard errors.isEmpty, input.firstProblem == nil else { return try await again(nil) }
    do {
      _ = try await store.updateManualAsset(
        id: asset.id,
        ManualAssetChange(name: name, displayID: displayID, customValues: values, updatedBy: agent.id),
        at: services.now())
      return .seeOther("/assets/\(asset.id)", cookies: [Flash.set("Asset saved.")])
    } catch let error as StoreError {
      if case .readOnly(let violation) = error { throw APIError.forbidden(violation.message) }
      return try await again(error)
    }
  }
}
