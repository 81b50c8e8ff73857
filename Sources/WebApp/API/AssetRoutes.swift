import AssetCore
import AssetStore
import Foundation
import Hummingbird
import KandjiAPI

/// `assets/`, `asset/<id>/` and an asset's contacts (HappyFox's asset API, R16, R19, R20).
struct AssetRoutes {
  let services: AppServices

  func register(_ api: APIRouter) {
    api.get("assets", query: ["asset_type", "size", "page", "q", "retired", "tenant_id"]) { request, context in
      try await list(request, context)
    }
    api.post("assets", query: ["asset_type"]) { request, context in try await create(request, context) }
    api.get("asset/:id") { request, context in try await show(request, context) }
    api.put("asset/:id") { request, context in try await update(request, context) }
    api.delete("asset/:id", query: ["deleted_by"]) { request, context in try await delete(request, context) }
    api.post("asset/:id/contacts") { request, context in try await linkContact(request, context) }
    api.post("asset/:id/refresh") { request, context in try await refresh(request, context) }
    api.delete("asset/:id/contacts/:contact") { request, context in try await unlinkContact(request, context) }
  }

  var store: any AssetStore { services.store }

  func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    _ = try context.requireAgent()
    let paging = try Paging.from(request)
    guard let typeID = try request.queryInt("asset_type") else {
      throw APIError.field("asset_type", "This query parameter is required: the id of an asset type.")
    }
    guard let type = try await store.assetType(id: typeID) else { throw APIError.notFound("Asset type \(typeID)") }
    let query = request.uri.queryParameters
    let retired: Bool? =
      switch query["retired"].map(String.init) {
      case nil: nil
      case "true", "1": true
      case "false", "0": false
      default: throw APIError.field("retired", "Use true or false.")
      }
    // An extension to HappyFox's listing: only one Kandji connection's assets (R22).
    let tenantID = try request.queryInt("tenant_id")
    if let tenantID, try await store.kandjiConnection(id: tenantID) == nil {
      throw APIError.notFound("Kandji tenant \(tenantID)")
    }
    // One page with every asset's values and contacts: no query per asset.
    let page = try await store.assetListing(
      AssetQuery(
        assetTypeID: typeID, search: try request.searchText(), retired: retired, connectionID: tenantID,
        page: paging.page, size: paging.size))
    let fields = try await store.fields(assetTypeID: typeID)
    return .json(
      Paging.envelope(page) {
        Representation.asset($0.asset, type: type, fields: fields, links: $0.contacts, source: $0.source)
      })
  }

  func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    _ = try context.requireAgent()
    let id = try request.id(context, what: "Asset")
    return .json(try await representation(of: id, withTickets: true))
  }

  func representation(of id: Int64, withTickets: Bool) async throws -> JSONValue {
    // One read: the asset, its type and fields, contacts and recent tickets.
    guard let detail = try await store.assetDetail(id: id, recentTickets: withTickets ? 10 : 0) else {
      throw APIError.notFound("Asset \(id)")
    }
    guard
      case .object(var members) = Representation.asset(
        detail.asset, type: detail.type, fields: detail.fields, links: detail.contacts,
        source: detail.source, recentTickets: withTickets ? detail.recentTickets : nil)
    else { return .null }
    if detail.asset.isManaged {
      // An extension: how fresh the Kandji data is (R23).
      members.append(
        (
          "kandji_data_as_of",
          .object([
            ("list", Representation.date(detail.listDataAsOf)), ("details", Representation.date(detail.detailsAsOf)),
          ])
        ))
    }
    return .object(members)
  }

  /// `POST asset/<id>/refresh/` (an extension; agents may use it): the asset's Kandji values
  /// now, with one list and one details call, at most once a minute per asset (R23).
  func refresh(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    _ = try context.requireAgent()
    let id = try request.id(context, what: "Asset")
    let outcome = try await services.coordinator.refreshAsset(id: id)
    let (result, message): (String, String) =
      switch outcome.result {
      case .updated(let changes): ("updated", "Refreshed from Kandji: \(changes).")
      case .unchanged: ("unchanged", "Refreshed from Kandji: nothing changed.")
      case .notListed:
        ("not_listed", "Kandji no longer lists this device; the next complete sync of its tenant retires it.")
      case .refused(let reason): ("refused", "Kandji's values were not applied: \(reason).")
      }
    return .json(
      .object([
        ("result", .string(result)), ("message", .string(message)),
        ("details_refreshed", .bool(outcome.detailsRefreshed)),
        ("asset", try await representation(of: id, withTickets: false)),
      ]))
  }

  func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let agent = try context.requireAgent()
    guard let typeID = try request.queryInt("asset_type") else {
      throw APIError.field("asset_type", "This query parameter is required: the id of an asset type.")
    }
    guard try await store.assetType(id: typeID) != nil else { throw APIError.notFound("Asset type \(typeID)") }
    let input = try await RequestInput.read(request)
    input.rejectUnknown(allowed: ["name", "display_id", "created_by", "contact_ids", "custom_fields"])
    let name = input.string("name", required: true, maxLength: Asset.maxNameLength)
    let displayID = input.string("display_id", required: true, maxLength: 100)
    _ = input.int("created_by", range: RequestInput.ids)
    let contacts = input.intList("contact_ids") ?? []
    let values = try await customValues(input, typeID: typeID)
    try input.validate()
    let asset = try await store.createManualAsset(
      ManualAssetDraft(
        assetTypeID: typeID, name: name!, displayID: displayID!, customValues: values, contactIDs: contacts,
        createdBy: agent.id), at: services.now())
    return .json(try await representation(of: asset.id, withTickets: false), status: .created)
  }

  func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let agent = try context.requireAgent()
    let id = try request.id(context, what: "Asset")
    guard let current = try await store.asset(id: id) else { throw APIError.notFound("Asset \(id)") }
    // Refuse managed assets before reading anything else: no body can edit one (R19).
    if let violation = AssetWriteRules.checkEdit(current) { throw APIError.forbidden(violation.message) }
    let input = try await RequestInput.read(request)
    input.rejectUnknown(allowed: ["name", "display_id", "updated_by", "contact_ids", "custom_fields"])
    let name = input.has("name") ? input.string("name", required: true, maxLength: Asset.maxNameLength) : nil
    let displayID = input.has("display_id") ? input.string("display_id", required: true, maxLength: 100) : nil
    _ = input.int("updated_by", range: RequestInput.ids)
    let contacts = input.intList("contact_ids")
    let values = input.has("custom_fields") ? try await customValues(input, typeID: current.assetTypeID) : nil
    try input.validate()
    _ = try await store.updateManualAsset(
      id: id,
      ManualAssetChange(
        name: name, displayID: displayID, customValues: values, contactIDs: contacts, updatedBy: agent.id),
      at: services.now())
    return .json(try await representation(of: id, withTickets: false))
  }

  func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    _ = try context.requireAgent()
    let id = try request.id(context, what: "Asset")
    _ = try request.queryInt("deleted_by")  // HappyFox's; the authenticated agent is who deletes
    try await store.deleteManualAsset(id: id)
    return .json(.object([("id", .int(Int(id))), ("deleted", .bool(true))]))
  }

  func linkContact(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    _ = try context.requireAgent()
    let id = try request.id(context, what: "Asset")
    let input = try await RequestInput.read(request)
    input.rejectUnknown(allowed: ["contact_id"])
    let contactID = input.int("contact_id", required: true, range: RequestInput.ids)
    try input.validate()
    try await store.linkContact(contactID!, toAsset: id, at: services.now())
    return .json(try await representation(of: id, withTickets: false))
  }

  func unlinkContact(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    _ = try context.requireAgent()
    let id = try request.id(context, what: "Asset")
    let contactID = try request.id(context, "contact", what: "Contact")
    try await store.unlinkContact(contactID, fromAsset: id)
    return .json(try await representation(of: id, withTickets: false))
  }

  /// `custom_fields: {"<field id>": value}` checked against the type's fields: unknown ids,
  /// managed (Kandji) fields and values of the wrong format are each named.
  func customValues(_ input: RequestInput, typeID: Int64) async throws -> [Int64: String] {
    guard let raw = input.dictionary("custom_fields") else { return [:] }
    let fields = Dictionary(uniqueKeysWithValues: try await store.fields(assetTypeID: typeID).map { ($0.id, $0) })
    var values: [Int64: String] = [:]
    for (key, value) in raw {
      guard let id = Int64(key), let field = fields[id] else {
        input.add("custom_fields.\(key)", "Unknown field for this asset type.")
        continue
      }
      if let violation = AssetWriteRules.checkValue(of: field) {
        input.add("custom_fields.\(key)", violation.message)
        continue
      }
      switch CustomFieldValue.normalise(value, for: field) {
      case .success(let text): values[id] = text
      case .failure(let message): input.add("custom_fields.\(key)", message)
      }
    }
    return values
  }
}

/// HappyFox's value formats: text → string, number → integer, dropdown → option id,
/// date → `YYYY-MM-DD`, boolean → true/false.
enum CustomFieldValue {
  enum Outcome {
    case success(String)
    case failure(String)
  }

  static func normalise(_ value: Any, for field: AssetField) -> Outcome {
    switch field.type {
    case .text:
      guard let text = value as? String else { return .failure("Expected a string.") }
      return !text.exceeds(characters: 2_000)
        ? .success(text) : .failure("Ensure this field has no more than 2000 characters.")
    case .number:
      guard let number = RequestInput.integer(value) else { return .failure("Expected an integer.") }
      return .success(String(number))
    case .dropdown:
      guard let option = RequestInput.integer(value), field.choices.contains(where: { $0.id == Int(option) }) else {
        return .failure("Expected the id of one of this field's options.")
      }
      return .success(String(option))
    case .date:
      guard let text = value as? String, text.count == 10, (try? Date(text + "T00:00:00Z", strategy: .iso8601)) != nil
      else { return .failure("Expected a date as YYYY-MM-DD.") }
      return .success(text)
    case .boolean:
      if let flag = value as? Bool { return .success(flag ? "true" : "false") }
      if let text = value as? String, ["true", "false"].contains(text) { return .success(text) }
      return .failure("Expected true or false.")
    }
  }
}
