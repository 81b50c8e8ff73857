import AssetCore

/// A request as the simulator sees it, independent of the HTTP server.
public struct SimulatorRequest: Sendable {
  public var method: String
  public var path: String
  public var query: [String: String]
  /// The `Authorization` header.
  public var authorization: String?
  /// The host the client addressed (`host:port`), for the absolute `next` links of DRF pages.
  public var host: String?

  public init(
    method: String = "GET", path: String, query: [String: String] = [:], authorization: String? = nil,
    host: String? = nil
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.authorization = authorization
    self.host = host
  }
}

/// The simulator's answer, before the HTTP server writes it.
public struct SimulatorResponse: Sendable {
  public var status: Int
  public var headers: [(String, String)]
  public var body: String
  /// Real time to wait before answering.
  public var delay: Duration = .zero
  /// Send only the first half of the body, then close the connection.
  public var truncated = false
  /// Answer only once the test releases held requests (`SimulatorFault.hold`).
  public var held = false

  public init(status: Int, headers: [(String, String)] = [], body: String) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  static func json(_ status: Int, _ value: JSONValue) -> SimulatorResponse {
    SimulatorResponse(status: status, headers: [("Content-Type", "application/json")], body: value.serialized())
  }

  static func detail(_ status: Int, _ message: String) -> SimulatorResponse {
    json(status, .object([("detail", .string(message))]))
  }

  static let htmlNotFound = SimulatorResponse(
    status: 404, headers: [("Content-Type", "text/html")],
    body:
      "<!doctype html><html lang=\"en\"><head><title>Not Found</title></head><body><h1>Not Found</h1><p>The requested resource was not found on this server.</p></body></html>"
  )
}
