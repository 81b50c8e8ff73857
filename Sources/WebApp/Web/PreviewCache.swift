import AssetCore
import Foundation

/// The devices shown in a connection's mapping preview, fetched from Kandji at most every five
/// minutes per connection.
actor PreviewCache {
  private var cached: [Int64: (at: Date, devices: [DeviceSnapshot])] = [:]

  func devices(connectionID: Int64, now: Date, fetch: () async throws -> [DeviceSnapshot]) async throws
    -> [DeviceSnapshot]
  {
    if let entry = cached[connectionID], now.timeIntervalSince(entry.at) < 300 { return entry.devices }
    let devices = try await fetch()
    cached[connectionID] = (now, devices)
    return devices
  }

  func clear(connectionID: Int64) { cached[connectionID] = nil }
}
