import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// What the pickers ask as the agent types (issue 20): `GET /pick/contacts?q=`, `/pick/assets?q=`
/// and `/pick/tickets?q=` (with `&asset=<id>`, only tickets not yet linked to that asset), behind
/// the web session like every page (a signed-out browser is sent
/// to the sign-in page). The store's one search (`store.search`) answers, so case, diacritics,
/// quotes and repeated spaces never matter, display IDs included; at most `limit` matches, best
/// first. Blank text finds nothing; text over 200 characters or with control characters is a 400.
///
/// `{"results": [{"id", "value", "label", "detail"}]}`: `value` is what the picker's text field
/// takes (the email, display ID or ticket number, which the server also resolves when typed),
/// `id` what its hidden field takes.
struct PickerSearch {
  let services: AppServices
  var store: any FindStore { services.store }

  /// Matches a picker shows: enough to choose from, never a list of every row.
  static let limit = 8

  func register(_ pages: PageRoutes<AgentContext>) {
    for kind in Picker.Kind.allCases {
      pages.get("pick/\(kind.rawValue)") { request, context in try await search(kind, request, context) }
    }
  }

  func search(_ kind: Picker.Kind, _ request: Request, _ context: AgentContext) async throws -> Response {
    let text = request.uri.queryParameters["q"].map(String.init) ?? ""
    guard !text.exceeds(characters: 200), !text.hasControlCharacters() else {
      return Self.answer(
        .object([("error", .string("Search for at most 200 characters on one line."))]), status: .badRequest)
    }
    guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return Self.answer(Self.results([])) }
    let wanted: SearchHit.Kind =
      switch kind {
      case .contacts: .contact
      case .assets: .asset
      case .tickets: .ticket
      }
    // The asset page's ticket picker names its asset: tickets already linked to it are left out.
    let asset = kind == .tickets ? request.uri.queryParameters["asset"].flatMap { Int64(String($0)) } : nil
    let found = try await store.search(
      SearchQuery(text: text, kinds: [wanted], limit: Self.limit, ticketsNotLinkedTo: asset))
    return Self.answer(Self.results(found.all.prefix(Self.limit).map(Self.json)))
  }

  static func results(_ items: [JSONValue]) -> JSONValue { .object([("results", .array(items))]) }

  /// One match: what the picker shows (`label`, `detail`) and fills in (`value`, `id`).
  static func json(_ hit: SearchHit) -> JSONValue {
    var detail = hit.reference
    // Say what matched when it is not already shown (a serial, a user's email, a linked contact).
    if !["Name", "Display ID", "Email", "Subject", "Ticket number"].contains(hit.matchedField) {
      detail += " · \(hit.matchedField): \(hit.matchedValue)"
    }
    if hit.retired { detail += " · Retired" }
    return .object([
      ("id", .int(Int(hit.id))), ("value", .string(hit.reference)), ("label", .string(hit.title)),
      ("detail", .string(detail)),
    ])
  }

  /// JSON that no cache keeps (the answer depends on the session and changes with the data).
  static func answer(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
    var response = Response.json(value, status: status)
    response.headers[.cacheControl] = "no-store"
    return response
  }
}
