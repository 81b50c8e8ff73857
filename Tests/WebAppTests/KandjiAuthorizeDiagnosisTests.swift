import Foundation
import Hummingbird
import HummingbirdTesting
import KandjiAPI
import KandjiSimulator
import Testing

@testable import WebApp

/// Issue 17 item 5: Admin › Apps › Kandji with a mistyped URL says what is wrong (in the API's
/// `code` and on the page) instead of blaming the credentials.
@Suite("Authorize tells a wrong URL from wrong credentials")
struct KandjiAuthorizeDiagnosisTests {
  @Test("the API answers a distinct code for a closed port, TLS, a wrong token and a missing permission")
  func apiCodes() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        #expect(try await client.call(.post, "apps/kandji/install", as: h.admin).status == .ok)
        let tlsURL = h.simulatorURL.replacingOccurrences(of: "http://", with: "https://")
        let listOnly = h.simulator.issueToken(permissions: [.deviceList])
        let cases: [(url: String, token: String, code: String)] = [
          ("http://127.0.0.1:1", h.simulator.fullAccessToken, "unreachable_host"),
          (tlsURL, h.simulator.fullAccessToken, "tls_failure"),
          (h.simulatorURL, "5f0c7a11-2b3c-4d5e-8f90-a1b2c3d4e5f6", "invalid_token"),
          (h.simulatorURL, listOnly, "missing_permission"),
        ]
        for (url, token, code) in cases {
          let reply = try await client.call(
            .post, "apps/kandji/authorize", as: h.admin, json: #"{"api_url":"\#(url)","api_token":"\#(token)"}"#)
          #expect(reply.status == .ok, "\(url)")
          #expect(reply.json["code"] as? String == code, "\(url): \(reply.text)")
          #expect(reply.json["authorized"] as? Bool == false)
        }
        #expect(try await h.store.kandjiConnections(includeRemoved: true).isEmpty)
      }
    }
  }

  @Test("the web page names an unreachable URL as such, not as rejected credentials")
  func webPage() async throws {
    try await AppHarness.run { h in
      try await h.test { client in
        #expect(try await client.call(.post, "apps/kandji/install", as: h.admin).status == .ok)
        let (cookie, csrf) = try await WebUITests.signIn(client, "admin@example.com")
        func add(_ url: String, _ token: String) async throws -> String {
          let reply = try await client.call(
            .post, "/admin/apps/kandji/tenants", as: nil,
            headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")],
            form: "_csrf=\(csrf)&name=Acme&api_url=\(url)&api_token=\(token)")
          #expect(reply.status == .badRequest)
          return reply.text
        }
        let closed = try await add("http://127.0.0.1:1", h.simulator.fullAccessToken)
        #expect(closed.contains("Could not reach the Kandji API URL"))
        #expect(closed.contains("could not connect"))
        #expect(!closed.contains("did not accept these credentials"))
        let wrong = try await add(h.simulatorURL, "5f0c7a11-2b3c-4d5e-8f90-a1b2c3d4e5f6")
        #expect(wrong.contains("Kandji did not accept these credentials"))
      }
    }
  }
}
