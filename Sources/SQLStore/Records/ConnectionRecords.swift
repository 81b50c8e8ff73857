import AssetCore
import AssetStore
import Foundation

/// How Kandji connections are stored: their columns, in the order `decode` reads them, and the
/// settings document's format (the one earlier releases used for the single tenant).
enum ConnectionRecord {
  static let columns = """
    id, name, api_url, sealed_token, token_set_at, enabled, settings, removed_at, created_at
    """

  static func decode<Row: StoreRow>(_ r: inout RowReader<Row>) throws -> KandjiConnection {
    let id = try r.int64()
    let name = try r.string()
    let apiURL = try r.optionalString()
    let sealed = try r.optionalString()
    let tokenSetAt = try r.optionalDate()
    let enabled = try r.bool()
    let text = try r.string()
    let settings: ConnectionSettings
    do {
      settings = try KandjiSettingsCoding.decoder.decode(ConnectionSettings.self, from: Data(text.utf8))
    } catch {
      throw StoreError.database("the settings of Kandji connection \(id) are unreadable: \(error)")
    }
    return KandjiConnection(
      id: id, name: name, apiURL: apiURL, sealedToken: sealed, tokenSetAt: tokenSetAt, enabled: enabled,
      settings: settings, removedAt: try r.optionalDate(), createdAt: try r.date())
  }

  static func encode(_ settings: ConnectionSettings) throws -> String {
    String(decoding: try KandjiSettingsCoding.encoder.encode(settings), as: UTF8.self)
  }

  /// Names are unique among connections in use, whatever their case.
  static func nameKey(_ name: String) -> String { SearchKey.fold(name.trimmingCharacters(in: .whitespaces)) }
}

/// A synced asset's connection, as lists and pages show it.
enum SourceTenantRecord {
  static let columns = "id, name, api_url, settings"

  static func byID<Row: StoreRow>(_ rows: [Row]) throws -> [Int64: SourceTenant] {
    var sources: [Int64: SourceTenant] = [:]
    for row in rows {
      var r = RowReader(row)
      let (id, name, apiURL) = (try r.int64(), try r.string(), try r.optionalString())
      // Only the console URL is wanted from the settings; an unreadable document just derives it.
      let settings = try? KandjiSettingsCoding.decoder.decode(ConnectionSettings.self, from: Data(try r.string().utf8))
      sources[id] = SourceTenant(id: id, name: name, apiURL: apiURL, consoleURL: settings?.consoleURL)
    }
    return sources
  }
}
