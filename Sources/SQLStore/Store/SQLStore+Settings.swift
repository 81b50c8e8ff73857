import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  static var kandjiSettingsKey: String { "kandji" }

  /// The settings as stored: one JSON document, read each time (another replica may have changed
  /// it) but decoded only when its text changed.
  public func kandjiSettings() async throws -> KandjiSettings {
    let text = try await read { s in
      try await s.fetchOne("SELECT value FROM settings WHERE key = \(Self.kandjiSettingsKey)")?.string(at: 0)
    }
    guard let text else { return KandjiSettings() }
    if let cached = settingsCache.withLock({ $0 }), cached.text == text { return cached.settings }
    let settings: KandjiSettings
    do {
      settings = try KandjiSettingsCoding.decoder.decode(KandjiSettings.self, from: Data(text.utf8))
    } catch {
      throw StoreError.database("the stored Kandji settings are unreadable: \(error)")
    }
    settingsCache.withLock { $0 = (text, settings) }
    return settings
  }

  public func saveKandjiSettings(_ settings: KandjiSettings) async throws {
    let text = String(decoding: try KandjiSettingsCoding.encoder.encode(settings), as: UTF8.self)
    try await writeOne(
      """
      INSERT INTO settings (key, value) VALUES (\(Self.kandjiSettingsKey), \(text))
      ON CONFLICT (key) DO UPDATE SET value = excluded.value
      """)
  }
}

/// The settings document's format: sorted keys, dates as seconds since 1970.
enum KandjiSettingsCoding {
  static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .secondsSince1970
    encoder.outputFormatting = .sortedKeys
    return encoder
  }

  static var decoder: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .secondsSince1970
    return decoder
  }
}
