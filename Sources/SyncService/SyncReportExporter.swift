import AssetCore
import AssetStore
import Foundation

/// Streams a run's report out of the store as CSV (R9), a chunk of rows at a time, so a report
/// of 100,000 devices never sits in memory whole.
public enum SyncReportExporter {
  /// Calls `write` with the header, then with the CSV text of each chunk of rows.
  public static func stream(
    runID: Int64, store: any SyncRunStore, chunkSize: Int = 5_000, write: (String) async throws -> Void
  ) async throws {
    try await write(SyncReportCSV.header + "\r\n")
    var after = -1
    while true {
      // Positions are sparse (a quick refresh stores only what changed): the next chunk starts
      // after the last row read, never `rows.count` further on.
      let page = try await store.reportRowPage(runID: runID, afterPosition: after, limit: chunkSize)
      guard let last = page.lastPosition else { return }
      try await write(page.rows.map(SyncReportCSV.line).joined())
      after = last
    }
  }

  /// Writes the report to a file (created or replaced).
  public static func write(runID: Int64, store: any SyncRunStore, to path: String) async throws {
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try await stream(runID: runID, store: store) { text in try handle.write(contentsOf: Data(text.utf8)) }
  }
}
