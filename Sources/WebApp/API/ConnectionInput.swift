import AssetCore
import AssetStore
import Foundation
import SyncService

/// The connection settings a request may change, read from its body with every problem
/// collected: mapping sources, schedule, details refresh, pacing and quick refresh.
struct ConnectionInput {
  static let mappingKeys: Set<String> = ["name_source", "display_id_source"]
  static let scheduleKeys: Set<String> = [
    "hour", "minute", "time_zone", "details_refresh_per_run", "details_max_age_days",
  ]
  static let pacingKeys: Set<String> = ["requests_per_second", "requests_per_hour", "refresh_minutes"]

  var nameSource: MappingSource?
  var displayIDSource: MappingSource?
  var apply: @Sendable (inout ConnectionSettings) -> Void = { _ in }

  /// Reads whichever of `keys` the body has (a key outside the body keeps its value).
  static func read(_ input: RequestInput, keys: Set<String>) -> ConnectionInput {
    var result = ConnectionInput()
    func source(_ key: String) -> MappingSource? {
      guard keys.contains(key), input.has(key), let text = input.string(key, required: true) else { return nil }
      guard let source = MappingSource(rawValue: text) else {
        input.add(key, "Use one of \(MappingSource.allCases.map(\.rawValue).joined(separator: ", ")).")
        return nil
      }
      return source
    }
    result.nameSource = source("name_source")
    result.displayIDSource = source("display_id_source")
    func int(_ key: String, _ range: ClosedRange<Int>) -> Int? {
      guard keys.contains(key) else { return nil }
      return input.int(key, range: Int64(range.lowerBound)...Int64(range.upperBound)).map { Int($0) }
    }
    let hour = int("hour", 0...23)
    let minute = int("minute", 0...59)
    let refresh = int("details_refresh_per_run", ConnectionSettings.detailsRefreshRange)
    let perSecond = int("requests_per_second", ConnectionSettings.requestsPerSecondRange)
    let perHour = int("requests_per_hour", ConnectionSettings.requestsPerHourRange)
    let refreshMinutes = int("refresh_minutes", ConnectionSettings.refreshMinutesRange)
    // The rotation: null or 0 turns it off, 1–365 days sets it; absent keeps it.
    let maxAge: Int?? =
      if keys.contains("details_max_age_days"), input.values["details_max_age_days"] != nil {
        input.has("details_max_age_days")
          ? int("details_max_age_days", 0...ConnectionSettings.detailsMaxAgeRange.upperBound).map { $0 == 0 ? nil : $0 }
          : .some(nil)
      } else {
        nil
      }
    let zone: String? =
      if keys.contains("time_zone"), let text = input.string("time_zone", maxLength: 100) {
        TimeZone(identifier: text) != nil ? text : nil
      } else {
        nil
      }
    if keys.contains("time_zone"), input.has("time_zone"), zone == nil, input.errors.messages["time_zone"] == nil {
      input.add("time_zone", "Unknown time zone; use an IANA name such as Europe/Berlin.")
    }
    result.apply = { settings in
      if let hour { settings.schedule.hour = hour }
      if let minute { settings.schedule.minute = minute }
      if let zone { settings.schedule.timeZone = zone }
      if let refresh { settings.detailsRefreshPerRun = refresh }
      if let perSecond { settings.requestsPerSecond = perSecond }
      if let perHour { settings.requestsPerHour = perHour }
      if let refreshMinutes { settings.refreshMinutes = refreshMinutes }
      if let maxAge { settings.detailsMaxAgeDays = maxAge }
    }
    return result
  }

  /// The mapping when both sources were given.
  var mapping: FieldMapping? {
    guard let nameSource, let displayIDSource else { return nil }
    return FieldMapping(nameSource: nameSource, displayIDSource: displayIDSource)
  }
}
