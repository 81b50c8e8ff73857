import AssetCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import WebApp

@Suite("Secrets never leave: Kandji token and auth codes")
struct SecretsTests {
  @Test func aFullFlowLeaksNoSecret() async throws {
    try await AppHarness.run(devices: 30) { h in
      let token = h.simulator.fullAccessToken
      var outputs: [String] = try await h.test { client in
        var outputs: [String] = []
        outputs.append(try await client.call(.post, "apps/kandji/install", as: h.admin).text)
        // A failed authorize first (its error paths must not echo the token either).
        let wrong = "0f0e0d0c-0b0a-4909-8807-060504030201"
        outputs.append(
          try await client.call(
            .post, "apps/kandji/authorize", as: h.admin,
            json: #"{"api_url":"\#(h.simulatorURL)","api_token":"\#(wrong)"}"#
          ).text)
        outputs.append(
          try await client.call(
            .post, "apps/kandji/authorize", as: h.admin,
            json: #"{"api_url":"\#(h.simulatorURL)","api_token":"\#(token)"}"#
          ).text)
        outputs.append(
          try await client.call(
            .put, "apps/kandji/mapping", as: h.admin,
            json: #"{"name_source":"device_name","display_id_source":"serial_number"}"#
          ).text)
        await h.services.coordinator.waitForCurrentRun()
        h.simulator.revokeToken(token)
        outputs.append(try await client.call(.post, "apps/kandji/sync", as: h.admin).text)
        let failed = await h.services.coordinator.waitForCurrentRun()
        #expect(failed?.status == .failed)
        for path in [
          "apps/kandji", "apps/kandji/sync_runs", "apps/kandji/sync_runs/1", "apps/kandji/sync_runs/2/report.csv",
          "/metrics", "asset_types",
        ] {
          outputs.append(try await client.call(.get, path, as: h.admin).text)
        }
        outputs.append(
          try await client.call(
            .get, "asset_types", as: AppHarness.Credentials(agent: h.agent.agent, key: h.agent.key, code: "nope")
          ).text)
        return outputs
      }
      let connections = try await h.store.kandjiConnections(includeRemoved: true)
      #expect(!connections.isEmpty)
      for connection in connections {
        #expect(connection.sealedToken != nil)
        #expect(connection.sealedToken?.contains(token) == false)
      }
      outputs += h.logs.all
      outputs += try await h.store.syncRuns(connectionID: nil, limit: 10).compactMap(\.error)
      #expect(outputs.count > 10)
      for text in outputs {
        #expect(!text.contains(token), "the Kandji token leaked: \(text.prefix(200))")
        #expect(!text.contains(h.admin.code), "an auth code leaked")
        #expect(!text.contains(h.agent.code), "an auth code leaked")
      }
    }
  }

  @Test func storedTokenHashesAreSHA256Hex() {
    #expect(SecretTokens.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SecretTokens.matches("abc", hash: SecretTokens.hash("abc")))
    #expect(!SecretTokens.matches("abd", hash: SecretTokens.hash("abc")))
  }
}
