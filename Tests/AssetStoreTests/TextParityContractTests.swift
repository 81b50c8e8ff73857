import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import SQLStore
import Testing

/// Sorting and search of non-ASCII text give the same answer on every backend: names sort by
/// their folded text (`SearchKey`: Unicode lowercase, composed) in code-point order, ties by id,
/// and search matches a folded substring of name, display ID or serial, whatever the backend's
/// collation, locale or plan (trigram index or scan).
@Suite("AssetStore contract: non-ASCII sort and search")
struct TextParityContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  static let names = [
    "Zoë’s MacBook", "zoe's iMac", "Łukasz laptop", "łukasz tablet", "Émile", "emile", "東京オフィス", "東京",
    "🎉 Party iPad", "apple", "Apple", "_spare", "Zebra", "Ärger", "ölfen", "İstanbul kiosk", "ÆON", "straße", "STRASSE",
    "Zoe\u{308} decomposed",
  ]

  /// The order every backend must give: folded names in code-point (UTF-8 byte) order, then id.
  static func expectedOrder(_ assets: [(id: Int64, name: String)]) -> [Int64] {
    assets.sorted { a, b in
      let (x, y) = (Array(SearchKey.fold(a.name).utf8), Array(SearchKey.fold(b.name).utf8))
      return x == y ? a.id < b.id : x.lexicographicallyPrecedes(y)
    }.map(\.id)
  }

  func seed(_ store: any AssetStore) async throws -> (type: AssetType, assets: [(id: Int64, name: String)]) {
    let type = try await store.createAssetType(name: "Gadgets", description: "")
    var assets: [(id: Int64, name: String)] = []
    for (index, name) in Self.names.enumerated() {
      let asset = try await store.createManualAsset(
        ManualAssetDraft(assetTypeID: type.id, name: name, displayID: "G-\(index)"), at: now)
      assets.append((asset.id, name))
    }
    return (type, assets)
  }

  @Test("assets sort by folded name in code-point order", arguments: StoreBackend.allCases)
  func assetOrder(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let (type, assets) = try await seed(store)
    let listed = try await store.assets(AssetQuery(assetTypeID: type.id, size: 100)).items.map(\.id)
    #expect(listed == Self.expectedOrder(assets))
    // Paging walks the same order.
    var paged: [Int64] = []
    for page in 1...4 {
      paged += try await store.assets(AssetQuery(assetTypeID: type.id, page: page, size: 6)).items.map(\.id)
    }
    #expect(paged == listed)
  }

  /// Terms and the names they find (display IDs are `G-<index>`). Diacritics and curly or
  /// straight apostrophes never matter (issue 20, `SearchKey.match`); `ł` is a letter of its own.
  static let zoes = ["Zoë’s MacBook", "zoe's iMac", "Zoe\u{308} decomposed"]
  static let searches: [(term: String, names: [String])] = [
    ("zoë", zoes), ("ZOË", zoes), ("Zoe\u{308}", zoes), ("zoe", zoes), ("zoe’s", ["Zoë’s MacBook", "zoe's iMac"]),
    ("łukasz", ["Łukasz laptop", "łukasz tablet"]), ("ŁUKASZ T", ["łukasz tablet"]), ("東京", ["東京オフィス", "東京"]),
    ("京オフ", ["東京オフィス"]), ("🎉", ["🎉 Party iPad"]), ("émile", ["Émile", "emile"]), ("apple", ["apple", "Apple"]),
    ("_", ["_spare"]), ("%", []), ("straße", ["straße"]), ("g-1", [names[1]] + Array(names[10...19])),
  ]

  @Test(
    "search is case-insensitive across scripts, for short and long terms",
    arguments: StoreBackend.allCases, searches)
  func search(backend: StoreBackend, search: (term: String, names: [String])) async throws {
    let (term, expected) = search
    let store = try await backend.makeStore()
    let (type, assets) = try await seed(store)
    let found = try await store.assets(AssetQuery(assetTypeID: type.id, search: term, size: 100))
    let wanted = Self.expectedOrder(assets.filter { expected.contains($0.name) })
    #expect(found.items.map(\.id) == wanted, "\(term)")
    #expect(found.total == expected.count)
  }

  @Test("contacts sort and search the same way", arguments: StoreBackend.allCases)
  func contacts(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    var made: [(id: Int64, name: String)] = []
    for (index, name) in ["Zoë Adams", "zoe baker", "Łukasz Nowak", "łucja kowalska", "東京 太郎", "Ängel", "adam"]
      .enumerated()
    {
      let contact = try await store.createContact(name: name, email: "c\(index)@example.com", phones: [], at: now)
      made.append((contact.id, name))
    }
    #expect(try await store.contacts(ContactQuery(size: 50)).items.map(\.id) == Self.expectedOrder(made))
    #expect(try await store.contacts(ContactQuery(search: "ZOË")).items.map(\.name) == ["zoe baker", "Zoë Adams"])
    #expect(
      try await store.contacts(ContactQuery(search: "łu")).items.map(\.name) == ["łucja kowalska", "Łukasz Nowak"])
    #expect(try await store.contacts(ContactQuery(search: "東京")).total == 1)
    #expect(try await store.contacts(ContactQuery(search: "C3@EXAMPLE")).items.map(\.name) == ["łucja kowalska"])
  }

  /// Enough rows that SQLite's probe picks the trigram index for a rare term and the list walk
  /// for a common one: both plans must agree with a plain substring test.
  @Test("a common and a rare term give the substring answer on every plan", arguments: StoreBackend.allCases)
  func plans(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let type = try await store.createAssetType(name: "Fleet", description: "")
    var assets: [(id: Int64, name: String)] = []
    for index in 0..<1_300 {
      let name = index % 2 == 0 ? "MacBook Air \(index)" : (index % 97 == 0 ? "Rare Łódź \(index)" : "iMac \(index)")
      let asset = try await store.createManualAsset(
        ManualAssetDraft(assetTypeID: type.id, name: name, displayID: "F-\(index)"), at: now)
      assets.append((asset.id, name))
    }
    for term in ["macbook", "łódź", "ac 1", "F-12"] {
      let expected = Self.expectedOrder(
        assets.enumerated().filter { index, asset in
          SearchKey.asset(name: asset.name, displayID: "F-\(index)", serialNumber: nil).contains(SearchKey.match(term))
        }.map(\.element))
      let first = try await store.assets(AssetQuery(assetTypeID: type.id, search: term, page: 1, size: 50))
      #expect(first.total == expected.count, "\(term)")
      #expect(first.items.map(\.id) == Array(expected.prefix(50)), "\(term)")
      let deep = try await store.assets(AssetQuery(assetTypeID: type.id, search: term, page: 7, size: 50))
      #expect(deep.items.map(\.id) == Array(expected.dropFirst(300).prefix(50)), "\(term)")
    }
  }
}
