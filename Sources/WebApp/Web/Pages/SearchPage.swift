import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// `/search?q=` (issue 20): the header's search box answers here, devices, contacts and tickets
/// grouped by kind, best match first, each with what matched. Without JavaScript, pickers link
/// here too (`kind=` narrows it to one kind).
struct SearchPage {
  let services: AppServices
  let renderer: PageRenderer
  var store: any FindStore { services.store }

  struct Hit {
    var url, title, reference, matchedField, matchedValue: String
    var managed, retired: Bool
  }

  struct Group {
    var kind, title: String
    var count: Int
    var hits: [Hit]
  }

  struct Model {
    var chrome: PageChrome
    var query: String
    var hasQuery: Bool
    var summary: String
    var groups: [Group]
    var noResults: Bool
    var error: String?
  }

  /// Hits of each kind on the page.
  static let perKind = 25

  func register(_ pages: PageRoutes<AgentContext>) {
    pages.get("search") { request, context in try await show(request, context) }
  }

  func show(_ request: Request, _ context: AgentContext) async throws -> Response {
    let (chrome, clear) = try PageChrome.forPage(context, request, title: "Search", section: "search")
    let text = request.uri.queryParameters["q"].map(String.init) ?? ""
    var model = Model(
      chrome: chrome, query: text, hasQuery: false, summary: "", groups: [], noResults: false, error: nil)
    if text.exceeds(characters: 200) || text.hasControlCharacters() {
      model.error = "Search for at most 200 characters on one line."
      return renderer.page("search", model, status: .badRequest).with(cookies: [clear])
    }
    guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
      return renderer.page("search", model).with(cookies: [clear])
    }
    let kinds = request.uri.queryParameters["kind"].flatMap { SearchHit.Kind(rawValue: String($0)) }.map { [$0] }
    let results = try await store.search(
      SearchQuery(text: text, kinds: kinds.map(Set.init) ?? Set(SearchHit.Kind.allCases), limit: Self.perKind))
    func hits(_ list: [SearchHit]) -> [Hit] {
      list.map { hit in
        let path =
          switch hit.kind {
          case .asset: "/assets/\(hit.id)"
          case .contact: "/contacts/\(hit.id)"
          case .ticket: "/tickets/\(hit.id)"
          }
        return Hit(
          url: path, title: hit.title, reference: hit.reference, matchedField: hit.matchedField,
          matchedValue: hit.matchedValue, managed: hit.managed, retired: hit.retired)
      }
    }
    let groups = [
      Group(kind: "assets", title: "Devices", count: results.assets.count, hits: hits(results.assets)),
      Group(kind: "contacts", title: "Contacts", count: results.contacts.count, hits: hits(results.contacts)),
      Group(kind: "tickets", title: "Tickets", count: results.tickets.count, hits: hits(results.tickets)),
    ].filter { $0.count > 0 }
    let total = groups.reduce(0) { $0 + $1.count }
    model.hasQuery = true
    model.summary = total == 0 ? "Nothing matches “\(text)”." : "\(total) found for “\(text)”, best match first."
    model.groups = groups
    model.noResults = total == 0
    return renderer.page("search", model).with(cookies: [clear])
  }
}
