import AssetCore
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// The Kandji client over AsyncHTTPClient: paced, retrying, counting every request (R14).
public final class LiveKandjiClient: KandjiClient {
  public let configuration: KandjiClientConfiguration
  private let httpClient: HTTPClient
  private let clock: any WallClock
  private let pacer: RequestPacer
  private let logger: Logger
  private let onEvent: @Sendable (KandjiClientEvent) -> Void
  private let counters = Mutex(KandjiRequestStats())
  /// The endpoint once it passed the policy check (its checked addresses, the one in use, and
  /// when); until then no request carries the token.
  private let checkedEndpoint = Mutex<CheckedEndpoint?>(nil)
  /// How long a checked address is used before the host is resolved and checked again: Kandji's
  /// addresses change, and a sync may run for hours.
  static let recheckInterval: Duration = .seconds(300)
  /// The deadline (on `clock.elapsed()`) of an interactive check such as `authorize()`: every wait
  /// and request ends by then.
  @TaskLocal static var deadline: Duration?

  /// The HTTP client for Kandji calls: it never follows a redirect, so the token (sent in a
  /// header) cannot be led to another host, and a redirect reads as "not the Kandji API".
  public static let sharedHTTPClient: HTTPClient = HTTPClient(
    eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)

  /// No redirects; a failed connection fails the request at once instead of being retried inside
  /// AsyncHTTPClient until the deadline: `RetryPolicy` retries it (and counts it), and an admin
  /// checking a mistyped URL hears "could not connect" in a second, not after 10.
  static var httpConfiguration: HTTPClient.Configuration {
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .disallow
    configuration.connectionPool.retryConnectionEstablishment = false
    return configuration
  }

  /// - Parameters:
  ///   - httpClient: `sharedHTTPClient` by default (no redirects); the caller owns its lifecycle
  ///     otherwise.
  ///   - clock: real time by default; tests pass a `ManualClock`.
  ///   - ledger: where the connection's calls are counted across restarts and replicas (R24);
  ///     nil counts this client's calls only.
  ///   - onEvent: told about pacing waits, 429s and retries (for progress displays).
  public init(
    configuration: KandjiClientConfiguration, httpClient: HTTPClient = LiveKandjiClient.sharedHTTPClient,
    clock: any WallClock = SystemClock(), logger: Logger = Logger(label: "assetsync.kandji"),
    ledger: (any KandjiCallLedger)? = nil, onEvent: @escaping @Sendable (KandjiClientEvent) -> Void = { _ in }
  ) {
    self.configuration = configuration
    self.httpClient = httpClient
    self.clock = clock
    self.pacer = RequestPacer(policy: configuration.pacing, clock: clock, ledger: ledger) { until, reason in
      onEvent(.waitingForBudget(until: until, reason: reason))
    }
    self.logger = logger
    self.onEvent = onEvent
  }

  public var stats: KandjiRequestStats { counters.withLock { $0 } }

  /// The client's clock, for deadlines set in its extensions.
  func clockNow() -> Duration { clock.elapsed() }

  public func consoleURL(deviceID: String) -> String {
    configuration.baseURL.consoleURL(deviceID: deviceID)
  }

  public func devicePage(offset: Int, limit: Int) async throws -> DevicePage {
    try await devicePage(offset: offset, limit: limit, blueprintID: nil)
  }

  public func devicePage(offset: Int, limit: Int, blueprintID: String?) async throws -> DevicePage {
    let limit = min(max(1, limit), DevicePages.maxPageSize)
    var query = [("limit", "\(limit)"), ("offset", "\(max(0, offset))"), ("ordering", "device_id")]
    if let blueprintID { query.append(("blueprint_id", blueprintID)) }
    let response = try await send(path: "/api/v1/devices", query: query, kind: .list)
    if KandjiErrorBody.isHTML(response.body) {
      throw KandjiError.decoding(detail: "the device list answered with an HTML page, not JSON")
    }
    var page = try DevicePageDecoder.decode(response.body, offset: offset)
    page.totalCountHint = response.headers.first(name: "x-total-count").flatMap { Int($0) }
    return page
  }

  public func listedDevice(id: String) async throws -> KandjiDevice? {
    let response = try await send(path: "/api/v1/devices", query: [("device_id", id), ("limit", "2")], kind: .list)
    if KandjiErrorBody.isHTML(response.body) {
      throw KandjiError.decoding(detail: "the device list answered with an HTML page, not JSON")
    }
    // The filter is an exact match in Kandji's documentation; the id is checked anyway.
    let page = try DevicePageDecoder.decode(response.body, offset: 0)
    if let device = page.devices.first(where: { $0.deviceID == id }) { return device }
    // Listed but unreadable is not "no longer listed": a caller deciding on retirement must not
    // take it for absence.
    if page.failures.contains(where: { $0.deviceID == id || $0.deviceID == nil }) {
      throw KandjiError.decoding(detail: "device \(id) is listed but its record could not be read")
    }
    // Other devices and not this one: the filter was not applied (a proxy, another API version).
    // Taking that for "no longer listed" would retire every device looked up this way.
    if page.recordCount > 0 {
      throw KandjiError.decoding(detail: "the device list ignored the device_id filter; device \(id) is unconfirmed")
    }
    return nil
  }

  public func deviceDetails(id: String) async throws -> KandjiDeviceDetails {
    let response = try await send(
      path: "/api/v1/devices/\(KandjiBaseURL.pathSegment(id))/details", kind: .details)
    do {
      return try JSONDecoder().decode(KandjiDeviceDetails.self, from: Data(response.body))
    } catch {
      throw KandjiError.decoding(detail: "details of device \(id): \(DecodingErrorText.describe(error))")
    }
  }

  enum RequestKind { case list, details }

  struct RawResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
  }

  /// Sends one GET, waiting for the pacer first and retrying as `RetryPolicy` says. Returns only
  /// 2xx answers; everything else becomes a `KandjiError`.
  func send(path: String, query: [(String, String)] = [], kind: RequestKind) async throws -> RawResponse {
    let policy = configuration.retry
    var failures = 0
    var rateLimitedAnswers = 0
    while true {
      try Task.checkCancellation()
      try checkDeadline(path: path)
      let paced = try await pacer.acquire()
      if paced > .zero {
        record { $0.secondsWaited += paced.seconds }
        onEvent(.paced(waited: paced))
      }
      record {
        $0.requests += 1
        if kind == .list { $0.listRequests += 1 } else { $0.detailRequests += 1 }
        if failures + rateLimitedAnswers > 0 { $0.retries += 1 }
      }
      let outcome: Result<RawResponse, KandjiError>
      do {
        outcome = .success(try await execute(path: path, query: query))
      } catch let error as KandjiError {
        outcome = .failure(error)
      }

      switch outcome {
      case .failure(let error):
        guard error.isRetryable else { throw error }  // a refused endpoint stays refused
        // An interactive check whose lookup found nothing would look up again in vain, and the
        // lookup may have taken seconds of its deadline already: the host is resolved once.
        if Self.deadline != nil, error == .transport(.unresolvable) { throw error }
        record { $0.transportErrors += 1 }
        failures += 1
        guard failures < policy.maxAttempts else { throw error }
        try await wait(
          policy.jitter(policy.backoff(retry: failures)), orFail: error,
          event: { .retrying(reason: error.description, wait: $0) })
      case .success(let response):
        await observeRateLimitHeaders(response.headers)
        switch response.status {
        case 200..<300:
          return response
        case 429:
          record { $0.rateLimited += 1 }
          rateLimitedAnswers += 1
          let retryAfter = Self.retryAfterSeconds(response.headers)
          let delay = policy.rateLimitWait(retryAfterSeconds: retryAfter, retry: rateLimitedAnswers)
          guard rateLimitedAnswers < policy.maxRateLimitedAttempts, delay <= policy.maxRetryAfter else {
            throw KandjiError.rateLimited(retryAfterSeconds: retryAfter)
          }
          try await wait(
            delay, orFail: KandjiError.rateLimited(retryAfterSeconds: retryAfter), event: { .rateLimited(wait: $0) })
        case 500..<600:
          record { $0.serverErrors += 1 }
          failures += 1
          let message = KandjiErrorBody.message(from: response.body)
          guard failures < policy.maxAttempts else {
            throw KandjiError.server(status: response.status, message: message)
          }
          try await wait(
            policy.jitter(policy.backoff(retry: failures)),
            orFail: KandjiError.server(status: response.status, message: message),
            event: { .retrying(reason: "HTTP \(response.status)", wait: $0) })
        default:
          throw Self.clientError(status: response.status, path: path, body: response.body)
        }
      }
    }
  }

  /// Waits before a retry, or throws `failure` (the last answer) when an interactive check's
  /// deadline would pass before the wait ends: such a wait could not lead to an answer in time.
  private func wait(_ duration: Duration, orFail failure: KandjiError, event: (Duration) -> KandjiClientEvent)
    async throws
  {
    if let deadline = Self.deadline, clock.elapsed() + duration >= deadline { throw failure }
    onEvent(event(duration))
    record { $0.secondsWaited += duration.seconds }
    try await clock.sleep(for: duration)
  }

  /// Throws `.transport(.timedOut)` when an interactive check's deadline has passed.
  private func checkDeadline(path: String) throws {
    if let deadline = Self.deadline, clock.elapsed() >= deadline { throw KandjiError.transport(.timedOut) }
  }

  private func execute(path: String, query: [(String, String)]) async throws -> RawResponse {
    let (httpClient, address) = try await clearedHTTPClient()
    var request = HTTPClientRequest(url: configuration.baseURL.url(path: path, query: query))
    request.method = .GET
    request.headers.add(name: "Authorization", value: "Bearer \(configuration.token.secret)")
    request.headers.add(name: "Accept", value: "application/json")
    request.headers.add(name: "User-Agent", value: configuration.userAgent)
    var limit = configuration.requestTimeout
    if let deadline = Self.deadline { limit = min(limit, deadline - clock.elapsed()) }
    guard limit > .zero else { throw KandjiError.transport(.timedOut) }
    let timeout = TimeAmount.nanoseconds(Int64(limit.seconds * 1e9))
    let answerDelaysBefore = clock.answerDelays
    do {
      let response = try await httpClient.execute(request, timeout: timeout)
      let buffer = try await response.body.collect(upTo: configuration.maxResponseBytes)
      // A virtual clock's answer delay passes no real time, so the deadline above cannot see it;
      // the clock's count of such delays can (it stays zero on a real clock).
      if clock.answerDelays - answerDelaysBefore > limit { throw HTTPClientError.deadlineExceeded }
      return RawResponse(status: Int(response.status.code), headers: response.headers, body: Array(buffer: buffer))
    } catch {
      if error is CancellationError || Task.isCancelled { throw CancellationError() }
      let failure = Self.transportError(error, path: path)
      if [.transport(.connectionFailed), .transport(.timedOut)].contains(failure) {
        // The next attempt connects to the host's next checked address, or looks it up again.
        checkedEndpoint.withLock { $0 = $0?.afterConnectionFailure(to: address) }
      }
      throw failure
    }
  }

  /// Applies the endpoint policy before the token leaves the process, and again every
  /// `recheckInterval` or once every checked address failed to connect: resolves the host once,
  /// checks every address, and returns the client that connects to the address in use
  /// (`PinnedHTTPClients`), with that address. Under `.allowCustomEndpoints` the given client
  /// connects with the system resolver. The lookup counts against the request's time limit and
  /// an interactive check's deadline (`HostResolver.timeLimit`).
  private func clearedHTTPClient() async throws -> (client: HTTPClient, address: IPAddress?) {
    let now = clock.elapsed()
    if let checked = checkedEndpoint.withLock({ $0 }), checked.isFresh(at: now, recheckAfter: Self.recheckInterval) {
      return (client(for: checked), checked.address)
    }
    var limit = configuration.requestTimeout
    if let deadline = Self.deadline { limit = min(limit, deadline - now) }
    guard limit > .zero else { throw KandjiError.transport(.timedOut) }
    let url = configuration.baseURL
    let (policy, resolve) = (configuration.endpointPolicy, configuration.resolve)
    let answerDelaysBefore = clock.answerDelays
    let addresses = try await HostResolver.$timeLimit.withValue(limit) {
      try await policy.check(url, resolve: resolve)
    }
    // A lookup held up on a virtual clock passes no real time; its answer delay shows it.
    if clock.answerDelays - answerDelaysBefore >= limit { throw KandjiError.transport(.timedOut) }
    try checkDeadline(path: "")
    let checked = CheckedEndpoint(addresses: addresses ?? [], checkedAt: now)
    checkedEndpoint.withLock { $0 = checked }
    return (client(for: checked), checked.address)
  }

  /// The HTTP client that connects to `checked`'s address in use, or the given one.
  private func client(for checked: CheckedEndpoint) -> HTTPClient {
    guard let address = checked.address else { return httpClient }
    return PinnedHTTPClients.shared.client(host: configuration.baseURL.host, address: address)
  }

  /// The check in use, for tests.
  var checkedEndpointForTesting: CheckedEndpoint? { checkedEndpoint.withLock { $0 } }

  private func observeRateLimitHeaders(_ headers: HTTPHeaders) async {
    guard let remaining = headers.first(name: "x-ratelimit-remaining-hour").flatMap({ Int($0) }) else { return }
    if remaining <= 0 { logger.notice("Kandji reports the hourly API budget spent; pausing until the hour turns") }
    await pacer.follow(remainingHour: remaining, at: clock.now())
  }

  private func record(_ change: (inout KandjiRequestStats) -> Void) {
    counters.withLock { change(&$0) }
  }

  static func retryAfterSeconds(_ headers: HTTPHeaders) -> Int? {
    guard let value = headers.first(name: "retry-after")?.trimmingCharacters(in: .whitespaces) else { return nil }
    if let seconds = Int(value) { return max(0, seconds) }
    if let seconds = Double(value) { return max(0, Int(seconds.rounded(.up))) }
    return nil
  }

  static func clientError(status: Int, path: String, body: [UInt8]) -> KandjiError {
    let message = KandjiErrorBody.message(from: body)
    switch status {
    case 401: return .unauthorized(message: message)
    case 403: return .forbidden(message: message)
    case 404: return .notFound(path: String(path.prefix { $0 != "?" }), message: message)
    default: return .unexpectedStatus(status: status, message: message)
    }
  }

  static func transportError(_ error: any Error, path: String) -> KandjiError {
    if let error = error as? KandjiError { return error }
    if let error = error as? HTTPClientError, [.deadlineExceeded, .readTimeout, .writeTimeout].contains(error) {
      return .timeout(path: path)
    }
    return .transport(transportFailure(error))
  }

  /// One of the fixed phrases for an error of AsyncHTTPClient, SwiftNIO or NIOSSL. Types from
  /// NIOPosix and NIOSSL are recognised by name and shape (this module does not link them
  /// directly); whatever is not recognised is "could not connect".
  static func transportFailure(_ error: any Error) -> TransportFailure {
    if let error = error as? HTTPClientError {
      switch error {
      case .connectTimeout, .tlsHandshakeTimeout, .deadlineExceeded, .readTimeout, .writeTimeout: return .timedOut
      case .remoteConnectionClosed: return .connectionClosed
      default: break
      }
    }
    let typeName = String(reflecting: type(of: error))
    if typeName.contains("NIOSSL") || typeName.contains("BoringSSL") { return .tlsFailed }
    if typeName.hasSuffix("NIOConnectionError") {
      // Connection attempts are listed only when DNS found an address to try.
      let attempts = Mirror(reflecting: error).children.first { $0.label == "connectionErrors" }?.value
      if let attempts = attempts as? any Collection, attempts.isEmpty { return .unresolvable }
      return .connectionFailed
    }
    if typeName.contains("SocketAddressError") { return .unresolvable }
    return .connectionFailed
  }
}

extension Duration {
  /// The duration in seconds as a `Double`.
  public var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
