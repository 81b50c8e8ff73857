import Foundation

/// ISO 8601 text for dates shown in the API, reports and pages: `2024-07-23T14:11:37Z`.
public enum ISO8601 {
  public static func string(_ date: Date) -> String {
    date.formatted(.iso8601)
  }
}
