import AssetCore
import AssetStore
import Foundation
import Hummingbird
import KandjiAPI

/// `assets/`, `asset/<id>/` and an asset's contacts (HappyFox's asset API, R16, R19, R20).
struct AssetRoutes {
  let services: AppServices

  func register(_ api: APIRoutes<AgentAccess>) {
    let listQuery: Set<String> = ["asset_type", "size", "page", "q", "retired", "tenant_id"]
    api.get("assets", query: listQuery.union(AssetAttributeFilters.keys)) { request, context in
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

  var store: any AssetRecordStore & ContactStore & TicketStore & ConnectionStore & AgentStore { services.store }

  /// The type `asset_type` names, or the first type when none is named (HappyFox's default).
  static func assetType(_ request: Request, store: any AssetRecordStore) async throws -> AssetType {
    guard let typeID = try request.queryInt("asset_type") else {
      guard let first = try await store.assetTypes().first else { throw APIError.notFound("Asset type") }
      return first
    }
    guard let type = try await store.assetType(id: typeID) else { throw APIError.notFound("Asset type \(typeID)") }
    return type
  }

  func list(_ request: Request, _ context: AgentContext) async throws -> Response {
    let paging = try Paging.from(request)
    let type = try await Self.assetType(request, store: store)
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
        assetTypeID: type.id, search: try request.searchText(), retired: retired, connectionID: tenantID,
        page: paging.page, size: paging.size, attributeFilters: try AssetAttributeFilters.read(request)))
    let fields = try await store.fields(assetTypeID: type.id)
    // Each asset shows its own connection's selection of Kandji fields (issue 19).
    let selections = try await KandjiFieldSelections.load(store)
    return .json(
      Paging.envelope(page) {
        Representation.asset(
          $0.asset, type: type, fields: KandjiFieldSelections.shown(fields, keys: selections.keys(for: $0.asset)),
          links: $0.contacts, source: $0.source)
      })
  }

  func show(_ request: Request, _ context: AgentContext) async throws -> Response {
    let id = try request.id(context, what: "Asset")
    return .json(try await representation(of: id, withTickets: true))
  }

  func representation(of id: Int64, withTickets: Bool) async throws -> JSONValue {
    // One read: the asset, its type and fields, contacts and recent tickets.
    guard let detail = try await store.assetDetail(id: id, recentTickets: withTickets ? 10 : 0) else {
      throw APIError.notFound("Asset \(id)")
    }
    var tickets: [JSONValue]?
    if withTickets {
      let context = try await TicketContext.load(for: detail.recentTickets, store: store, withUpdates: false)
      tickets = detail.recentTickets.map { Representation.ticket($0, context) }
    }
    let fields = KandjiFieldSelections.shown(
      detail.fields, keys: try await KandjiFieldSelections.load(store).keys(for: detail.asset))
    guard
      case .object(var members) = Representation.asset(
        detail.asset, type: detail.type, fields: fields, links: detail.contacts, source: detail.source,
        recentTickets: tickets)
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
  func refresh(_ request: Request, _ context: AgentContext) async throws -> Response {
    let agent = context.agent
    let id = try request.id(context, what: "Asset")
    let outcome = try await services.refresher.refreshAsset(id: id, by: agent.id)
    return .json(
      .object([
        ("result", .string(outcome.resultName)), ("message", .string(outcome.message)),
        ("details_refreshed", .bool(outcome.detailsRefreshed)),
        ("asset", try await representation(of: id, withTickets: false)),
      ]))
  }

  func create(_ request: Request, _ context: AgentContext) async throws -> Response {
    let agent = context.agent
    let type = try await Self.assetType(request, store: store)
    let body = try await BodyReader.read(request)
    let fields = try await store.fields(assetTypeID: type.id)
    let write = try await AssetWrite.read(body, creating: true, fields: fields, caller: agent, store: store)
    guard let name = write.name, let displayID = write.displayID else { throw body.failure() }
    let asset = try await store.createManualAsset(
      ManualAssetDraft(
        assetTypeID: type.id, name: name, displayID: displayID, customValues: write.customValues ?? [:],
        contactIDs: write.contactIDs ?? [], newContacts: write.newContacts, createdBy: write.actingAgent),
      at: services.now())
    return .json(try await representation(of: asset.id, withTickets: false), status: .created)
  }

  func update(_ request: Request, _ context: AgentContext) async throws -> Response {
    let agent = context.agent
    let id = try request.id(context, what: "Asset")
    guard let current = try await store.asset(id: id) else { throw APIError.notFound("Asset \(id)") }
    // Refuse managed assets before reading anything else: no body can edit one (R19).
    if let violation = AssetWriteRules.checkEdit(current) { throw APIError.forbidden(violation.message) }
    let body = try await BodyReader.read(request)
    let fields = try await store.fields(assetTypeID: current.assetTypeID)
    let write = try await AssetWrite.read(body, creating: false, fields: fields, caller: agent, store: store)
    _ = try await store.updateManualAsset(
      id: id,
      ManualAssetChange(
        name: write.name, displayID: write.displayID, customValues: write.customValues, contactIDs: write.contactIDs,
        newContacts: write.newContacts, updatedBy: write.actingAgent),
      at: services.now())
    return .json(try await representation(of: id, withTickets: false))
  }

  func delete(_ request: Request, _ context: AgentContext) async throws -> Response {
    let agent = context.agent
    let id = try request.id(context, what: "Asset")
    // HappyFox requires `deleted_by`; checked like every acting agent, the caller when absent.
    _ = try await ActingAgent.resolve(
      query: try request.queryInt("deleted_by"), field: "deleted_by", caller: agent, store: store)
    try await store.deleteManualAsset(id: id)
    return .json(.object([("id", .int(Int(id))), ("deleted", .bool(true))]))
  }

  func linkContact(_ request: Request, _ context: AgentContext) async throws -> Response {
    let agent = context.agent
    let id = try request.id(context, what: "Asset")
    let body = try await BodyReader.read(request)
    body.rejectUnknown(allowed: ["contact_id"])
    guard let contactID = body.id("contact_id", required: true), body.errors.isEmpty else { throw body.failure() }
    try await store.linkContact(contactID, toAsset: id, at: services.now(), by: agent.id)
    return .json(try await representation(of: id, withTickets: false))
  }

  func unlinkContact(_ request: Request, _ context: AgentContext) async throws -> Response {
    let agent = context.agent
    let id = try request.id(context, what: "Asset")
    let contactID = try request.id(context, "contact", what: "Contact")
    try await store.unlinkContact(contactID, fromAsset: id, at: services.now(), by: agent.id)
    return .json(try await representation(of: id, withTickets: false))
  }
}
