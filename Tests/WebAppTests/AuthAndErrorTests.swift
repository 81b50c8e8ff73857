import AssetCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import WebApp

@Suite("Authentication, roles and error answers")
struct AuthAndErrorTests {
  @Test func everyRouteButHealthNeedsAuthentication() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let health = try await client.call(.get, "/health", as: nil)
        #expect(health.status == .ok)
        #expect(health.json["status"] as? String == "ok")
        _ = try await client.call(.get, "asset_types", as: h.agent)  // fills the registry
        let all = h.registry.routes
        #expect(all.count > 30)
        for route in all where route != "GET /health" {
          let parts = route.split(separator: " ", maxSplits: 1)
          let path = parts[1].replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(
            of: "{contact}", with: "1"
          )
          .replacingOccurrences(of: "{asset}", with: "1")
          let reply = try await client.call(HTTPRequest.Method(String(parts[0]))!, path, as: nil, json: "{}")
          #expect(reply.status == .unauthorized, "\(route) answered \(reply.status)")
          #expect(reply.headers[.wwwAuthenticate] == "Basic realm=\"AssetSync\"")
        }
      }
    }
  }

  @Test func wrongCredentialsAreRefused() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        var forged = h.agent
        forged = AppHarness.Credentials(agent: forged.agent, key: forged.key, code: "wrong")
        #expect(try await client.call(.get, "asset_types", as: forged).status == .unauthorized)
        let garbage = try await client.call(.get, "asset_types", as: nil, headers: [("Authorization", "Basic !!!")])
        #expect(garbage.status == .unauthorized)
        #expect(try await client.call(.get, "asset_types", as: h.agent).status == .ok)
      }
    }
  }

  @Test func adminRoutesRefuseAgents() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        for (method, path) in [
          (HTTPRequest.Method.get, "apps/kandji"), (.post, "apps/kandji/install"), (.post, "apps/kandji/authorize"),
          (.put, "apps/kandji/mapping"), (.post, "apps/kandji/sync"), (.post, "apps/kandji/disable"),
          (.get, "apps/kandji/sync_runs"), (.put, "apps/kandji/schedule"), (.post, "asset_types"),
        ] {
          let reply = try await client.call(method, path, as: h.agent, json: "{}")
          #expect(reply.status == .forbidden, "\(method) \(path)")
          #expect(reply.message == "Only admins can do this.")
        }
      }
    }
  }

  @Test func malformedRequestsAreClear4xx() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let mac = try await h.store.managedType(for: .mac)
        let badJSON = try await client.call(.post, "assets/?asset_type=\(mac.id)", as: h.agent, json: "{not json")
        #expect(badJSON.status == .badRequest)
        #expect(badJSON.message == "The body is not valid JSON.")
        let multipart = try await client.call(
          .post, "/api/1.1/json/tickets/", as: h.agent, headers: [("Content-Type", "multipart/form-data; boundary=x")],
          form: "--x\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nx\r\n--x--")
        #expect(
          multipart.message.contains("Multipart bodies (attachments) are not taken"),
          "\(multipart.status) \(multipart.text)")
        let notObject = try await client.call(.post, "assets/?asset_type=\(mac.id)", as: h.agent, json: "[1,2]")
        #expect(notObject.message == "The body must be a JSON object.")
        let unknown = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: h.agent, json: #"{"name":"A","display_id":"B","colour":"red"}"#)
        #expect(unknown.status == .badRequest)
        #expect(unknown.fieldErrors["colour"] == ["Unknown field."])
        let missing = try await client.call(.post, "assets/?asset_type=\(mac.id)", as: h.agent, json: #"{"name":" "}"#)
        #expect(missing.fieldErrors["name"] == ["This field is required."])
        #expect(missing.fieldErrors["display_id"] == ["This field is required."])
        let wrongTypes = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: h.agent, json: #"{"name":5,"display_id":"X","contact_ids":"a,b"}"#)
        #expect(wrongTypes.fieldErrors["name"] == ["Expected a string."])
        #expect(wrongTypes.fieldErrors["contact_ids"] == ["Enter a list of values."])
        // Without asset_type, HappyFox lists the first type's assets.
        let noType = try await client.call(.get, "assets", as: h.agent)
        #expect(noType.status == .ok)
        #expect(noType.json["page_info"] != nil)
        let badType = try await client.call(.get, "assets/?asset_type=abc", as: h.agent)
        #expect(badType.fieldErrors["asset_type"] == ["A valid id is required."])
        for query in ["size=0", "size=51", "size=x", "page=0", "page=-3"] {
          let reply = try await client.call(.get, "assets/?asset_type=\(mac.id)&\(query)", as: h.agent)
          #expect(reply.status == .badRequest, "\(query)")
        }
        let huge = String(repeating: "x", count: 1_100_000)
        let oversized = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: h.agent, json: "{\"name\":\"\(huge)\"}")
        #expect(oversized.status == .contentTooLarge)
        #expect(oversized.message == "The request body is larger than 1 MB.")
      }
    }
  }

  @Test func unknownIdsAndPathsAre404() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        for path in [
          "asset/999999", "asset/abc", "asset_type/77", "user/424242", "user/nobody@example.com", "ticket/5",
          "asset_custom_field/99999", "apps/kandji/sync_runs/12",
        ] {
          let reply = try await client.call(.get, path, as: h.admin)
          #expect(reply.status == .notFound, "\(path)")
          #expect(reply.message.hasSuffix("was not found."), "\(path): \(reply.message)")
        }
        let unknown = try await client.call(.get, "no/such/thing", as: h.admin)
        #expect(unknown.status == .notFound)
        #expect(unknown.message.contains("No such endpoint"))
        let deleteMissing = try await client.call(.delete, "asset/424242", as: h.agent)
        #expect(deleteMissing.status == .notFound)
      }
    }
  }
}
