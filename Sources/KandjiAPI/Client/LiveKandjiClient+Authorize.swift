extension LiveKandjiClient {
  /// How long an authorization may take in all: an admin is waiting on the page.
  public static let authorizationTimeout: Duration = .seconds(10)

  /// Calls the list and the details endpoints once each and turns their answers into a
  /// diagnosis (R3), within `authorizationTimeout` in all (lookups, retries and waits included).
  /// Kandji may answer a missing permission with 401 as well as 403, so a 401 on one endpoint is
  /// judged against the other endpoint's answer.
  public func authorize() async -> AuthorizationDiagnosis {
    await Self.$deadline.withValue(clockNow() + Self.authorizationTimeout) { await diagnose() }
  }

  private func diagnose() async -> AuthorizationDiagnosis {
    enum Probe: Equatable {
      case allowed, denied401, denied403, fatal
    }
    var fatal: AuthorizationDiagnosis?
    func judge(_ error: KandjiError) -> Probe {
      switch error {
      case .unauthorized: return .denied401
      case .forbidden: return .denied403
      case .transport(.tlsFailed):
        fatal = .tlsFailure
      case .transport(.timedOut), .timeout:
        fatal = .unreachableHost(detail: "no answer within \(Int(Self.authorizationTimeout.seconds)) seconds")
      case .transport(let failure):
        fatal = .unreachableHost(detail: failure.rawValue)
      // What an unknown host answered is never repeated back: the URL field must not become a
      // way to read other servers' pages (SSRF). Status codes only.
      case .notFound:
        fatal = .notKandjiAPI(detail: "404 for /api/v1/devices")
      case .decoding:
        fatal = .notKandjiAPI(detail: "the answer is not Kandji's device list")
      case .unexpectedStatus(let status, _):
        fatal =
          (300..<400).contains(status)
          ? .notKandjiAPI(detail: "it redirects (HTTP \(status))")
          : .kandjiUnavailable(detail: "HTTP \(status)")
      case .rateLimited:
        fatal = .kandjiUnavailable(detail: "rate limited")
      case .server(let status, _):
        fatal = .kandjiUnavailable(detail: "HTTP \(status)")
      case .invalidBaseURL(let message):
        fatal = .notKandjiAPI(detail: message)
      }
      return .fatal
    }

    let list: Probe
    var probeID = "00000000-0000-4000-8000-000000000000"
    do {
      let page = try await devicePage(offset: 0, limit: 1)
      if let first = page.devices.first { probeID = first.deviceID }
      list = .allowed
    } catch let error as KandjiError {
      list = judge(error)
    } catch {
      return .kandjiUnavailable(detail: "the check was cancelled")
    }
    if let fatal { return fatal }

    let details: Probe
    do {
      _ = try await deviceDetails(id: probeID)
      details = .allowed
    } catch let error as KandjiError {
      if case .notFound = error {
        details = .allowed  // permitted to look; the probe device simply does not exist
      } else if case .decoding = error, list == .allowed {
        details = .allowed  // the answer came through; its shape is the sync's concern
      } else {
        details = judge(error)
      }
    } catch {
      return .kandjiUnavailable(detail: "the check was cancelled")
    }
    if let fatal { return fatal }

    switch (list, details) {
    case (.allowed, .allowed): return .authorized
    case (.allowed, _): return .missingPermissions([.deviceDetails])
    case (_, .allowed): return .missingPermissions([.deviceList])
    case (.denied401, .denied401): return .invalidToken(hint: tokenHint)
    default: return .missingPermissions([.deviceList, .deviceDetails])
    }
  }

  /// Kandji tokens are UUIDs; saying so helps when a copy lost characters.
  private var tokenHint: String? {
    let secret = configuration.token.secret
    let parts = secret.split(separator: "-")
    let looksLikeUUID = parts.map(\.count) == [8, 4, 4, 4, 12] && secret.allSatisfy { $0.isHexDigit || $0 == "-" }
    return looksLikeUUID ? nil : "Kandji tokens look like 8-4-4-4-12 hexadecimal characters; this one does not."
  }
}
