import AssetCore
import AssetStore
import Hummingbird

/// What ticket writes refer to by id (article 360): `staff/`, `categories/`, `statuses/`,
/// `priorities/`, as bare lists; and `user_custom_fields/` and `ticket_custom_fields/`, always
/// empty (AssetSync has no contact or ticket custom fields), so a client that asks learns so.
struct HelpdeskCatalogRoutes {
  let services: AppServices
  var store: any AgentStore & TicketStore { services.store }

  func register(_ api: APIRoutes<AgentAccess>) {
    api.get("staff") { _, context in
      let categories = try await store.ticketCatalog().categories
      return .json(.array(try await store.agents().map { Representation.staff($0, categories: categories) }))
    }
    api.get("categories") { _, context in
      return .json(.array(try await store.ticketCatalog().categories.map(Representation.category)))
    }
    api.get("statuses") { _, context in
      return .json(.array(try await store.ticketCatalog().statuses.map(Representation.status)))
    }
    api.get("priorities") { _, context in
      return .json(.array(try await store.ticketCatalog().priorities.map(Representation.priority)))
    }
    for path in ["user_custom_fields", "ticket_custom_fields"] {
      api.get(path) { _, context in
        return .json(.array([]))
      }
    }
  }
}
