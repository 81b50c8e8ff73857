import Foundation
import GRDB

extension SQLiteAssetStore {
  static let kandjiSettingsKey = "kandji"

  public func kandjiSettings() async throws -> KandjiSettings {
    try await read { db in
      guard
        let json = try String.fetchOne(
          db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [Self.kandjiSettingsKey])
      else { return KandjiSettings() }
      do {
        return try Self.settingsDecoder.decode(KandjiSettings.self, from: Data(json.utf8))
      } catch {
        throw StoreError.database("the stored Kandji settings are unreadable: \(error)")
      }
    }
  }

  public func saveKandjiSettings(_ settings: KandjiSettings) async throws {
    let json = String(decoding: try Self.settingsEncoder.encode(settings), as: UTF8.self)
    try await write { db in
      try db.execute(
        sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        arguments: [Self.kandjiSettingsKey, json])
    }
  }

  static let settingsEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .secondsSince1970
    encoder.outputFormatting = .sortedKeys
    return encoder
  }()

  static let settingsDecoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .secondsSince1970
    return decoder
  }()
}
