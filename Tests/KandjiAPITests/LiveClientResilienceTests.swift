import AssetCore
import Testing

@testable import KandjiAPI
@testable import KandjiSimulator

@Suite("Rate limits, retries and failures over loopback HTTP", .timeLimit(.minutes(2)))
struct LiveClientResilienceTests {
  @Test func honoursRetryAfterOn429() async throws {
    try await SimulatorHarness.run(devices: 10) { h in
      h.simulator.inject(.status(429, retryAfter: 7), on: .list, times: 2)
      let client = try h.client()
      let page = try await client.devicePage(offset: 0, limit: 300)
      #expect(page.devices.count == 10)
      #expect(h.clock.sleeps == [.seconds(7), .seconds(7)])
      #expect(client.stats.rateLimited == 2)
      #expect(client.stats.retries == 2)
      #expect(client.stats.listRequests == 3)
    }
  }

  @Test func a429StormUnderKandjisOwnLimitsStillCompletes() async throws {
    try await SimulatorHarness.run(devices: 600, perSecond: 5) { h in
      let client = try h.client()
      let pages = try await client.allPages(pageSize: 10)
      #expect(pages.flatMap(\.devices).count == 600)
      #expect(client.stats.rateLimited > 0)
      #expect(client.stats.rateLimited == h.simulator.stats.rateLimited)
      #expect(h.clock.sleeps.allSatisfy { $0 == .seconds(1) })
    }
  }

  @Test func pacingAvoids429sAltogether() async throws {
    try await SimulatorHarness.run(devices: 600, perSecond: 5) { h in
      let client = try h.client(pacing: PacingPolicy(requestsPerSecond: 5, requestsPerHour: 10_000))
      let pages = try await client.allPages(pageSize: 10)
      #expect(pages.flatMap(\.devices).count == 600)
      #expect(client.stats.rateLimited == 0)
      #expect(h.simulator.stats.rateLimited == 0)
      // 61 requests at 5 per second take at least 12 seconds of (virtual) time.
      #expect(h.clock.elapsed() >= .seconds(12))
    }
  }

  @Test func hourlyLimitWaitsForTheNextWindow() async throws {
    try await SimulatorHarness.run(devices: 100, perHour: 5) { h in
      let client = try h.client()
      let pages = try await client.allPages(pageSize: 10)
      #expect(pages.flatMap(\.devices).count == 100)
      #expect(h.clock.elapsed() >= .seconds(3_600))
    }
  }

  @Test func tooLongRetryAfterEndsTheRequest() async throws {
    try await SimulatorHarness.run(devices: 5) { h in
      h.simulator.inject(.status(429, retryAfter: 7_200), on: .list)
      await #expect(throws: KandjiError.rateLimited(retryAfterSeconds: 7_200)) {
        try await h.client().devicePage(offset: 0, limit: 300)
      }
    }
  }

  @Test("a request someone waits on does not wait out a 429 and retries a 5xx once")
  func interactiveRequestsGiveUpQuickly() async throws {
    try await SimulatorHarness.run(devices: 5) { h in
      h.simulator.inject(.status(429, retryAfter: 1_800), on: .list)
      let client = try h.client(retry: .interactive)
      await #expect(throws: KandjiError.rateLimited(retryAfterSeconds: 1_800)) {
        try await client.devicePage(offset: 0, limit: 300)
      }
      #expect(h.clock.sleeps.isEmpty)
      #expect(client.stats.listRequests == 1)
      h.simulator.inject(.status(503), on: .list, times: 5)
      await #expect(throws: KandjiError.self) { try await client.devicePage(offset: 0, limit: 300) }
      #expect(client.stats.listRequests == 3, "one retry")
    }
  }

  @Test func recoversFrom5xxWithBackoff() async throws {
    try await SimulatorHarness.run(devices: 10) { h in
      h.simulator.inject(.status(500), on: .list)
      h.simulator.inject(.status(502), on: .list)
      h.simulator.inject(.status(503), on: .list)
      let client = try h.client()
      let page = try await client.devicePage(offset: 0, limit: 300)
      #expect(page.devices.count == 10)
      #expect(h.clock.sleeps == [.milliseconds(500), .seconds(1), .seconds(2)])
      #expect(client.stats.serverErrors == 3)
    }
  }

  @Test func givesUpOnPersistent5xx() async throws {
    try await SimulatorHarness.run(devices: 10) { h in
      h.simulator.inject(.status(500), on: .list, times: 10)
      let client = try h.client(retry: RetryPolicy(maxAttempts: 3, jitter: RetryPolicy.noJitter))
      await #expect(throws: KandjiError.server(status: 500, message: "A server error occurred.")) {
        try await client.devicePage(offset: 0, limit: 300)
      }
      #expect(client.stats.listRequests == 3)
    }
  }

  @Test func retriesATimeout() async throws {
    try await SimulatorHarness.run(devices: 10) { h in
      // A 30 s timeout against an answer 100 s late, on the shared virtual clock: the late answer
      // is a timeout, the retry (no delay) succeeds, and no real time passes. (The timeout also
      // bounds the real request: 30 s, so a loaded machine's slow loopback is never a timeout.)
      h.simulator.inject(.delay(.seconds(100)), on: .list)
      let client = try h.client(timeout: .seconds(30))
      let page = try await client.devicePage(offset: 0, limit: 300)
      #expect(page.devices.count == 10)
      #expect(client.stats.transportErrors == 1)
      #expect(client.stats.listRequests == 2)
      #expect(h.clock.answerDelays == .seconds(100))
      // An answer late by less than the timeout is taken.
      h.simulator.inject(.delay(.seconds(20)), on: .list)
      _ = try await client.devicePage(offset: 0, limit: 300)
      #expect(client.stats.transportErrors == 1)
      #expect(client.stats.listRequests == 3)
    }
  }

  @Test func retriesATruncatedBody() async throws {
    try await SimulatorHarness.run(devices: 50) { h in
      h.simulator.inject(.truncatedBody, on: .list)
      let client = try h.client()
      let page = try await client.devicePage(offset: 0, limit: 300)
      #expect(page.devices.count == 50)
      #expect(client.stats.transportErrors == 1)
    }
  }

  @Test func malformedBodyIsADecodingError() async throws {
    try await SimulatorHarness.run(devices: 5) { h in
      h.simulator.inject(.malformedBody, on: .list)
      do {
        _ = try await h.client().devicePage(offset: 0, limit: 300)
        Issue.record("a malformed body was accepted")
      } catch let error as KandjiError {
        guard case .decoding = error else {
          Issue.record("unexpected \(error)")
          return
        }
      }
    }
  }

  @Test func htmlNotFoundIsReadable() async throws {
    try await SimulatorHarness.run(devices: 5) { h in
      h.simulator.inject(.htmlNotFound, on: .details)
      let id = h.simulator.devices[0].deviceID
      await #expect(throws: KandjiError.notFound(path: "/api/v1/devices/\(id)/details", message: "Not Found")) {
        try await h.client().deviceDetails(id: id)
      }
    }
  }

  @Test func fourHundredsAreNeverRetried() async throws {
    try await SimulatorHarness.run(devices: 5) { h in
      let token = h.simulator.issueToken(permissions: [.deviceList])
      h.simulator.revokeToken(token)
      let client = try h.client(token: token)
      await #expect(throws: KandjiError.unauthorized(message: "Invalid token.")) {
        try await client.devicePage(offset: 0, limit: 300)
      }
      #expect(client.stats.requests == 1)
      #expect(h.clock.sleeps.isEmpty)
    }
  }

  @Test func unreachableHostIsATransportError() async throws {
    let client = LiveKandjiClient(
      configuration: KandjiClientConfiguration(
        baseURL: try KandjiBaseURL("http://127.0.0.1:1"), token: KandjiToken("t"), requestTimeout: .milliseconds(300),
        retry: RetryPolicy(maxAttempts: 2, jitter: RetryPolicy.noJitter), endpointPolicy: .allowCustomEndpoints),
      clock: ManualClock())
    do {
      _ = try await client.devicePage(offset: 0, limit: 1)
      Issue.record("a closed port answered")
    } catch let error as KandjiError {
      #expect(error.isRetryable)
      #expect(error.description.contains("Could not reach Kandji"))
    }
    #expect(client.stats.requests == 2)
  }
}
