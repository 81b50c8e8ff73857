/// When the daily sync runs (R8): a time of day in a time zone.
public struct SyncSchedule: Sendable, Hashable, Codable {
  public var hour: Int
  public var minute: Int
  /// An IANA time zone identifier, e.g. `Europe/Berlin`.
  public var timeZone: String

  public init(hour: Int = 2, minute: Int = 0, timeZone: String = "UTC") {
    self.hour = hour
    self.minute = minute
    self.timeZone = timeZone
  }
}
