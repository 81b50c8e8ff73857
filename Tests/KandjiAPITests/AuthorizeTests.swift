import AssetCore
import Testing

@testable import KandjiAPI
@testable import KandjiSimulator

@Suite("authorize(): a diagnosis an admin can act on (R3)")
struct AuthorizeTests {
  @Test func fullTokenIsAuthorized() async throws {
    try await SimulatorHarness.run(devices: 3) { h in
      let diagnosis = try await h.client().authorize()
      #expect(diagnosis == .authorized)
    }
  }

  @Test func emptyTenantIsStillAuthorized() async throws {
    try await SimulatorHarness.run(devices: 0) { h in
      let diagnosis = try await h.client().authorize()
      #expect(diagnosis == .authorized)
    }
  }

  @Test("a missing permission is named, whether Kandji says 403 or 401", arguments: [403, 401])
  func missingPermissions(status: Int) async throws {
    try await SimulatorHarness.run(devices: 3) { h in
      let listOnly = h.simulator.issueToken(permissions: [.deviceList], missingPermissionStatus: status)
      let detailsOnly = h.simulator.issueToken(permissions: [.deviceDetails], missingPermissionStatus: status)
      let diagnosisListOnly = try await h.client(token: listOnly).authorize()
      #expect(diagnosisListOnly == .missingPermissions([.deviceDetails]))
      #expect(diagnosisListOnly.message.contains("\"Device details\""))
      let diagnosisDetailsOnly = try await h.client(token: detailsOnly).authorize()
      #expect(diagnosisDetailsOnly == .missingPermissions([.deviceList]))
    }
  }

  @Test func tokenWithNoDevicePermissionAt403() async throws {
    try await SimulatorHarness.run(devices: 3) { h in
      let none = h.simulator.issueToken(permissions: [])
      let diagnosis = try await h.client(token: none).authorize()
      #expect(diagnosis == .missingPermissions([.deviceList, .deviceDetails]))
    }
  }

  @Test func revokedTokenIsInvalid() async throws {
    try await SimulatorHarness.run(devices: 3) { h in
      let token = h.simulator.issueToken(permissions: [.deviceList, .deviceDetails])
      h.simulator.revokeToken(token)
      let diagnosis = try await h.client(token: token).authorize()
      #expect(diagnosis == .invalidToken(hint: nil))
      #expect(diagnosis.code == "invalid_token")
      let garbled = try await h.client(token: "abc").authorize()
      #expect(garbled.message.contains("8-4-4-4-12"))
    }
  }

  @Test func unreachableHost() async throws {
    let client = LiveKandjiClient(
      configuration: KandjiClientConfiguration(
        baseURL: try KandjiBaseURL("http://127.0.0.1:1"), token: KandjiToken("t"), requestTimeout: .milliseconds(300),
        retry: RetryPolicy(maxAttempts: 1), endpointPolicy: .allowCustomEndpoints),
      clock: ManualClock())
    let diagnosis = await client.authorize()
    #expect(diagnosis.code == "unreachable_host")
  }

  @Test func somethingElseAnswering() async throws {
    try await SimulatorHarness.run(devices: 3) { h in
      h.simulator.inject(.htmlNotFound, on: .list)
      let diagnosis = try await h.client().authorize()
      #expect(diagnosis.code == "not_kandji_api")
      h.simulator.inject(.htmlNotFound, on: .list)
      let wrongPath = LiveKandjiClient(
        configuration: KandjiClientConfiguration(
          baseURL: try KandjiBaseURL(h.baseURL + "/somewhere"), token: KandjiToken(h.simulator.fullAccessToken),
          endpointPolicy: .allowCustomEndpoints),
        clock: h.clock)
      #expect(await wrongPath.authorize().code == "not_kandji_api")
    }
  }

  @Test func kandjiDownIsNotBlamedOnTheCredentials() async throws {
    try await SimulatorHarness.run(devices: 3) { h in
      h.simulator.inject(.status(503), on: .list, times: 10)
      let client = try h.client(retry: RetryPolicy(maxAttempts: 2, jitter: RetryPolicy.noJitter))
      #expect(await client.authorize().code == "kandji_unavailable")
    }
  }

  @Test func theTokenAppearsInNoErrorOrDiagnosis() async throws {
    try await SimulatorHarness.run(devices: 3) { h in
      let secret = "5f0c7a11-2b3c-4d5e-8f90-a1b2c3d4e5f6"
      let client = try h.client(token: secret)
      var texts: [String] = [await client.authorize().message, "\(client.configuration)"]
      do { _ = try await client.devicePage(offset: 0, limit: 1) } catch { texts.append("\(error)") }
      do { _ = try await client.deviceDetails(id: "x") } catch { texts.append("\(error)") }
      for text in texts { #expect(!text.contains(secret)) }
    }
  }

  // Issue 17 item 5: a mistyped URL is not blamed on the credentials, and the check ends in 10 s.
  static func interactiveClient(_ url: String, token: String, clock: ManualClock = ManualClock())
    throws -> LiveKandjiClient
  {
    LiveKandjiClient(
      configuration: KandjiClientConfiguration(
        baseURL: try KandjiBaseURL(url), token: KandjiToken(token), requestTimeout: .seconds(10),
        pacing: PacingPolicy().interactive, retry: RetryPolicy(maxAttempts: 2, jitter: RetryPolicy.noJitter),
        endpointPolicy: .allowCustomEndpoints),
      clock: clock)
  }

  @Test("over loopback, each failure has its own diagnosis: closed port, TLS, not Kandji, wrong token, permission")
  func eachFailureHasItsOwnDiagnosis() async throws {
    let plain = try PlainHTTPServer()
    defer { plain.stop() }
    let token = "5f0c7a11-2b3c-4d5e-8f90-a1b2c3d4e5f6"
    let closed = try await Self.interactiveClient("http://127.0.0.1:1", token: token).authorize()
    #expect(closed.code == "unreachable_host")
    #expect(closed.message.contains("could not connect"))
    let tls = try await Self.interactiveClient("https://127.0.0.1:\(plain.port)", token: token).authorize()
    #expect(tls == .tlsFailure)
    #expect(tls.code == "tls_failure")
    let notKandji = try await Self.interactiveClient(plain.url, token: token).authorize()
    #expect(notKandji.code == "not_kandji_api")
    #expect(!notKandji.message.contains("Intranet wiki"))
    // The 10 s deadline itself is checked on the virtual clock (`endsWithinTenSeconds`,
    // AuthorizeDeadlineTests): wall time on a loaded machine says nothing.
    try await SimulatorHarness.run(devices: 3) { h in
      let wrong = try await Self.interactiveClient(h.baseURL, token: token, clock: h.clock).authorize()
      #expect(wrong.code == "invalid_token")
      let listOnly = h.simulator.issueToken(permissions: [.deviceList])
      let missing = try await Self.interactiveClient(h.baseURL, token: listOnly, clock: h.clock).authorize()
      #expect(missing == .missingPermissions([.deviceDetails]))
      let codes = Set([closed, tls, notKandji, wrong, missing].map(\.code))
      #expect(codes.count == 5)
      for diagnosis in [closed, tls, notKandji] { #expect(!diagnosis.headline.contains("credentials")) }
      for diagnosis in [wrong, missing] { #expect(diagnosis.headline.contains("did not accept these credentials")) }
    }
  }

  @Test("a host that does not resolve is unreachable, not wrong credentials (and nothing is sent)")
  func unresolvableHost() async throws {
    let client = LiveKandjiClient(
      configuration: KandjiClientConfiguration(
        baseURL: try KandjiBaseURL("acme.api.kandji.io"), token: KandjiToken("t"),
        retry: RetryPolicy(maxAttempts: 2, jitter: RetryPolicy.noJitter), resolve: { _ in [] }),
      clock: ManualClock())
    let diagnosis = await client.authorize()
    #expect(diagnosis == .unreachableHost(detail: "could not resolve the host"))
  }

  @Test("the whole check ends within 10 s on the client's clock, retries and waits included")
  func endsWithinTenSeconds() async throws {
    try await SimulatorHarness.run(devices: 3) { h in
      h.simulator.inject(.status(503), on: .list, times: 50)
      let client = try h.client(
        retry: RetryPolicy(
          maxAttempts: 50, initialBackoff: .seconds(1), maxBackoff: .seconds(4), jitter: RetryPolicy.noJitter))
      let diagnosis = await client.authorize()
      #expect(diagnosis.code == "kandji_unavailable")
      #expect(h.clock.elapsed() < LiveKandjiClient.authorizationTimeout)
      #expect(h.clock.totalSlept == .seconds(1 + 2 + 4))  // the next 4 s wait would pass 10 s
    }
  }
}
