import ArgumentParser
import AsyncHTTPClient
import Foundation
import KandjiAPI

/// `assetsync bench kandji-list`: how fast the Kandji client lists a tenant, and how much
/// memory it needs while streaming, against a simulator in a child process over loopback.
struct KandjiListBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kandji-list",
    abstract: "Listing throughput and peak memory of the Kandji client (10k and 100k devices by default)."
  )

  @Option(help: "Comma-separated fleet sizes.")
  var devices: String = "10000,100000"

  @Flag(help: "Pace as in production (40 requests/s) and let the simulator enforce Kandji's limits.")
  var paced = false

  @Flag(help: "Print one JSON object per fleet size instead of a table.")
  var json = false

  func validate() throws { try FleetSizes(devices).validate() }

  private var sizes: [Int] { FleetSizes(devices).values }

  func run() async throws {
    if !json {
      print("fleet      pages  requests  seconds  devices/s  peak RSS (MB)  RSS before (MB)  undecodable")
    }
    for size in sizes {
      let result = try await measure(size: size)
      if json {
        print(
          "{\"devices\":\(size),\"listed\":\(result.listed),\"pages\":\(result.pages),\"requests\":\(result.requests),\"seconds\":\(String(format: "%.3f", result.seconds)),\"devices_per_second\":\(Int(result.throughput)),\"peak_rss_mb\":\(String(format: "%.1f", result.peakMB)),\"rss_before_mb\":\(String(format: "%.1f", result.beforeMB)),\"paced\":\(paced)}"
        )
      } else {
        print(
          String(
            format: "%-9d  %5d  %8d  %7.2f  %9.0f  %13.1f  %15.1f  %11d", size, result.pages, result.requests,
            result.seconds, result.throughput, result.peakMB, result.beforeMB, result.failures))
      }
    }
  }

  struct Result {
    var listed = 0
    var failures = 0
    var pages = 0
    var requests = 0
    var seconds = 0.0
    var peakMB = 0.0
    var beforeMB = 0.0
    var throughput: Double { seconds > 0 ? Double(listed) / seconds : 0 }
  }

  private func measure(size: Int) async throws -> Result {
    let simulator = try await SimulatorProcess(devices: size, rateLimited: paced)
    defer { simulator.stop() }
    let client = LiveKandjiClient(
      configuration: KandjiClientConfiguration(
        baseURL: try KandjiBaseURL(simulator.url), token: KandjiToken(simulator.token),
        pacing: paced ? PacingPolicy() : .unlimited, endpointPolicy: .allowCustomEndpoints))
    var result = Result()
    ProcessMemory.resetPeak()
    result.beforeMB = Double(ProcessMemory.residentBytes) / 1_048_576
    let start = ContinuousClock.now
    for try await page in client.devicePages() {
      result.pages += 1
      result.listed += page.devices.count
      result.failures += page.failures.count
    }
    let elapsed = ContinuousClock.now - start
    result.seconds = elapsed.seconds
    result.peakMB = Double(ProcessMemory.peakResidentBytes) / 1_048_576
    result.requests = client.stats.requests
    guard result.listed + result.failures == size else {
      throw CLIError("Listed \(result.listed + result.failures) of \(size) devices: the listing is incomplete.")
    }
    return result
  }
}
