import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KandjiAPI
import Testing

@testable import WebApp

/// Issue 16, item 9: secure defaults. Cookies are `Secure` unless the server is told it serves
/// plain HTTP on loopback; an unknown-parameter error names at most 20 of them. (The PostgreSQL
/// `sslmode` default is in `PostgresTLSURLTests.defaultTLSByHost`.)
@Suite("Secure defaults: Secure cookies, short unknown-parameter errors")
struct SecureDefaultsTests {
  static func cookie(_ name: String, in reply: Reply) -> String {
    reply.headers[values: .setCookie].first { $0.hasPrefix(name + "=") } ?? ""
  }

  @Test("over loopback with the default settings, every sign-in cookie is Secure; told plain HTTP, none is")
  func secureByDefault() async throws {
    for plain in [false, true] {
      try await AppHarness.run { h in
        var configuration = AppConfiguration(port: 0, bcryptCost: 4, runScheduler: false)
        configuration.plainHTTPOnLoopback = plain
        #expect(configuration.problems.isEmpty)
        #expect(configuration.secureCookies == !plain)
        let services = AppServices(
          store: h.store, sealer: h.services.sealer, configuration: configuration, logger: h.services.logger)
        let app = await AppBuilder.buildApplication(configuration: configuration, services: services)
        try await app.test(.live) { client in
          let form = try await client.call(.get, "/login", as: nil)
          let reply = try await WebUITests.attemptSignIn(client, "agent@example.com", "correct horse battery")
          #expect(reply.status == .seeOther)
          let cookies = [
            Self.cookie("assetsync_login_csrf", in: form), Self.cookie("assetsync_session", in: reply),
            Self.cookie("assetsync_device", in: reply),
          ]
          for cookie in cookies {
            #expect(!cookie.isEmpty)
            #expect(cookie.contains("; Secure") == !plain, "\(cookie)")
            #expect(cookie.contains("HttpOnly"))
          }
        }
      }
    }
  }

  @Test(
    "plain HTTP is refused for a host that is not loopback",
    arguments: [
      ("127.0.0.1", true), ("127.1.2.3", true), ("::1", true), ("[::1]", true), ("localhost", true),
      ("0.0.0.0", false), ("::", false), ("10.0.0.5", false), ("assetsync.example", false),
      ("127.0.0.1.example", false),
    ])
  func plainHTTPOnlyOnLoopback(host: String, loopback: Bool) {
    #expect(AppConfiguration.isLoopback(host) == loopback)
    var configuration = AppConfiguration(host: host)
    #expect(configuration.secureCookies)
    configuration.plainHTTPOnLoopback = true
    #expect(configuration.problems.contains { $0.contains("plain HTTP") } == !loopback, "\(configuration.problems)")
    // Never plain where it is refused: the cookies stay Secure.
    #expect(configuration.secureCookies == !loopback)
  }

  @Test("an unknown-parameter error names at most 20 parameters, then says how many more")
  func unknownParametersCapped() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let query = (0..<500).map { "p\(String(format: "%03d", $0))=1" }.joined(separator: "&")
        let reply = try await client.call(.get, "asset_types/?" + query, as: h.admin)
        #expect(reply.status == .badRequest)
        let errors = reply.fieldErrors
        #expect(errors.count == 21, "\(errors.keys.sorted())")
        #expect(errors["p000"] != nil && errors["p019"] != nil && errors["p020"] == nil)
        #expect(errors["non_field_errors"] == ["And 480 more unknown query parameters."])
        #expect(reply.text.utf8.count < 2_000)
        // A few are all named, with no summary.
        let few = try await client.call(.get, "asset_types/?pgae=2&sizee=3", as: h.admin)
        #expect(few.fieldErrors.keys.sorted() == ["pgae", "sizee"])
      }
    }
  }

  @Test("a body with 300 unknown fields: 20 named, then how many more")
  func unknownBodyFieldsCapped() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        let extra = (0..<300).map { "\"f\(String(format: "%03d", $0))\": 1" }.joined(separator: ", ")
        let reply = try await client.call(
          .post, "users/", as: h.agent,
          json: "{\"name\": \"Many Fields\", \"email\": \"many.fields@example.com\", \(extra)}")
        #expect(reply.status == .badRequest)
        let errors = reply.fieldErrors
        #expect(errors.count == 21, "\(errors.keys.sorted())")
        #expect(errors["f000"] != nil && errors["f019"] != nil && errors["f020"] == nil)
        #expect(errors["non_field_errors"] == ["And 280 more unknown fields."])
      }
    }
  }
}
