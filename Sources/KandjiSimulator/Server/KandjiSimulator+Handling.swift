import AssetCore
import KandjiAPI

extension KandjiSimulator {
  /// Answers one request the way a Kandji tenant behind Kong would: rate limits first (Kong),
  /// then injected faults, then the token and its permissions (Django), then the endpoint.
  public func respond(to request: SimulatorRequest) -> SimulatorResponse {
    let now = Duration.seconds(clock.now().timeIntervalSince1970)
    let route = Route(path: request.path)
    return state.withLock { s in
      s.stats.requests += 1
      if case .list = route { s.stats.listRequests += 1 }
      if case .details = route { s.stats.detailRequests += 1 }
      if case .blueprints = route { s.stats.blueprintRequests += 1 }
      if case .unknown = route {
        return .json(404, .object([("message", .string("no Route matched with those values"))]))
      }
      var response: SimulatorResponse
      let (limitHeaders, retryAfter) = Self.applyRateLimits(&s, now: now)
      if let retryAfter {
        s.stats.rateLimited += 1
        response = .json(429, .object([("message", .string("API rate limit exceeded"))]))
        response.headers.append(("Retry-After", String(retryAfter)))
      } else {
        response = answer(route, request, &s)
      }
      response.headers += limitHeaders + [("Via", "kong/3.2.2, 1.1 varnish, 1.1 varnish")]
      if configuration.latency > .zero { response.delay += configuration.latency }
      return response
    }
  }

  private enum Route {
    case list
    case device(String)
    case details(String)
    case blueprints
    case unknown

    init(path: String) {
      let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
      switch parts.count {
      case 3 where parts[0] == "api" && parts[1] == "v1" && parts[2] == "devices": self = .list
      case 3 where parts[0] == "api" && parts[1] == "v1" && parts[2] == "blueprints": self = .blueprints
      case 4 where parts[0] == "api" && parts[1] == "v1" && parts[2] == "devices": self = .device(parts[3])
      case 5 where parts[0] == "api" && parts[1] == "v1" && parts[2] == "devices" && parts[4] == "details":
        self = .details(parts[3])
      default: self = .unknown
      }
    }

    var target: SimulatorFaultTarget {
      switch self {
      case .list: .list
      default: .details
      }
    }
  }

  private func answer(_ route: Route, _ request: SimulatorRequest, _ s: inout SimulatorState) -> SimulatorResponse {
    var delay = Duration.zero
    var truncate = false
    var hold = false
    if let fault = s.takeFault(for: route.target) {
      s.stats.faultsServed += 1
      switch fault {
      case .status(let status, let retryAfter):
        if status == 429 { s.stats.rateLimited += 1 }
        return Self.faultResponse(status: status, retryAfter: retryAfter)
      case .htmlNotFound: return .htmlNotFound
      case .malformedBody:
        return SimulatorResponse(
          status: 200, headers: [("Content-Type", "application/json")], body: "[{\"device_id\": \"oops")
      case .delay(let duration): delay = duration
      case .truncatedBody: truncate = true
      case .hold: hold = true
      }
    }
    guard request.method.uppercased() == "GET" else {
      return .detail(405, "Method \"\(request.method.uppercased())\" not allowed.")
    }
    guard let header = request.authorization, header.lowercased().hasPrefix("bearer ") else {
      s.stats.denied += 1
      return .detail(401, "Authentication credentials were not provided.")
    }
    let secret = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    guard let token = s.tokens[secret] else {
      s.stats.denied += 1
      return .detail(401, "Invalid token.")
    }
    let allowed: Bool
    switch route {
    case .details: allowed = token.permissions.contains(.deviceDetails)
    case .blueprints: allowed = token.canListBlueprints
    default: allowed = token.permissions.contains(.deviceList)
    }
    guard allowed else {
      s.stats.denied += 1
      return .detail(token.missingPermissionStatus, "You do not have permission to perform this action.")
    }
    var response: SimulatorResponse
    switch route {
    case .list: response = list(request.query, &s)
    case .blueprints: response = blueprints(request, s)
    case .device(let id):
      response =
        s.index(of: id).map { .json(200, s.devices[$0].listJSON(polymorphic: configuration.polymorphicList)) }
        ?? .detail(404, "Not found.")
    case .details(let id):
      response = s.index(of: id).map { .json(200, s.devices[$0].detailsJSON()) } ?? .detail(404, "Not found.")
    case .unknown: response = .detail(404, "Not found.")
    }
    response.delay = delay
    response.truncated = truncate
    response.held = hold
    return response
  }

  /// `GET /api/v1/devices`: a bare JSON array; `limit` capped at 300 (an invalid or missing
  /// limit means 300, as Django REST Framework's limit/offset pagination does), `offset`,
  /// `ordering` and the filters a sync might use.
  private func list(_ query: [String: String], _ s: inout SimulatorState) -> SimulatorResponse {
    let requested = query["limit"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 300
    s.stats.largestLimitRequested = max(s.stats.largestLimitRequested, requested)
    let limit = min(requested, 300)
    let offset = max(0, query["offset"].flatMap { Int($0) } ?? 0)
    if (query["device_id"] ?? "").isEmpty { fireListingShift(offset: offset, &s) }
    var devices = s.ordered(by: query["ordering"])
    if let platform = query["platform"]?.lowercased(), !platform.isEmpty {
      devices = devices.filter { $0.platform.rawValue.lowercased() == platform }
    }
    if let serial = query["serial_number"]?.lowercased(), !serial.isEmpty {
      devices = devices.filter { $0.serialNumber.lowercased().contains(serial) }
    }
    if let id = query["device_id"], !id.isEmpty, !s.ignoresDeviceIDFilter {
      devices = devices.filter { $0.deviceID == id }
    }
    if let email = query["user_email"]?.lowercased(), !email.isEmpty {
      devices = devices.filter { $0.user?.email.lowercased().contains(email) ?? false }
    }
    // Documented as "containing": a full id matches its blueprint only, a fragment may match more.
    if let blueprint = query["blueprint_id"]?.lowercased(), !blueprint.isEmpty {
      devices = devices.filter { $0.blueprintID.lowercased().contains(blueprint) }
    }
    let page = offset < devices.count ? devices[offset..<min(devices.count, offset + limit)] : []
    var body = "["
    body.reserveCapacity(page.count * 1_100)
    for (index, device) in page.enumerated() {
      if index > 0 { body += "," }
      device.listJSON(polymorphic: configuration.polymorphicList).write(into: &body)
    }
    body += "]"
    return SimulatorResponse(status: 200, headers: [("Content-Type", "application/json")], body: body)
  }

  private static func faultResponse(status: Int, retryAfter: Int?) -> SimulatorResponse {
    var response: SimulatorResponse
    switch status {
    case 429: response = .json(429, .object([("message", .string("API rate limit exceeded"))]))
    case 503:
      response = SimulatorResponse(
        status: 503, headers: [("Content-Type", "text/html")],
        body:
          "<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>"
      )
    case 500..<600: response = .detail(status, "A server error occurred.")
    case 401: response = .detail(401, "Invalid token.")
    case 403: response = .detail(403, "You do not have permission to perform this action.")
    default: response = .detail(status, "Simulated failure.")
    }
    if let retryAfter { response.headers.append(("Retry-After", String(retryAfter))) }
    return response
  }

  /// Kong's fixed windows: counts requests per wall-clock second and hour, adds the
  /// `X-Ratelimit-*` and `RateLimit-*` headers, and says how long to wait when a window is full.
  private static func applyRateLimits(_ s: inout SimulatorState, now: Duration) -> ([(String, String)], Int?) {
    guard s.requestsPerSecond != nil || s.requestsPerHour != nil else { return ([], nil) }
    let second = now.components.seconds
    let hour = second / 3_600
    if s.secondWindow.index != second { s.secondWindow = (second, 0) }
    if s.hourWindow.index != hour { s.hourWindow = (hour, 0) }
    var retryAfter: Int?
    if let perHour = s.requestsPerHour, s.hourWindow.count >= perHour {
      retryAfter = Int(3_600 - second % 3_600)
    } else if let perSecond = s.requestsPerSecond, s.secondWindow.count >= perSecond {
      retryAfter = 1
    } else {
      s.secondWindow.count += 1
      s.hourWindow.count += 1
    }
    var headers: [(String, String)] = []
    if let perHour = s.requestsPerHour {
      headers += [
        ("X-Ratelimit-Limit-Hour", String(perHour)),
        ("X-Ratelimit-Remaining-Hour", String(max(0, perHour - s.hourWindow.count))),
      ]
    }
    if let perSecond = s.requestsPerSecond {
      let remaining = String(max(0, perSecond - s.secondWindow.count))
      headers += [
        ("X-Ratelimit-Limit-Second", String(perSecond)), ("X-Ratelimit-Remaining-Second", remaining),
        ("RateLimit-Limit", String(perSecond)), ("RateLimit-Remaining", remaining), ("RateLimit-Reset", "1"),
      ]
    }
    return (headers, retryAfter)
  }
}
