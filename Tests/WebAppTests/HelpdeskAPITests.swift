import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import WebApp

/// AssetSync's rules around HappyFox's API: the admin extension endpoints, the acting agent, the
/// type settings, and the error shapes.
@Suite("Helpdesk API: admin endpoints, acting agents, type settings")
struct HelpdeskAPITests {
  @Test func typeAndFieldEndpointsAreForAdminsAndManualTypes() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let mac = try await h.store.managedType(for: .mac)
        let kandjiField = try #require(try await h.store.fields(assetTypeID: mac.id).first)
        for (method, path, body) in [
          (HTTPRequest.Method.post, "asset_types/", #"{"name":"X"}"#), (.put, "asset_type/\(mac.id)/", "{}"),
          (.delete, "asset_type/\(mac.id)/", ""), (.post, "asset_custom_fields/?asset_type=\(mac.id)", "{}"),
          (.put, "asset_custom_fields/\(kandjiField.id)/", "{}"),
          (.delete, "asset_custom_fields/\(kandjiField.id)/", ""),
        ] {
          let reply = try await client.call(method, path, as: h.agent, json: body)
          #expect(reply.status == .forbidden, "\(method) \(path)")
          #expect(reply.message == "Only admins can do this.")
        }
        // The Kandji types and fields refuse even admins.
        let addToMac = try await client.call(
          .post, "asset_custom_fields/?asset_type=\(mac.id)", as: h.admin, json: #"{"name":"Extra","type":"text"}"#)
        #expect(addToMac.status == .forbidden)
        #expect(addToMac.message.contains("Kandji asset type"))
        let rename = try await client.call(
          .put, "asset_custom_fields/\(kandjiField.id)/", as: h.admin, json: #"{"name":"Serial"}"#)
        #expect(rename.status == .forbidden)
        #expect(
          try await client.call(.delete, "asset_custom_fields/\(kandjiField.id)/", as: h.admin).status == .forbidden)
        // A manual type: create, field with choices, rename both, delete both.
        let type = try await client.call(
          .post, "asset_types/", as: h.admin,
          json: #"{"name":"Printers","settings":{"enable_contact_association":false}}"#)
        #expect(type.status == .created)
        let typeID = try #require(type.json["id"] as? Int)
        #expect((type.json["settings"] as? [String: Any])?["enable_contact_association"] as? Bool == false)
        let field = try await client.call(
          .post, "asset_custom_fields/?asset_type=\(typeID)", as: h.admin,
          json: #"{"name":"Brand","type":"dropdown","choices":["HP",{"text":"Brother"}]}"#)
        #expect(field.status == .created)
        let fieldID = try #require(field.json["id"] as? Int)
        let boolean = try await client.call(
          .post, "asset_custom_fields/?asset_type=\(typeID)", as: h.admin, json: #"{"name":"On","type":"boolean"}"#)
        #expect(boolean.fieldErrors["type"] != nil)
        let changed = try await client.call(
          .put, "asset_custom_fields/\(fieldID)/", as: h.admin,
          json: #"{"name":"Make","choices":[{"id":2,"text":"Brother"},{"text":"Canon"}]}"#)
        #expect(changed.json["name"] as? String == "Make")
        #expect((changed.json["choices"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [2, 3])
        let renamed = try await client.call(
          .put, "asset_type/\(typeID)/", as: h.admin, json: #"{"name":"Printers & scanners"}"#)
        #expect(renamed.json["name"] as? String == "Printers & scanners")
        // The type's settings hold: no contacts on its assets.
        let asset = try await client.call(
          .post, "assets/?asset_type=\(typeID)", as: h.admin, json: #"{"name":"HP 4","display_id":"P-4"}"#)
        let assetID = try #require(asset.json["id"] as? Int)
        let contact = try await client.call(
          .post, "users/", as: h.admin, json: #"{"name":"Ann","email":"ann@example.com"}"#)
        let link = try await client.call(
          .post, "asset/\(assetID)/contacts/", as: h.admin, json: #"{"contact_id":\#(contact.json["id"] as? Int ?? 0)}"#
        )
        #expect(link.status == .badRequest)
        #expect(link.fieldErrors["contact_id"]?.first?.contains("does not allow contacts") == true)
        let notEmpty = try await client.call(.delete, "asset_type/\(typeID)/", as: h.admin)
        #expect(notEmpty.status == .badRequest)
        #expect(try await client.call(.delete, "asset/\(assetID)/", as: h.admin).status == .ok)
        #expect(try await client.call(.delete, "asset_custom_fields/\(fieldID)/", as: h.admin).status == .ok)
        #expect(try await client.call(.delete, "asset_type/\(typeID)/", as: h.admin).status == .ok)
        #expect(try await client.call(.get, "asset_type/\(typeID)/", as: h.agent).status == .notFound)
      }
    }
  }

  @Test func theActingAgentIsRecordedAndCannotBeSomeoneElsesForAnAgent() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let mac = try await h.store.managedType(for: .mac)
        let byAdmin = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: h.admin,
          json: #"{"name":"A","display_id":"A-1","created_by":\#(h.agent.agent.id)}"#)
        #expect(byAdmin.json["created_by"] as? Int == Int(h.agent.agent.id))
        #expect(byAdmin.json["updated_by"] is NSNull)
        let forged = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: h.agent,
          json: #"{"name":"B","display_id":"B-1","created_by":\#(h.admin.agent.id)}"#)
        #expect(forged.status == .badRequest)
        #expect(forged.fieldErrors["created_by"]?.first?.contains("its own agent") == true)
        let nobody = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: h.admin, json: #"{"name":"C","display_id":"C-1","created_by":999}"#
        )
        #expect(nobody.fieldErrors["created_by"]?.first?.contains("not an active agent") == true)
        let id = try #require(byAdmin.json["id"] as? Int)
        let wrongDeleter = try await client.call(.delete, "asset/\(id)/?deleted_by=\(h.admin.agent.id)", as: h.agent)
        #expect(wrongDeleter.fieldErrors["deleted_by"] != nil)
        #expect(
          try await client.call(.delete, "asset/\(id)/?deleted_by=\(h.agent.agent.id)", as: h.agent).status == .ok)
        // Ticket actions: `staff` is checked the same way.
        let ticket = try await h.store.createTicket(TicketDraft(subject: "T"), at: Date())
        let staff = try await client.call(
          .post, "ticket/\(ticket.id)/staff_update/", as: h.agent, json: #"{"staff":\#(h.admin.agent.id),"text":"hi"}"#)
        #expect(staff.fieldErrors["staff"] != nil)
        let asAdmin = try await client.call(
          .post, "ticket/\(ticket.id)/staff_update/", as: h.admin, json: #"{"staff":\#(h.agent.agent.id),"text":"hi"}"#)
        let by = ((asAdmin.json["updates"] as? [[String: Any]])?.last?["by"] as? [String: Any])?["id"] as? Int
        #expect(by == Int(h.agent.agent.id))
      }
    }
  }

  @Test func errorsComeInEachArticlesShape() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let general = try await h.store.createAssetType(name: "General", description: "")
        let number = try await h.store.createField(assetTypeID: general.id, FieldDraft(name: "Count", type: .number))
        let asset = try await client.call(
          .post, "assets/?asset_type=\(general.id)", as: h.agent,
          json: #"{"name":"X","custom_fields":{"\#(number.id)":"many","777":1}}"#)
        let error = asset.json["error"] as? [String: Any] ?? [:]
        #expect(error["display_id"] as? [String] == ["This field is required."])
        #expect(
          error["custom_fields"] as? [String: String] == [
            "\(number.id)": "Enter a whole number.", "777": "Unknown field for this asset type.",
          ])
        let contact = try await client.call(.post, "users/", as: h.agent, json: #"{"name":"N"}"#)
        #expect((contact.json["error"] as? [[String: Any]])?.first?["field"] as? String == "email")
        let ticket = try await client.call(
          .post, "tickets/", as: h.agent, json: #"{"user":1,"subject":"s","text":"t","category":1,"t-cf-2":"x"}"#)
        #expect(ticket.fieldErrors["t-cf-2"] == ["AssetSync has no ticket or contact custom fields."])
        let created = try await h.store.createTicket(TicketDraft(subject: "T"), at: Date())
        let action = try await client.call(
          .post, "ticket/\(created.id)/staff_update/", as: h.agent, json: #"{"status":99}"#)
        #expect(
          (action.json["error"] as? [String: String])?["status"]?.contains("not one of the available choices") == true)
      }
    }
  }
}
