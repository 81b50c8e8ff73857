import AssetCore
import Foundation

/// Contacts' and tickets' timestamps as articles 1039 and 1092 write them: `2019-08-13 08:59:11`
/// (UTC, no zone letter). Assets use ISO 8601 with `Z` (article 1201).
enum HappyFoxDate {
  static func string(_ date: Date) -> String {
    String(ISO8601.string(date).replacingOccurrences(of: "T", with: " ").dropLast())
  }

  static func json(_ date: Date?) -> JSONValue { date.map { .string(string($0)) } ?? .null }
}
