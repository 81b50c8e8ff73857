import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import SyncService
import Testing

/// Report rows stored at sparse positions — a quick refresh keeps only the rows of what changed,
/// while its position advances by every device — read back exactly once each, on every backend.
@Suite("Report rows at sparse positions")
struct ReportRowPagingContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  func row(_ n: Int, _ outcome: SyncOutcome) -> SyncReportRow {
    SyncReportRow(
      outcome: outcome, kandjiDeviceID: "d\(n)", displayID: "SN-\(n)", name: "Mac \(n)", platform: "Mac",
      reason: outcome == .skipped ? "unchanged" : "changed")
  }

  /// Three batches of 1,000 rows of which only 5 are kept each (positions 0–4, 1000–1004, …),
  /// exported in chunks smaller and larger than a batch.
  @Test(arguments: StoreBackend.allCases)
  func sparseRowsAreReadOnceEach(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let run = try await store.beginSyncRun(
      connectionID: try await store.testConnectionID(), trigger: .refresh, owner: "test", at: now, staleAfter: 60)
    var kept: [SyncReportRow] = []
    for batch in 0..<3 {
      let rows = (0..<1_000).map { n in row(batch * 1_000 + n, n < 5 ? .updated : .skipped) }
      kept += rows.filter { $0.outcome == .updated }
      _ = try await store.applySyncBatch(
        SyncBatch(
          runID: run.id, at: now, firstPosition: batch * 1_000, decisions: rows.map { _ in .skip }, rows: rows,
          reportedOutcomes: [.created, .updated, .retired]))
    }
    #expect(try await store.allReportRows(runID: run.id) == kept)
    #expect(try await store.allReportRows(runID: run.id, pageSize: 2) == kept)
    let page = try await store.reportRowPage(runID: run.id, afterPosition: 4, limit: 3)
    #expect(page.rows == Array(kept[5..<8]))
    #expect(page.lastPosition == 1_002)
    #expect(try await store.reportRowPage(runID: run.id, afterPosition: 2_004, limit: 3).lastPosition == nil)
    for chunk in [1, 4, 5, 7, 5_000] {
      var csv = ""
      try await SyncReportExporter.stream(runID: run.id, store: store, chunkSize: chunk) { csv += $0 }
      let lines = csv.split(separator: "\r\n")
      #expect(lines.count == 1 + kept.count, "chunk size \(chunk)")
      #expect(Set(lines.dropFirst()).count == kept.count, "chunk size \(chunk): a row repeated")
    }
  }
}
