import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import WebApp

@Suite("Assets, types, fields, contacts and tickets in HappyFox's shapes")
struct AssetAPITests {
  /// Syncs the simulator's fleet through the Kandji app routes.
  static func syncFleet(_ h: AppHarness, _ client: any TestClientProtocol) async throws {
    _ = try await client.call(.post, "apps/kandji/install", as: h.admin)
    let authorize = try await client.call(
      .post, "apps/kandji/authorize", as: h.admin,
      json: #"{"api_url":"\#(h.simulatorURL)","api_token":"\#(h.simulator.fullAccessToken)"}"#)
    #expect(authorize.json["authorized"] as? Bool == true)
    let mapping = try await client.call(
      .put, "apps/kandji/mapping", as: h.admin,
      json: #"{"name_source":"device_name","display_id_source":"serial_number"}"#)
    #expect(mapping.status == .accepted)
    await h.services.coordinator.waitForCurrentRun()
  }

  @Test func managedAssetsAreReadOnlyAndManualOnesEditable() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        try await Self.syncFleet(h, client)
        let device = h.simulator.devices.first { $0.platform == .mac }!
        let synced = try #require(try await h.store.asset(kandjiDeviceID: device.deviceID))
        let shown = try await client.call(.get, "asset/\(synced.id)", as: h.agent)
        #expect(shown.status == .ok)
        #expect(shown.json["managed"] as? Bool == true)
        #expect(shown.json["source"] as? String == "kandji")
        #expect(shown.json["source_url"] as? String == "\(h.simulatorURL)/devices/\(device.deviceID)")
        let fields = shown.json["custom_fields"] as? [[String: Any]] ?? []
        #expect(fields.filter { $0["group"] as? String == "Kandji" }.count == 13)
        #expect(fields.first { $0["name"] as? String == "Serial Number" }?["value"] as? String == device.serialNumber)
        // Every write path refuses the synced asset.
        for (method, json) in [(HTTPRequest.Method.put, #"{"name":"Hacked"}"#), (.put, #"{"bogus":1}"#), (.delete, "")]
        {
          let reply = try await client.call(method, "asset/\(synced.id)", as: h.admin, json: json)
          #expect(reply.status == .forbidden)
          #expect(reply.message.contains("synced from Kandji"))
        }
        #expect(try await h.store.asset(id: synced.id)?.name == device.deviceName)
        // A manual asset in the Mac type: create, edit, delete.
        let mac = try await h.store.managedType(for: .mac)
        let created = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: h.agent, json: #"{"name":"Loaner","display_id":"LOAN-1"}"#)
        #expect(created.status == .created)
        #expect(created.json["managed"] as? Bool == false)
        let id = try #require(created.json["id"] as? Int)
        let duplicate = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: h.agent, json: #"{"name":"Other","display_id":"LOAN-1"}"#)
        #expect(duplicate.status == .badRequest)
        #expect(duplicate.fieldErrors["display_id"]?.first?.contains("already used") == true)
        let takenFromKandji = try await client.call(
          .put, "asset/\(id)", as: h.agent, json: #"{"display_id":"\#(device.serialNumber)"}"#)
        #expect(takenFromKandji.status == .badRequest)
        let renamed = try await client.call(.put, "asset/\(id)", as: h.agent, json: #"{"name":"Loaner 2"}"#)
        #expect(renamed.json["name"] as? String == "Loaner 2")
        // A contact given with a blank name is refused (left out, the name defaults to the email's).
        let blankContact = try await client.call(
          .put, "asset/\(id)", as: h.agent, json: #"{"contacts":[{"name":" ","email":"x@example.com"}]}"#)
        #expect(blankContact.status == .badRequest)
        #expect(blankContact.fieldErrors["contacts"]?.first?.contains("name: This field may not be blank.") == true)
        let managedField = try #require(fields.first?["id"] as? Int)
        let fieldWrite = try await client.call(
          .put, "asset/\(id)", as: h.agent, json: #"{"custom_fields":{"\#(managedField)":"x"}}"#)
        #expect(fieldWrite.fieldErrors["custom_fields.\(managedField)"]?.first?.contains("Kandji field") == true)
        #expect(try await client.call(.delete, "asset/\(id)", as: h.agent).status == .ok)
        #expect(try await client.call(.get, "asset/\(id)", as: h.agent).status == .notFound)
      }
    }
  }

  @Test func listingSearchAndPaging() async throws {
    try await AppHarness.run(devices: 60) { h in
      try await h.test { client in
        try await Self.syncFleet(h, client)
        let mac = try await h.store.managedType(for: .mac)
        let macs = h.simulator.devices.filter { $0.platform == .mac }
        let page = try await client.call(.get, "assets/?asset_type=\(mac.id)&size=5&page=2", as: h.agent)
        let info = page.json["page_info"] as? [String: Int] ?? [:]
        #expect(info["last_index"] == macs.count)
        #expect(info["count"] == min(5, max(0, macs.count - 5)))
        #expect(info["start_index"] == 6)
        #expect((page.json["data"] as? [Any])?.count == min(5, max(0, macs.count - 5)))
        let serial = macs[0].serialNumber
        let search = try await client.call(.get, "assets/?asset_type=\(mac.id)&q=\(serial.lowercased())", as: h.agent)
        #expect((search.json["page_info"] as? [String: Int])?["last_index"] == 1)
        let types = try await client.call(.get, "asset_types", as: h.agent)
        #expect(
          types.items.map { $0["name"] as? String } == ["Mac", "iPad", "iPhone", "AppleTV", "Android", "Windows"])
        #expect(types.items.allSatisfy { $0["managed"] as? Bool == true })
        let fields = try await client.call(.get, "asset_custom_fields/?asset_type=\(mac.id)&size=50", as: h.agent)
        #expect(fields.items.count == 13)
        #expect(fields.items.allSatisfy { $0["read_only"] as? Bool == true })
        let renameType = try await client.call(.put, "asset_type/\(mac.id)", as: h.admin, json: #"{"name":"Macs"}"#)
        #expect(renameType.status == .forbidden)
        let deleteType = try await client.call(.delete, "asset_type/\(mac.id)", as: h.admin)
        #expect(deleteType.status == .forbidden)
        let custom = try await client.call(.post, "asset_types", as: h.admin, json: #"{"name":"Monitors"}"#)
        #expect(custom.status == .created)
        #expect(custom.json["managed"] as? Bool == false)
      }
    }
  }

  @Test func contactsTicketsAndRecentTickets() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        try await Self.syncFleet(h, client)
        let asset = try #require(try await h.store.assets(AssetQuery(managed: true, page: 1, size: 1)).items.first)
        let contact = try await client.call(
          .post, "users", as: h.agent,
          json:
            #"{"name":"Ann Lee","email":"Ann.Lee@example.com","phones":[{"type":"mo","number":"+1 555","is_primary":true}]}"#
        )
        #expect(contact.status == .ok)
        let contactID = try #require(contact.json["id"] as? Int)
        // HappyFox adds a contact, or edits the one with the email.
        let again = try await client.call(
          .post, "users", as: h.agent, json: #"{"name":"Ann","email":"ann.lee@EXAMPLE.com"}"#)
        #expect(again.json["id"] as? Int == contactID)
        #expect(again.json["name"] as? String == "Ann")
        #expect(try await client.call(.get, "user/ann.lee@example.com", as: h.agent).json["id"] as? Int == contactID)
        let search = try await client.call(.get, "users/?q=email:ann.lee", as: h.agent)
        #expect((search.json["page_info"] as? [String: Int])?["last_index"] == 1)
        // Associating a contact with a synced asset is allowed (R20).
        let linked = try await client.call(
          .post, "asset/\(asset.id)/contacts", as: h.agent, json: #"{"contact_id":\#(contactID)}"#)
        #expect(linked.status == .ok)
        #expect((linked.json["contacts"] as? [[String: Any]])?.contains { $0["id"] as? Int == contactID } == true)
        let ticket = try await client.call(
          .post, "tickets", as: h.agent,
          json:
            #"{"subject":"Screen flickers","text":"Since Monday","category":1,"user":\#(contactID),"asset_ids":[\#(asset.id)]}"#
        )
        #expect(ticket.status == .ok)
        let ticketID = try #require(ticket.json["id"] as? Int)
        let shown = try await client.call(.get, "asset/\(asset.id)", as: h.agent)
        let recent = shown.json["recent_tickets"] as? [[String: Any]] ?? []
        #expect(recent.map { $0["subject"] as? String } == ["Screen flickers"])
        let badStatus = try await client.call(
          .post, "ticket/\(ticketID)/staff_update", as: h.agent, json: #"{"status":99}"#)
        #expect(badStatus.fieldErrors["status"] != nil)
        let solved = try await client.call(
          .post, "ticket/\(ticketID)/staff_update", as: h.agent, json: #"{"status":4,"html":"<p>Fixed</p>"}"#)
        #expect((solved.json["status"] as? [String: Any])?["name"] as? String == "Solved")
        let unlinked = try await client.call(.delete, "ticket/\(ticketID)/assets/\(asset.id)", as: h.agent)
        #expect((unlinked.json["asset_ids"] as? [Int]) == [])
        #expect(
          try await client.call(.delete, "ticket/\(ticketID)/assets/\(asset.id)", as: h.agent).status == .notFound)
        let contactView = try await client.call(.get, "user/\(contactID)", as: h.agent)
        #expect((contactView.json["assets"] as? [[String: Any]])?.count == 1)
        #expect(contactView.json["tickets_count"] as? Int == 1)
        let badLink = try await client.call(
          .post, "ticket/\(ticketID)/assets", as: h.agent, json: #"{"asset_id":987654}"#)
        #expect(badLink.status == .badRequest)
      }
    }
  }
}
