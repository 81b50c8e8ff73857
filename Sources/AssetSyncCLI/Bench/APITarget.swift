import Foundation

/// What one `bench api` line is held to (the issues' targets, `docs/benchmarks.md`), and the
/// verdict printed beside it. Throughput is a share of another endpoint of the same run
/// (`/health` unless said), since the clients share the machine with the server.
struct APITarget: Sendable {
  /// At 16 connections, at least this share of `reference`'s requests per second.
  var minimumShare: Double?
  var reference = "/health"
  /// At 16 connections, p99 below this many milliseconds.
  var p99Below: Double?
  /// One client, p50 below this many milliseconds.
  var oneClientP50Below: Double?

  /// Issue 10's search target, and issue 20's (15 ms, for the one search box).
  static func search(p50Below: Double) -> APITarget { APITarget(minimumShare: 0.02, oneClientP50Below: p50Below) }

  /// "1 client p50 < 15 ms, ≥ 2 % of /health: met (2.31 ms, 3.4 %)"; `referenceRate` is the
  /// reference endpoint's requests per second in this run (`nil` when it was not measured).
  func verdict(many: HTTPLoad.Result, one: HTTPLoad.Result, referenceRate: Double?) -> String {
    var wanted: [String] = []
    var seen: [String] = []
    var met = true
    if let p50 = oneClientP50Below {
      let value = one.percentile(0.5)
      wanted.append("1 client p50 < \(Self.number(p50)) ms")
      seen.append(String(format: "p50 %.2f ms", value))
      met = met && !one.latencies.isEmpty && value < p50
    }
    if let p99 = p99Below {
      let value = many.percentile(0.99)
      wanted.append("p99 < \(Self.number(p99)) ms")
      seen.append(String(format: "p99 %.2f ms", value))
      met = met && !many.latencies.isEmpty && value < p99
    }
    if let share = minimumShare {
      wanted.append("≥ \(Self.number(share * 100)) % of \(reference)")
      if let referenceRate, referenceRate > 0 {
        let value = many.requestsPerSecond / referenceRate
        seen.append(String(format: "%.1f %%", value * 100))
        met = met && value >= share
      } else {
        seen.append("\(reference) not measured")
        met = false
      }
    }
    return "target: " + wanted.joined(separator: ", ") + ": " + (met ? "met" : "NOT met") + " ("
      + seen.joined(separator: ", ") + ")"
  }

  private static func number(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}
