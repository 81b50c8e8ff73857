import AssetCore
import AsyncHTTPClient
import KandjiAPI
import KandjiSimulator

/// Runs a simulator over real loopback HTTP and hands a test a client for it. The client and
/// the simulator share one virtual clock, so `Retry-After`, backoff and pacing cost no real time.
struct SimulatorHarness {
  let simulator: KandjiSimulator
  let clock: ManualClock
  let baseURL: String

  func client(
    token: String? = nil, pacing: PacingPolicy = .unlimited,
    retry: RetryPolicy = RetryPolicy(jitter: RetryPolicy.noJitter), timeout: Duration = .seconds(10)
  ) throws -> LiveKandjiClient {
    LiveKandjiClient(
      configuration: KandjiClientConfiguration(
        baseURL: try KandjiBaseURL(baseURL), token: KandjiToken(token ?? simulator.fullAccessToken),
        requestTimeout: timeout, pacing: pacing, retry: retry, endpointPolicy: .allowCustomEndpoints),
      clock: clock)
  }

  /// A simulator with `devices` devices and no rate limits unless given.
  @discardableResult
  static func run<T: Sendable>(
    devices: Int = 40, perSecond: Int? = nil, perHour: Int? = nil,
    _ body: @Sendable (SimulatorHarness) async throws -> T
  ) async throws -> T {
    let clock = ManualClock()
    let simulator = KandjiSimulator(
      configuration: SimulatorConfiguration(
        deviceCount: devices, requestsPerSecond: perSecond, requestsPerHour: perHour),
      clock: clock)
    return try await simulator.withRunningServer { url in
      try await body(SimulatorHarness(simulator: simulator, clock: clock, baseURL: url))
    }
  }
}

extension LiveKandjiClient {
  /// Every page of the listing, collected (tests only: production code streams).
  func allPages(pageSize: Int = 300) async throws -> [DevicePage] {
    var pages: [DevicePage] = []
    for try await page in devicePages(pageSize: pageSize) { pages.append(page) }
    return pages
  }
}
