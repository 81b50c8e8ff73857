import Foundation

/// This process's memory use, read from `/proc/self/status` (Linux).
enum ProcessMemory {
  /// Peak resident set size so far (`VmHWM`), in bytes.
  static var peakResidentBytes: Int { read("VmHWM") }
  /// Current resident set size (`VmRSS`), in bytes.
  static var residentBytes: Int { read("VmRSS") }
  /// Of the resident set: anonymous memory (the heap) and mapped files (SQLite maps its file).
  static var residentAnonymousBytes: Int { read("RssAnon") }
  static var residentFileBytes: Int { read("RssFile") }

  /// Resets the peak to the current size (`/proc/self/clear_refs` with 5), so one measurement
  /// does not inherit the peak of the previous one. Returns whether the kernel allowed it.
  @discardableResult
  static func resetPeak() -> Bool {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    return (try? handle.write(contentsOf: Data("5".utf8))) != nil
  }

  private static func read(_ key: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
      let digits = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
      return digits * 1024
    }
    return 0
  }
}
