import AssetCore
import Foundation
import Prometheus
import Synchronization

/// Prometheus metrics (`GET /metrics`): requests, sync runs, Kandji calls and 429s, assets per
/// type. A registry of its own, so several apps in one process (tests) do not share counters.
public final class AppMetrics: Sendable {
  let registry = PrometheusCollectorRegistry()
  /// The connection names last given to `setConnections`, so a removed or renamed connection's
  /// series disappear instead of keeping their last value (and an alert firing).
  private let tenants = Mutex<Set<String>>([])

  static var requests: MetricNameDescriptor {
    MetricNameDescriptor(
      namespace: "assetsync", metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered")
  }
  static var runs: MetricNameDescriptor {
    MetricNameDescriptor(
      namespace: "assetsync", metricName: "sync_runs", unitName: "total", helpText: "Sync runs finished, by status")
  }
  static var kandjiRequests: MetricNameDescriptor {
    MetricNameDescriptor(
      namespace: "assetsync", metricName: "kandji_requests", unitName: "total", helpText: "Requests sent to Kandji")
  }
  static var rateLimited: MetricNameDescriptor {
    MetricNameDescriptor(
      namespace: "assetsync", metricName: "kandji_rate_limited", unitName: "total",
      helpText: "429 answers received from Kandji")
  }
  static var listDataAge: MetricNameDescriptor {
    MetricNameDescriptor(
      namespace: "assetsync", metricName: "kandji_list_data_age", unitName: "seconds",
      helpText: "Age of the oldest Kandji list data per connection (since its last complete listing began)")
  }
  static var callsLastHour: MetricNameDescriptor {
    MetricNameDescriptor(
      namespace: "assetsync", metricName: "kandji_calls_last_hour", unitName: "",
      helpText: "Kandji calls per connection in the last hour, every replica's (the durable budget)")
  }
  static var assets: MetricNameDescriptor {
    MetricNameDescriptor(
      namespace: "assetsync", metricName: "assets", unitName: "", helpText: "Assets per asset type")
  }

  public init() {}

  func countRequest(method: String, status: Int) {
    registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("status", String(status))])
      .increment()
  }

  /// Counts a finished run by status and trigger, with its Kandji calls (the coordinator's
  /// run-finished hook, wired by `buildApplication`).
  public func countRun(_ run: SyncRun) {
    registry.makeCounter(
      descriptor: Self.runs, labels: [("status", run.status.rawValue), ("trigger", run.trigger.rawValue)]
    ).increment()
    registry.makeCounter(descriptor: Self.kandjiRequests, labels: [("kind", "list")])
      .increment(by: Int64(run.listRequests))
    registry.makeCounter(descriptor: Self.kandjiRequests, labels: [("kind", "details")])
      .increment(by: Int64(run.detailRequests))
    registry.makeCounter(descriptor: Self.rateLimited, labels: []).increment(by: Int64(run.rateLimited))
  }

  func setAssets(_ counts: [(type: String, count: Int)]) {
    for (type, count) in counts {
      registry.makeGauge(descriptor: Self.assets, labels: [("asset_type", type)]).set(Double(count))
    }
  }

  /// Per Kandji connection: how old its list data is (nil: never listed completely) and its
  /// calls in the last hour.
  func setConnections(_ connections: [(name: String, listDataAge: TimeInterval?, callsLastHour: Int)]) {
    let names = Set(connections.map(\.name))
    let gone = tenants.withLock { previous in
      defer { previous = names }
      return previous.subtracting(names)
    }
    for name in gone {
      let labels = [("tenant", name)]
      registry.unregisterGauge(registry.makeGauge(descriptor: Self.listDataAge, labels: labels))
      registry.unregisterGauge(registry.makeGauge(descriptor: Self.callsLastHour, labels: labels))
    }
    for connection in connections {
      let labels = [("tenant", connection.name)]
      if let age = connection.listDataAge {
        registry.makeGauge(descriptor: Self.listDataAge, labels: labels).set(max(0, age))
      }
      registry.makeGauge(descriptor: Self.callsLastHour, labels: labels).set(Double(connection.callsLastHour))
    }
  }

  func text() -> String { registry.emitToString() }
}
