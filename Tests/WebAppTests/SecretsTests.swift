import AssetCore
import AssetSyncApplication
import Foundation
import HTTPTypes
import HummingbirdTesting
import KandjiSimulator
import Testing
import WebApp

@Suite("Secrets never leave: Kandji tokens and auth codes")
struct SecretsTests {
  static let mapping = #"{"name_source":"device_name","display_id_source":"serial_number"}"#

  @Test func aFullFlowLeaksNoSecret() async throws {
    try await AppHarness.run(devices: 30) { h in
      let token = h.simulator.fullAccessToken
      let second = KandjiSimulator(
        configuration: SimulatorConfiguration(deviceCount: 5, seed: 77, requestsPerSecond: nil, requestsPerHour: nil),
        clock: h.clock)
      let secondToken = second.fullAccessToken
      var outputs: [String] = try await second.withRunningServer { secondURL in
        try await h.test { client in
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
          // A second connection: refused, added, synced, re-authorized, renamed, listed (R22).
          func tenantCall(_ method: HTTPRequest.Method, _ path: String, _ json: String? = nil) async throws -> String {
            try await client.call(method, path, as: h.admin, json: json).text
          }
          let refusedToken = "99999999-8888-4777-8666-555555555555"
          outputs.append(
            try await tenantCall(
              .post, "apps/kandji/tenants",
              #"{"name":"Second","api_url":"\#(secondURL)","api_token":"\#(refusedToken)"}"#))
          outputs.append(
            try await tenantCall(
              .post, "apps/kandji/tenants",
              #"{"name":"Second","api_url":"\#(secondURL)","api_token":"\#(secondToken)","name_source":"device_name","display_id_source":"device_id"}"#
            ))
          let secondID = try #require(try await h.store.kandjiConnections(includeRemoved: false).last?.id)
          outputs.append(try await tenantCall(.put, "apps/kandji/tenants/\(secondID)/mapping", Self.mapping))
          await h.services.coordinator.waitForAllRuns()
          outputs.append(
            try await tenantCall(
              .post, "apps/kandji/tenants/\(secondID)/authorize",
              #"{"api_url":"\#(secondURL)","api_token":"\#(secondToken)"}"#))
          outputs.append(try await tenantCall(.put, "apps/kandji/tenants/\(secondID)", #"{"name":"Second tenant"}"#))
          for path in [
            "apps/kandji/tenants", "apps/kandji/tenants/\(secondID)", "apps/kandji/tenants/\(secondID)/sync_runs",
          ] {
            outputs.append(try await tenantCall(.get, path))
          }
          return outputs
        }
      }
      let connections = try await h.store.kandjiConnections(includeRemoved: true)
      #expect(!connections.isEmpty)
      #expect(connections.count == 2)
      for connection in connections {
        #expect(connection.sealedToken != nil)
        #expect(connection.sealedToken?.contains(token) == false)
        #expect(connection.sealedToken?.contains(secondToken) == false)
      }
      outputs += h.logs.all
      outputs += try await h.store.syncRuns(connectionID: nil, limit: 10).compactMap(\.error)
      #expect(outputs.count > 10)
      for text in outputs {
        #expect(!text.contains(token), "the Kandji token leaked: \(text.prefix(200))")
        #expect(!text.contains(secondToken), "the second connection's token leaked: \(text.prefix(200))")
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
