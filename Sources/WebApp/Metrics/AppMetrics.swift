import AssetCore
import Foundation
import Prometheus

/// Prometheus metrics (`GET /metrics`): requests, sync runs, Kandji calls and 429s, assets per
/// type. A registry of its own, so several apps in one process (tests) do not share counters.
public final class AppMetrics: Sendable {
  let registry = PrometheusCollectorRegistry()

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
  static var assets: MetricNameDescriptor {
    MetricNameDescriptor(
      namespace: "assetsync", metricName: "assets", unitName: "", helpText: "Assets per asset type")
  }

  public init() {}

  func countRequest(method: String, status: Int) {
    registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("status", String(status))])
      .increment()
  }

  func countRun(_ run: SyncRun) {
    registry.makeCounter(descriptor: Self.runs, labels: [("status", run.status.rawValue)]).increment()
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

  func text() -> String { registry.emitToString() }
}
