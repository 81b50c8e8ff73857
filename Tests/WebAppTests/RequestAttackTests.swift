import AssetCore
import AssetStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KandjiAPI
import SyncService
import Testing

@testable import WebApp

/// Issue 9, items 1, 4, 6 and 8: requests that used to crash the server, redirect a signed-in
/// agent to another site, plant formulas in reports or slip past limits now do no harm.
@Suite("Requests that used to do harm")
struct RequestAttackTests {
  @Test("huge page numbers on every list page: the server answers and keeps serving")
  func hugePages() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let (cookie, _) = try await WebUITests.signIn(client, "agent@example.com")
        for path in [
          "/tickets?page=9223372036854775807", "/contacts?page=9223372036854775807",
          "/assets?page=9223372036854775807", "/assets?page=-9223372036854775808", "/tickets?page=99999999999999999999",
        ] {
          let reply = try await client.call(.get, path, as: nil, headers: [("Cookie", cookie)])
          #expect(reply.status == .ok, "\(path)")
        }
        let api = try await client.call(.get, "assets/?page=9223372036854775807", as: h.agent)
        #expect(api.status == .badRequest)
        #expect(try await client.call(.get, "/health", as: nil).status == .ok)
      }
    }
  }

  @Test(
    "sign-in redirects go only to this site's paths",
    arguments: [
      "/%09/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/%2F/evil.example",
      "/%5Cevil.example", "/\t/evil.example", "/%0A/evil.example", "/%E2%80%8B/evil.example", "javascript:alert(1)",
      "/%2509/evil.example", "/login?next=//evil.example", "",
    ])
  func openRedirect(next: String) async throws {
    #expect(LocalRedirect.target(next) == "/assets")
  }

  @Test func localRedirectsStillWork() async throws {
    for path in ["/assets/12", "/tickets?page=2", "/assets?type=1&q=Mac%20Book", "/admin/apps/kandji#sync"] {
      #expect(LocalRedirect.target(path) == path)
    }
    try await AppHarness.run { h in
      try await h.test { client in
        let attack = try await WebUITests.attemptSignIn(
          client, "agent@example.com", "correct horse battery", next: "/%2509/evil.example")
        #expect(attack.status == .seeOther)
        #expect(attack.headers[.location] == "/assets")
        let fine = try await WebUITests.attemptSignIn(
          client, "admin@example.com", "correct horse battery", next: "/tickets")
        #expect(fine.headers[.location] == "/tickets")
      }
    }
  }

  @Test("browsers get no Basic challenge; scripts do; cross-site requests with API credentials are refused")
  func basicAuthAndBrowsers() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let script = try await client.call(.get, "asset_types/", as: nil)
        #expect(script.status == .unauthorized)
        #expect(script.headers[.wwwAuthenticate] == "Basic realm=\"AssetSync\"")
        for browser in [[("Accept", "text/html,application/xhtml+xml")], [("Sec-Fetch-Mode", "navigate")]] {
          let reply = try await client.call(.get, "asset_types/", as: nil, headers: browser)
          #expect(reply.status == .unauthorized)
          #expect(reply.headers[.wwwAuthenticate] == nil)
        }
        let mac = try await h.store.managedType(for: .mac)
        for forged in [
          [("Sec-Fetch-Site", "cross-site")], [("Origin", "https://evil.example")],
        ] {
          let reply = try await client.call(
            .post, "assets/?asset_type=\(mac.id)", as: h.admin, json: #"{"name":"X","display_id":"X-1"}"#,
            headers: forged)
          #expect(reply.status == .forbidden)
        }
        #expect(try await h.store.assets(AssetQuery()).total == 0)
        let sameSite = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: h.admin, json: #"{"name":"X","display_id":"X-1"}"#,
          headers: [("Origin", "http://localhost"), ("Sec-Fetch-Site", "same-origin")])
        #expect(sameSite.status == .created)
      }
    }
  }

  @Test("length limits count characters as scalars: a 300 KB one-grapheme name is refused")
  func graphemeBombs() async throws {
    let bomb = "a" + String(repeating: "\u{0301}", count: 150_000)
    #expect(bomb.count == 1)
    try await AppHarness.run { h in
      try await h.test { client in
        let mac = try await h.store.managedType(for: .mac)
        let asset = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: h.admin, json: #"{"name":"\#(bomb)","display_id":"B-1"}"#)
        #expect(asset.status == .badRequest)
        #expect(asset.fieldErrors["name"] != nil)
        let contact = try await client.call(
          .post, "users/", as: h.admin, json: #"{"name":"\#(bomb)","email":"bomb@example.com"}"#)
        #expect(contact.status == .badRequest)
        let phones = try await client.call(
          .post, "users/", as: h.admin,
          json: #"{"name":"P","email":"p@example.com","phones":["\#(String(repeating: "1", count: 51))"]}"#)
        #expect(phones.fieldErrors["phones"] != nil)
        #expect(try await h.store.contacts(ContactQuery()).total == 0)
      }
    }
    #expect(Asset.clippedName(bomb).unicodeScalars.count == Asset.maxNameLength)
  }

  @Test("a device named like a formula lands neutralised in the sync report CSV")
  func formulaInjection() async throws {
    try await AppHarness.run(devices: 5) { h in
      let target = try #require(h.simulator.devices.first)
      #expect(h.simulator.rename(deviceID: target.deviceID, to: "=HYPERLINK(\"http://x\",\"y\")"))
      let connection = try await h.store.readyConnection(
        url: h.simulatorURL, token: h.simulator.fullAccessToken, sealer: h.services.sealer)
      let run = try await h.services.coordinator.start(connectionID: connection.id, trigger: .manual)
      _ = await h.services.coordinator.waitForCurrentRun()
      try await h.test { client in
        let csv = try await client.call(.get, "apps/kandji/sync_runs/\(run.id)/report.csv", as: h.admin).text
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""))
        #expect(!csv.contains(",=HYPERLINK"))
      }
    }
  }

  @Test("a known path asked with another method is a 405 naming the allowed ones; unknown query parameters are refused")
  func methodsAndQueryParameters() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let trace = try await client.call(.patch, "asset_types/", as: h.admin)
        #expect(trace.status == .methodNotAllowed)
        #expect(trace.headers[.allow] == "GET, POST")
        let health = try await client.call(.post, "/health", as: nil)
        #expect(health.status == .methodNotAllowed)
        #expect(health.headers[.allow] == "GET")
        #expect(try await client.call(.get, "no_such_thing/", as: h.admin).status == .notFound)
        let typo = try await client.call(.get, "users/?pgae=2", as: h.admin)
        #expect(typo.fieldErrors["pgae"] == ["Unknown query parameter."])
        let none = try await client.call(.get, "statuses/?size=5", as: h.admin)
        #expect(none.fieldErrors["size"]?.first?.contains("takes none") == true)
        // Authentication still comes first.
        #expect(try await client.call(.get, "users/?pgae=2", as: nil).status == .unauthorized)
      }
    }
  }

  @Test("large ids are read exactly (not through a Double) and control characters are refused")
  func integersAndControlCharacters() async throws {
    func decoded(_ text: String) throws -> JSONBody { try JSONDecoder().decode(JSONBody.self, from: Data(text.utf8)) }
    #expect(try decoded("9223372036854775806").integer == Int64.max - 1)
    #expect(try decoded("12.0").integer == 12)
    #expect(try decoded("12.5").integer == nil)
    #expect(try decoded("true").integer == nil)
    #expect(try decoded("9223372036854775808").integer == nil)
    // Nesting deeper than any HappyFox body is refused before decoding.
    #expect(
      JSONBody.depth(Data((String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)).utf8)) == 5_000)
    #expect(JSONBody.depth(Data(#"{"a": "[[[[", "b": [1]}"#.utf8)) == 2)
    try await AppHarness.run { h in
      try await h.test { client in
        let mac = try await h.store.managedType(for: .mac)
        let asset = try await client.call(
          .post, "assets/?asset_type=\(mac.id)", as: h.admin, json: #"{"name":"Line\nbreak","display_id":"C-1"}"#)
        #expect(asset.fieldErrors["name"]?.first?.contains("one line") == true)
        let link = try await client.call(
          .post, "ticket/1/assets/", as: h.admin, json: #"{"asset_id":9223372036854775806}"#)
        #expect(link.fieldErrors["asset_id"] == nil)
        let phone = try await client.call(
          .post, "users/", as: h.admin, json: #"{"name":"P","email":"p@example.com","phones":["+1\u009b5"]}"#)
        #expect(phone.fieldErrors["phones"] != nil)
      }
    }
  }
}
