import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// AssetSync's extensions for finding and following a device (issue 20): `search/?q=` (the one
/// search box: devices, contacts and tickets, paged like HappyFox's lists) and
/// `asset/<id>/history/` (newest first, paged).
struct SearchRoutes {
  let services: AppServices
  var store: any FindStore { services.store }

  func register(_ api: APIRoutes<AgentAccess>) {
    api.get("search", query: ["q", "kind", "size", "page"]) { request, context in try await search(request, context) }
    api.get("asset/:id/history", query: ["size", "page"]) { request, context in
      try await history(request, context)
    }
  }

  func search(_ request: Request, _ context: AgentContext) async throws -> Response {
    let paging = try Paging.from(request)
    // Blank text finds nothing (an empty page); a missing `q` is a 400.
    guard let text = try request.searchText() else { throw APIError.field("q", "Give the text to search for.") }
    var kinds = Set(SearchHit.Kind.allCases)
    if let kind = request.uri.queryParameters["kind"].map(String.init) {
      guard let only = SearchHit.Kind(rawValue: kind) else {
        throw APIError.field("kind", "Use asset, contact or ticket.")
      }
      kinds = [only]
    }
    // At most `maxPerKind` of each kind, best first, grouped by kind; paged in memory.
    let results = try await store.search(SearchQuery(text: text, kinds: kinds, limit: SearchQuery.maxPerKind))
    let page = paging.page(of: results.all)
    return .json(Paging.envelope(page) { Self.json($0) })
  }

  static func json(_ hit: SearchHit) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("kind", .string(hit.kind.rawValue)), ("id", .int(Int(hit.id))), ("title", .string(hit.title)),
      ("reference", .string(hit.reference)),
      ("matched", .object([("field", .string(hit.matchedField)), ("value", .string(hit.matchedValue))])),
    ]
    if hit.kind == .asset {
      members += [("managed", .bool(hit.managed)), ("retired", .bool(hit.retired))]
    }
    return .object(members)
  }

  func history(_ request: Request, _ context: AgentContext) async throws -> Response {
    let id = try request.id(context, what: "Asset")
    let paging = try Paging.from(request)
    guard let page = try await store.assetHistory(assetID: id, page: paging.page, size: paging.size) else {
      throw APIError.notFound("Asset \(id)")
    }
    return .json(Paging.envelope(page) { Self.json($0) })
  }

  static func json(_ entry: AssetHistoryEntry) -> JSONValue {
    func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    func id(_ value: Int64?) -> JSONValue { value.map { .int(Int($0)) } ?? .null }
    return .object([
      ("id", .int(Int(entry.id))), ("at", .string(HappyFoxDate.string(entry.at))),
      ("kind", .string(entry.kind.rawValue)),
      ("source", .string(entry.source.rawValue)), ("field", text(entry.field)), ("old_value", text(entry.oldValue)),
      ("new_value", text(entry.newValue)), ("note", text(entry.note)),
      ("agent", entry.agentID.map { .object([("id", .int(Int($0))), ("name", text(entry.agentName))]) } ?? .null),
      ("run_id", id(entry.runID)),
      (
        "tenant",
        entry.connectionID.map { .object([("id", .int(Int($0))), ("name", text(entry.connectionName))]) } ?? .null
      ),
    ])
  }
}
