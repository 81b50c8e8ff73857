import AssetCore
import AssetStore
import Hummingbird

/// `asset_types/`, `asset_type/<id>/`, `asset_custom_fields/`, `asset_custom_field/<id>/`.
/// Managed (Kandji) types and fields are readable by everyone and writable by no one (R16–R17).
struct AssetTypeRoutes {
  let services: AppServices
  var store: any AssetStore { services.store }

  func register(_ api: APIRouter) {
    api.get("asset_types") { request, context in
      _ = try context.requireAgent()
      let counts = try await store.assetCounts()
      let types = try await store.assetTypes()
      return .json(.array(types.map { Representation.assetType($0, count: counts[$0.id] ?? 0) }))
    }
    api.post("asset_types") { request, context in
      _ = try context.requireAdmin()
      let input = try await RequestInput.read(request)
      input.rejectUnknown(allowed: ["name", "description"])
      let name = input.string("name", required: true, maxLength: 100)
      let description = input.string("description", maxLength: 1_000, multiline: true) ?? ""
      try input.validate()
      let type = try await store.createAssetType(name: name!, description: description)
      return .json(Representation.assetType(type, count: 0), status: .created)
    }
    api.get("asset_type/:id") { request, context in
      _ = try context.requireAgent()
      let type = try await assetType(request, context)
      return .json(Representation.assetType(type, count: try await store.assetCounts()[type.id] ?? 0))
    }
    api.put("asset_type/:id") { request, context in
      _ = try context.requireAdmin()
      let type = try await assetType(request, context)
      if let violation = AssetWriteRules.checkRename(type) { throw APIError.forbidden(violation.message) }
      throw APIError(.methodNotAllowed, "Renaming asset types is not supported yet.")
    }
    api.delete("asset_type/:id") { request, context in
      _ = try context.requireAdmin()
      let type = try await assetType(request, context)
      if let violation = AssetWriteRules.checkDelete(type) { throw APIError.forbidden(violation.message) }
      throw APIError(.methodNotAllowed, "Deleting asset types is not supported yet.")
    }
    api.get("asset_custom_fields", query: ["asset_type"]) { request, context in
      _ = try context.requireAgent()
      guard let typeID = try request.queryInt("asset_type") else {
        throw APIError.field("asset_type", "This query parameter is required: the id of an asset type.")
      }
      guard let type = try await store.assetType(id: typeID) else { throw APIError.notFound("Asset type \(typeID)") }
      return .json(.array(try await store.fields(assetTypeID: typeID).map { Representation.field($0, type: type) }))
    }
    api.get("asset_custom_field/:id") { request, context in
      _ = try context.requireAgent()
      let id = try request.id(context, what: "Asset custom field")
      for type in try await store.assetTypes() {
        if let field = try await store.fields(assetTypeID: type.id).first(where: { $0.id == id }) {
          return .json(Representation.field(field, type: type))
        }
      }
      throw APIError.notFound("Asset custom field \(id)")
    }
  }

  func assetType(_ request: Request, _ context: AppRequestContext) async throws -> AssetType {
    let id = try request.id(context, what: "Asset type")
    guard let type = try await store.assetType(id: id) else { throw APIError.notFound("Asset type \(id)") }
    return type
  }
}
