import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import WebApp

/// Issue 20's API extensions over HTTP: `search/?q=` (the one search box, paged like HappyFox's
/// lists) and `asset/<id>/history/`, with their refusals.
@Suite("API: search and asset history")
struct SearchAndHistoryAPITests {
  @Test("search/?q= finds a synced device by its user's email, any case, and pages; bad input is a 400")
  func search() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        try await AssetAPITests.syncFleet(h, client)
        let device = try #require(h.simulator.devices.first { $0.platform == .mac && $0.user?.email != nil })
        let email = try #require(device.user?.email)
        let asset = try #require(try await h.store.asset(kandjiDeviceID: device.deviceID))
        let found = try await client.call(.get, "search/?q=\(email.uppercased())", as: h.agent)
        #expect(found.status == .ok)
        let hits = found.items.filter { $0["kind"] as? String == "asset" }
        #expect(hits.contains { $0["id"] as? Int == Int(asset.id) })
        let hit = try #require(hits.first { $0["id"] as? Int == Int(asset.id) })
        #expect((hit["matched"] as? [String: Any])?["field"] as? String == "User email")
        #expect(hit["managed"] as? Bool == true)
        #expect(hit["retired"] as? Bool == false)
        #expect((found.json["page_info"] as? [String: Any])?["last_index"] as? Int == found.items.count)

        // One kind only; a page of one.
        let contacts = try await client.call(.get, "search/?q=\(email)&kind=contact", as: h.agent)
        #expect(contacts.status == .ok)
        #expect(contacts.items.allSatisfy { $0["kind"] as? String == "contact" })
        let serial = String(device.serialNumber.dropFirst(3).prefix(5))
        let paged = try await client.call(.get, "search/?q=\(serial)&size=1&page=1", as: h.agent)
        #expect(paged.items.count == 1)
        #expect((paged.json["page_info"] as? [String: Any])?["count"] as? Int == 1)

        // Blank text finds nothing; no text, an unknown kind or a bad page are the client's errors.
        #expect(try await client.call(.get, "search/?q=%20%20", as: h.agent).items.isEmpty)
        let missing = try await client.call(.get, "search/", as: h.agent)
        #expect(missing.status == .badRequest)
        #expect(missing.fieldErrors["q"] != nil)
        let kind = try await client.call(.get, "search/?q=mac&kind=printer", as: h.agent)
        #expect(kind.status == .badRequest)
        #expect(kind.fieldErrors["kind"]?.first?.contains("asset, contact or ticket") == true)
        #expect(try await client.call(.get, "search/?q=mac&page=0", as: h.agent).status == .badRequest)
        #expect(try await client.call(.get, "search/?q=\(email)", as: nil).status == .unauthorized)
      }
    }
  }

  @Test("asset/<id>/history/ lists an agent's edits and links newest first, paged; unknown assets are 404")
  func history() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let mac = try await h.store.managedType(for: .mac)
        let created = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: h.agent, json: #"{"name":"Loaner","display_id":"LOAN-7"}"#)
        let id = try #require(created.json["id"] as? Int)
        let renamed = try await client.call(.put, "asset/\(id)", as: h.agent, json: #"{"name":"Loaner 7"}"#)
        #expect(renamed.status == .ok)
        let contact = try await h.store.createContact(
          name: "Ada Lovelace", email: "ada@example.com", phones: [], at: Date())
        let linked = try await client.call(
          .post, "asset/\(id)/contacts", as: h.agent, json: #"{"contact_id":\#(contact.id)}"#)
        #expect(linked.status == .ok)

        let history = try await client.call(.get, "asset/\(id)/history/", as: h.agent)
        #expect(history.status == .ok)
        let kinds = history.items.compactMap { $0["kind"] as? String }
        #expect(kinds == ["contact_linked", "field_changed", "created"])
        let rename = history.items[1]
        #expect(rename["field"] as? String == "Name")
        #expect(rename["old_value"] as? String == "Loaner")
        #expect(rename["new_value"] as? String == "Loaner 7")
        #expect(rename["source"] as? String == "agent")
        #expect((rename["agent"] as? [String: Any])?["id"] as? Int != nil)
        #expect(rename["at"] as? String != nil)

        let second = try await client.call(.get, "asset/\(id)/history/?size=1&page=2", as: h.agent)
        #expect(second.items.map { $0["kind"] as? String } == ["field_changed"])
        #expect((second.json["page_info"] as? [String: Any])?["last_index"] as? Int == 3)

        #expect(try await client.call(.get, "asset/999999/history/", as: h.agent).status == .notFound)
        #expect(try await client.call(.get, "asset/abc/history/", as: h.agent).status == .notFound)
        #expect(try await client.call(.get, "asset/\(id)/history/?size=0", as: h.agent).status == .badRequest)
        #expect(try await client.call(.get, "asset/\(id)/history/", as: nil).status == .unauthorized)
      }
    }
  }
}
