import AssetCore
import Testing

@testable import KandjiAPI

@Suite("Pacing and retry policy (R14)")
struct PacingAndRetryTests {
  @Test func backoffDoublesUpToTheCap() {
    let policy = RetryPolicy(initialBackoff: .milliseconds(500), maxBackoff: .seconds(5))
    #expect(
      (1...6).map(policy.backoff(retry:)) == [
        .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5),
      ])
  }

  @Test func equalJitterStaysWithinHalfAndWhole() {
    for _ in 0..<200 {
      let d = RetryPolicy.equalJitter(.seconds(4))
      #expect(d >= .seconds(2) && d <= .seconds(4))
    }
  }

  @Test func rateLimitWaitHonoursRetryAfter() {
    let policy = RetryPolicy()
    #expect(policy.rateLimitWait(retryAfterSeconds: 30, retry: 1) == .seconds(30))
    #expect(policy.rateLimitWait(retryAfterSeconds: nil, retry: 1) == .seconds(1))
    #expect(policy.rateLimitWait(retryAfterSeconds: nil, retry: 5) == .seconds(8))
  }

  @Test func pacerKeepsEverySecondUnderTheLimit() async throws {
    let clock = ManualClock()
    let pacer = RequestPacer(policy: PacingPolicy(requestsPerSecond: 10, requestsPerHour: 1_000), clock: clock)
    var stamps: [Duration] = []
    for _ in 0..<95 {
      try await pacer.acquire()
      stamps.append(clock.elapsed())
    }
    // Any one-second window holds at most 10 requests.
    for (index, stamp) in stamps.enumerated() where index >= 10 {
      #expect(stamp - stamps[index - 10] >= .seconds(1))
    }
    #expect(clock.elapsed() >= .seconds(9))
  }

  @Test func pacerKeepsTheHourlyBudget() async throws {
    let clock = ManualClock()
    let pacer = RequestPacer(policy: PacingPolicy(requestsPerSecond: 1_000, requestsPerHour: 100), clock: clock)
    for _ in 0..<250 { try await pacer.acquire() }
    // 250 requests at 100/hour need two full hours of waiting.
    #expect(clock.elapsed() >= .seconds(7_200))
    #expect(clock.elapsed() < .seconds(7_300))
  }

  @Test func kandjiSayingTheHourIsSpentHoldsEveryoneUntilTheHourTurns() async throws {
    let clock = ManualClock()
    clock.advance(by: .seconds(600))  // 10 minutes into a clock hour
    let pacer = RequestPacer(policy: PacingPolicy(), clock: clock)
    await pacer.follow(remainingHour: 0, at: clock.now())
    let waited = try await pacer.acquire()
    #expect(waited == .seconds(3_000))
  }

  @Test func retryAfterHeaderParsing() {
    #expect(LiveKandjiClient.retryAfterSeconds(["Retry-After": "7"]) == 7)
    #expect(LiveKandjiClient.retryAfterSeconds(["Retry-After": "1.2"]) == 2)
    #expect(LiveKandjiClient.retryAfterSeconds(["Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"]) == nil)
    #expect(LiveKandjiClient.retryAfterSeconds([:]) == nil)
  }

  @Test func tokenNeverPrints() {
    let token = KandjiToken("0b5c1a77-9a2b-4a51-8f0e-2b1d9c3e4f50")
    #expect("\(token)" == "<redacted>")
    #expect(String(reflecting: token) == "KandjiToken(<redacted>)")
    var dumped = ""
    dump(token, to: &dumped)
    #expect(!dumped.contains("0b5c1a77"))
  }
}
