import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import Testing

/// Issue 20's exact look-ups and the search's plans on every backend: a typed display ID is one
/// store query (exact first, then folded; never "the first 50 that contain it"), the asset page's
/// ticket picker leaves out tickets already linked, and a long term found through its rarest
/// trigrams gives exactly the rows that contain it.
@Suite("AssetStore contract: search look-ups")
struct SearchLookupContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  @Test(
    "asset(displayID:) is exact, then folded, however many assets contain the text", arguments: StoreBackend.allCases)
  func displayIDLookup(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let type = try await store.createAssetType(name: "Loaners", description: "")
    func create(_ name: String, _ displayID: String) async throws -> Asset {
      try await store.createManualAsset(
        ManualAssetDraft(assetTypeID: type.id, name: name, displayID: displayID), at: now)
    }
    // 60 assets whose display IDs contain "loaner-1" and whose names sort before the one wanted:
    // a search's first page of 50 (the old look-up) never reached it.
    for number in 0..<60 { _ = try await create("A loaner \(number)", "LOANER-1\(number)") }
    let wanted = try await create("Zz last", "Loaner-1")
    #expect(try await store.asset(displayID: "LOANER-1")?.id == wanted.id)
    #expect(try await store.asset(displayID: "  loaner-1 ")?.id == wanted.id)
    #expect(try await store.asset(displayID: "LOANER-150")?.displayID == "LOANER-150")
    // Diacritics, curly quotes and repeated spaces fold as in the search box.
    let zoe = try await create("Zoë's", "Zoë’s  Mac")
    #expect(try await store.asset(displayID: "ZOE'S MAC")?.id == zoe.id)
    // The exact display ID wins over one equal only without regard to case.
    let lower = try await create("Lower", "abc-1")
    let upper = try await create("Upper", "ABC-1")
    #expect(try await store.asset(displayID: "ABC-1")?.id == upper.id)
    #expect(try await store.asset(displayID: "abc-1")?.id == lower.id)
    // Several fold alike and none is exact: the oldest.
    #expect(try await store.asset(displayID: "Abc-1")?.id == lower.id)
    // Two characters are too few for trigrams: still found.
    let short = try await create("Short", "Q1")
    #expect(try await store.asset(displayID: "q1")?.id == short.id)
    // A name equal to the text is not a display ID; nor is a part of one; blank finds nothing.
    _ = try await create("ghost-9", "OTHER-9")
    #expect(try await store.asset(displayID: "ghost-9") == nil)
    #expect(try await store.asset(displayID: "loaner") == nil)
    #expect(try await store.asset(displayID: "OTHER") == nil)
    #expect(try await store.asset(displayID: "   ") == nil)
  }

  @Test("a ticket search can leave out the tickets linked to an asset", arguments: StoreBackend.allCases)
  func ticketsNotLinked(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let type = try await store.createAssetType(name: "Loaners", description: "")
    let asset = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: type.id, name: "Loaner", displayID: "L-1"), at: now)
    let other = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: type.id, name: "Other", displayID: "L-2"), at: now)
    let linked = try await store.createTicket(TicketDraft(subject: "Printer jams", assetIDs: [asset.id]), at: now)
    let elsewhere = try await store.createTicket(TicketDraft(subject: "Printer smokes", assetIDs: [other.id]), at: now)
    let free = try await store.createTicket(TicketDraft(subject: "Printer is slow"), at: now)
    func find(_ text: String, notLinkedTo id: Int64?) async throws -> Set<Int64> {
      Set(try await store.search(SearchQuery(text: text, kinds: [.ticket], ticketsNotLinkedTo: id)).tickets.map(\.id))
    }
    #expect(try await find("printer", notLinkedTo: nil) == [linked.id, elsewhere.id, free.id])
    #expect(try await find("printer", notLinkedTo: asset.id) == [elsewhere.id, free.id])
    // By number too: a linked ticket is not offered however it is typed.
    #expect(try await find(String(linked.id), notLinkedTo: asset.id).isEmpty)
    #expect(try await find(String(linked.id), notLinkedTo: other.id) == [linked.id])
  }

  @Test(
    "a long term is found through its rarest trigrams: exactly the keys that contain it",
    arguments: StoreBackend.allCases)
  func rareTrigrams(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let type = try await store.createAssetType(name: "Loaners", description: "")
    // 260 keys share "@example.com" and "loaner" (more than the 200 a probe counts per trigram);
    // the numbers make some trigrams rare ("r7@" is in 7@, 17@ … 257@).
    var ids: [Int64] = []
    for number in 0..<260 {
      let asset = try await store.createManualAsset(
        ManualAssetDraft(assetTypeID: type.id, name: "loaner\(number)@example.com", displayID: "LN-\(number)"), at: now)
      ids.append(asset.id)
    }
    func find(_ text: String) async throws -> [Int64] {
      try await store.search(SearchQuery(text: text, kinds: [.asset], limit: 100)).assets.map(\.id)
    }
    #expect(try await find("loaner7@example.com") == [ids[7]])
    #expect(try await find("LOANER17@EXAMPLE.COM") == [ids[17]])
    // The counts that chose the trigrams are remembered across writes; the answer stays exact.
    let another = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: type.id, name: "Spare loaner7@example.com", displayID: "LN-X"), at: now)
    #expect(Set(try await find("loaner7@example.com")) == [ids[7], another.id])
    // Rare trigrams present, the whole term not: nothing.
    #expect(try await find("loaner7@example.org").isEmpty)
    #expect(Set(try await find("17@exampl")) == [ids[17], ids[117], ids[217]])
    // No rare trigram: every key holding the term (the best 100).
    let common = try await find("@example.com")
    #expect(common.count == 100)
    #expect(Set(common).isSubset(of: Set(ids)))
  }
}
