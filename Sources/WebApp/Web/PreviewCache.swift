import AssetCore
import Foundation

/// The devices shown in the mapping preview, fetched from Kandji at most every five minutes.
actor PreviewCache {
  private var cached: (at: Date, devices: [DeviceSnapshot])?

  func devices(now: Date, fetch: () async throws -> [DeviceSnapshot]) async throws -> [DeviceSnapshot] {
    if let cached, now.timeIntervalSince(cached.at) < 300 { return cached.devices }
    let devices = try await fetch()
    cached = (now, devices)
    return devices
  }

  func clear() { cached = nil }
}
