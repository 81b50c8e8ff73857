import AssetCore
import AssetStore
import Hummingbird

/// `asset_types/`, `asset_type/<id>/` and `asset_custom_fields/` as article 1201 (pages, the first
/// type by default), and the admins' extension endpoints that create, change and delete manual
/// types and their fields. Managed (Kandji) types and fields are readable by everyone and
/// writable by no one (R16–R17).
struct AssetTypeRoutes {
  let services: AppServices
  var store: any AssetTypeStore & AssetRecordStore & ConnectionStore { services.store }

  func register(_ api: APIRouter) {
    api.agents.get("asset_types", query: ["size", "page"]) { request, context in
      let paging = try Paging.from(request)
      let counts = try await store.assetCounts()
      let page = paging.page(of: try await store.assetTypes())
      return .json(Paging.envelope(page) { Representation.assetType($0, count: counts[$0.id] ?? 0) })
    }
    api.admins.post("asset_types") { request, context in
      let write = try AssetTypeWrite.read(try await BodyReader.read(request), creating: true)
      let type = try await store.createAssetType(
        AssetTypeDraft(
          name: write.name ?? "", description: write.description ?? "", settings: write.settings ?? AssetTypeSettings())
      )
      return .json(Representation.assetType(type, count: 0), status: .created)
    }
    api.agents.get("asset_type/:id") { request, context in
      let type = try await assetType(request, context)
      return .json(Representation.assetType(type, count: try await store.assetCounts()[type.id] ?? 0))
    }
    api.admins.put("asset_type/:id") { request, context in
      let type = try await assetType(request, context)
      if let violation = AssetWriteRules.checkRename(type) { throw APIError.forbidden(violation.message) }
      let write = try AssetTypeWrite.read(try await BodyReader.read(request), creating: false, current: type.settings)
      let changed = try await store.updateAssetType(
        id: type.id, AssetTypeChange(name: write.name, description: write.description, settings: write.settings))
      return .json(Representation.assetType(changed, count: try await store.assetCounts()[type.id] ?? 0))
    }
    api.admins.delete("asset_type/:id") { request, context in
      let type = try await assetType(request, context)
      if let violation = AssetWriteRules.checkDelete(type) { throw APIError.forbidden(violation.message) }
      try await store.deleteAssetType(id: type.id)
      return .json(.object([("id", .int(Int(type.id))), ("deleted", .bool(true))]))
    }
    registerFields(api)
  }

  func registerFields(_ api: APIRouter) {
    api.agents.get("asset_custom_fields", query: ["asset_type", "size", "page"]) { request, context in
      let paging = try Paging.from(request)
      let type = try await AssetRoutes.assetType(request, store: store)
      // A managed type lists the Kandji fields any connection in use selects (issue 19).
      let fields = KandjiFieldSelections.shown(
        try await store.fields(assetTypeID: type.id), keys: try await KandjiFieldSelections.load(store).union)
      let page = paging.page(of: fields)
      return .json(Paging.envelope(page) { Representation.field($0, type: type) })
    }
    api.admins.post("asset_custom_fields", query: ["asset_type"]) { request, context in
      let type = try await AssetRoutes.assetType(request, store: store)
      if let violation = AssetWriteRules.checkAddField(to: type) { throw APIError.forbidden(violation.message) }
      let write = try FieldWrite.read(try await BodyReader.read(request), creating: true)
      let field = try await store.createField(
        assetTypeID: type.id,
        FieldDraft(name: write.name ?? "", type: write.type ?? .text, choices: (write.choices ?? []).map(\.text)))
      return .json(Representation.field(field, type: type), status: .created)
    }
    // HappyFox's path is plural; the singular one is AssetSync's earlier spelling, kept.
    for path in ["asset_custom_fields/:id", "asset_custom_field/:id"] {
      api.agents.get(path) { request, context in
        let (field, type) = try await field(request, context)
        return .json(Representation.field(field, type: type))
      }
    }
    api.admins.put("asset_custom_fields/:id") { request, context in
      let (field, type) = try await field(request, context)
      if let violation = AssetWriteRules.checkEdit(field) { throw APIError.forbidden(violation.message) }
      let write = try FieldWrite.read(try await BodyReader.read(request), creating: false)
      let changed = try await store.updateField(id: field.id, FieldChange(name: write.name, choices: write.choices))
      return .json(Representation.field(changed, type: type))
    }
    api.admins.delete("asset_custom_fields/:id") { request, context in
      let (field, _) = try await field(request, context)
      if let violation = AssetWriteRules.checkEdit(field) { throw APIError.forbidden(violation.message) }
      try await store.deleteField(id: field.id)
      return .json(.object([("id", .int(Int(field.id))), ("deleted", .bool(true))]))
    }
  }

  func assetType(_ request: Request, _ context: some RequestContext) async throws -> AssetType {
    let id = try request.id(context, what: "Asset type")
    guard let type = try await store.assetType(id: id) else { throw APIError.notFound("Asset type \(id)") }
    return type
  }

  func field(_ request: Request, _ context: some RequestContext) async throws -> (AssetField, AssetType) {
    let id = try request.id(context, what: "Asset custom field")
    guard let field = try await store.field(id: id), let type = try await store.assetType(id: field.assetTypeID) else {
      throw APIError.notFound("Asset custom field \(id)")
    }
    return (field, type)
  }
}
