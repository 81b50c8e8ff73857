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
  private let clock: any RequestClock
  private let pacer: RequestPacer
  private let logger: Logger
  private let onEvent: @Sendable (KandjiClientEvent) -> Void
  private let counters = Mutex(KandjiRequestStats())
  /// Set once the endpoint passed the policy check; until then no request carries the token.
  private let endpointCleared = Mutex(false)

  /// The HTTP client for Kandji calls: it never follows a redirect, so the token (sent in a
  /// header) cannot be led to another host, and a redirect reads as "not the Kandji API".
  public static let sharedHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .disallow
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
  }()

  /// - Parameters:
  ///   - httpClient: `sharedHTTPClient` by default (no redirects); the caller owns its lifecycle
  ///     otherwise.
  ///   - clock: real time by default; tests pass a `VirtualRequestClock`.
  ///   - ledger: where the connection's calls are counted across restarts and replicas (R24);
  ///     nil counts this client's calls only.
  ///   - onEvent: told about pacing waits, 429s and retries (for progress displays).
  public init(
    configuration: KandjiClientConfiguration, httpClient: HTTPClient = LiveKandjiClient.sharedHTTPClient,
    clock: any RequestClock = SystemRequestClock(), logger: Logger = Logger(label: "assetsync.kandji"),
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

  public func consoleURL(deviceID: String) -> String {
    configuration.baseURL.consoleURL(deviceID: deviceID)
  }

  public func devicePage(offset: Int, limit: Int) async throws -> DevicePage {
    let limit = min(max(1, limit), DevicePages.maxPageSize)
    let path = "/api/v1/devices?limit=\(limit)&offset=\(max(0, offset))&ordering=device_id"
    let response = try await send(path: path, kind: .list)
    if KandjiErrorBody.isHTML(response.body) {
      throw KandjiError.decoding(detail: "the device list answered with an HTML page, not JSON")
    }
    var page = try DevicePageDecoder.decode(response.body, offset: offset)
    page.totalCountHint = response.headers.first(name: "x-total-count").flatMap { Int($0) }
    return page
  }

  public func listedDevice(id: String) async throws -> KandjiDevice? {
    let encoded = id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-"])) ?? id
    let response = try await send(path: "/api/v1/devices?device_id=\(encoded)&limit=2", kind: .list)
    if KandjiErrorBody.isHTML(response.body) {
      throw KandjiError.decoding(detail: "the device list answered with an HTML page, not JSON")
    }
    // The filter is an exact match in Kandji's documentation; the id is checked anyway.
    return try DevicePageDecoder.decode(response.body, offset: 0).devices.first { $0.deviceID == id }
  }

  public func deviceDetails(id: String) async throws -> KandjiDeviceDetails {
    let encoded = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id
    let response = try await send(path: "/api/v1/devices/\(encoded)/details", kind: .details)
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
  func send(path: String, kind: RequestKind) async throws -> RawResponse {
    let policy = configuration.retry
    var failures = 0
    var rateLimitedAnswers = 0
    while true {
      try Task.checkCancellation()
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
        outcome = .success(try await execute(path: path))
      } catch let error as KandjiError {
        outcome = .failure(error)
      }

      switch outcome {
      case .failure(let error):
        guard error.isRetryable else { throw error }  // a refused endpoint stays refused
        record { $0.transportErrors += 1 }
        failures += 1
        guard failures < policy.maxAttempts else { throw error }
        try await wait(
          policy.jitter(policy.backoff(retry: failures)), event: { .retrying(reason: error.description, wait: $0) })
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
          try await wait(delay, event: { .rateLimited(wait: $0) })
        case 500..<600:
          record { $0.serverErrors += 1 }
          failures += 1
          let message = KandjiErrorBody.message(from: response.body)
          guard failures < policy.maxAttempts else {
            throw KandjiError.server(status: response.status, message: message)
          }
          try await wait(
            policy.jitter(policy.backoff(retry: failures)),
            event: { .retrying(reason: "HTTP \(response.status)", wait: $0) })
        default:
          throw Self.clientError(status: response.status, path: path, body: response.body)
        }
      }
    }
  }

  private func wait(_ duration: Duration, event: (Duration) -> KandjiClientEvent) async throws {
    onEvent(event(duration))
    record { $0.secondsWaited += duration.seconds }
    try await clock.sleep(for: duration)
  }

  private func execute(path: String) async throws -> RawResponse {
    try await clearEndpoint()
    var request = HTTPClientRequest(url: configuration.baseURL.url(path: path))
    request.method = .GET
    request.headers.add(name: "Authorization", value: "Bearer \(configuration.token.secret)")
    request.headers.add(name: "Accept", value: "application/json")
    request.headers.add(name: "User-Agent", value: configuration.userAgent)
    let timeout = TimeAmount.nanoseconds(Int64(configuration.requestTimeout.seconds * 1e9))
    do {
      let response = try await httpClient.execute(request, timeout: timeout)
      let buffer = try await response.body.collect(upTo: configuration.maxResponseBytes)
      return RawResponse(status: Int(response.status.code), headers: response.headers, body: Array(buffer: buffer))
    } catch {
      if error is CancellationError || Task.isCancelled { throw CancellationError() }
      throw Self.transportError(error, path: path)
    }
  }

  /// Applies the endpoint policy once per client, before the token leaves the process.
  private func clearEndpoint() async throws {
    guard !endpointCleared.withLock({ $0 }) else { return }
    if let problem = await configuration.endpointPolicy.problem(with: configuration.baseURL) {
      throw KandjiError.invalidBaseURL(problem)
    }
    endpointCleared.withLock { $0 = true }
  }

  private func observeRateLimitHeaders(_ headers: HTTPHeaders) async {
    guard let remaining = headers.first(name: "x-ratelimit-remaining-hour").flatMap({ Int($0) }) else { return }
    if remaining <= 0 { logger.notice("Kandji reports the hourly API budget spent; pausing until the hour turns") }
    await pacer.follow(remainingHour: remaining, at: clock.date())
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
    let cleanPath = String(path.prefix { $0 != "?" })
    if let error = error as? HTTPClientError {
      switch error {
      case .deadlineExceeded, .readTimeout, .writeTimeout: return .timeout(path: cleanPath)
      case .connectTimeout, .tlsHandshakeTimeout: return .transport(detail: "connection timed out")
      case .remoteConnectionClosed: return .transport(detail: "the connection was closed before a full answer")
      default: return .transport(detail: "\(error)")
      }
    }
    let text = String(describing: error)
    if text.localizedCaseInsensitiveContains("refused") { return .transport(detail: "connection refused") }
    if text.localizedCaseInsensitiveContains("resolv") || text.localizedCaseInsensitiveContains("getaddrinfo")
      || text.localizedCaseInsensitiveContains("lookup")
    {
      return .transport(detail: "the host name could not be resolved")
    }
    return .transport(detail: text)
  }
}

extension Duration {
  /// The duration in seconds as a `Double`.
  public var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
