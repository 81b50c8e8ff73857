import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import Testing

/// No page or size a request can name makes a list trap: the query types clamp them.
@Suite("AssetStore contract: paging bounds")
struct PagingContractTests {
  @Test("extreme pages and sizes are clamped, never trap", arguments: StoreBackend.allCases)
  func extremes(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    _ = try await store.createContact(name: "Zoë", email: "zoe@example.com", phones: [], at: Date())
    for (page, size) in [(Int.max, Int.max), (Int.min, Int.min), (Int.max, 1), (0, 0), (2, Int.max)] {
      let contacts = try await store.contacts(ContactQuery(page: page, size: size))
      #expect(contacts.page >= 1 && contacts.page <= PageWindow.maxPage)
      #expect(contacts.size >= 1 && contacts.size <= PageWindow.maxSize)
      #expect(contacts.total == 1)
      let assets = try await store.assets(AssetQuery(page: page, size: size))
      #expect(assets.page <= PageWindow.maxPage)
      let tickets = try await store.tickets(TicketQuery(page: page, size: size))
      #expect(tickets.items.isEmpty)
    }
    var query = ContactQuery()
    query.page = Int.max
    query.size = -5
    #expect(query.window == PageWindow(page: PageWindow.maxPage, size: 1))
    #expect(query.offset == PageWindow.maxPage - 1)
  }
}
