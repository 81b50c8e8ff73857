/// A failure the simulator serves instead of (or before) a normal answer, for tests of the
/// client's resilience. Faults queue up and are used in order by matching requests.
public enum SimulatorFault: Sendable, Hashable {
  /// An answer with this status; 429 carries Kong's body and `Retry-After` when given.
  case status(Int, retryAfter: Int? = nil)
  /// A 404 with an HTML body, as the vendor's documentation shows.
  case htmlNotFound
  /// The normal answer, after a real delay (longer than the client's timeout to test it).
  case delay(Duration)
  /// The normal answer, held back until `KandjiSimulator.releaseHeldRequests()` (or the server
  /// stops): a request in flight for as long as a test needs, without waiting real time.
  case hold
  /// The normal answer cut off in the middle.
  case truncatedBody
  /// A 200 whose body is not JSON.
  case malformedBody
}

/// Which requests a fault applies to.
public enum SimulatorFaultTarget: String, Sendable, Hashable, Codable {
  case list, details, any
}

/// Counts of what the simulator served, for assertions and benchmarks.
public struct SimulatorStats: Sendable, Hashable, Codable {
  public var requests = 0
  public var listRequests = 0
  public var detailRequests = 0
  /// `GET /api/v1/blueprints` calls (also counted in `requests`).
  public var blueprintRequests = 0
  /// 429 answers from rate limiting or injected faults.
  public var rateLimited = 0
  /// 401 and 403 answers.
  public var denied = 0
  /// Answers replaced or altered by an injected fault.
  public var faultsServed = 0
  /// Largest `limit` asked for, to check clients stay within Kandji's cap.
  public var largestLimitRequested = 0

  public init() {}
}
