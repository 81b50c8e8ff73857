import Foundation
import PostgresNIO

extension PostgresAssetStore {
  public func kandjiSettings() async throws -> KandjiSettings {
    let key = SQLiteAssetStore.kandjiSettingsKey
    return try await read { c in
      guard let row = try await c.row("SELECT value FROM settings WHERE key = \(key)", logger: logger) else {
        return KandjiSettings()
      }
      let json: String = try row["value"]
      do {
        return try SQLiteAssetStore.settingsDecoder.decode(KandjiSettings.self, from: Data(json.utf8))
      } catch {
        throw StoreError.database("the stored Kandji settings are unreadable: \(error)")
      }
    }
  }

  public func saveKandjiSettings(_ settings: KandjiSettings) async throws {
    let json = String(decoding: try SQLiteAssetStore.settingsEncoder.encode(settings), as: UTF8.self)
    let key = SQLiteAssetStore.kandjiSettingsKey
    try await writeOne { c in
      try await c.exec(
        """
        INSERT INTO settings (key, value) VALUES (\(key), \(json))
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
        """, logger: logger)
    }
  }
}
