import AssetStore
import Foundation
import Hummingbird

/// The History section of an asset page (issue 20): every change, newest first, a page at a
/// time (`?history=<page>`), each with what changed (old → new) and who or which run changed it.
struct AssetHistoryView {
  struct Item {
    var id: Int64
    var when: String
    var what: String
    var oldValue: String?
    var newValue: String?
    var hasChange: Bool
    var who: String
  }

  var history: [Item]
  var hasHistory: Bool
  var historyTotal: Int
  var historyOlderURL: String?
  var historyNewerURL: String?

  static let pageSize = 20

  static func load(assetID: Int64, request: Request, store: any FindStore) async throws -> AssetHistoryView {
    let page = request.uri.queryParameters["history"].flatMap { Int($0) }.map { max(1, min($0, 10_000)) } ?? 1
    let entries =
      try await store.assetHistory(assetID: assetID, page: page, size: pageSize)
      ?? Page(items: [], total: 0, page: 1, size: pageSize)
    let items = entries.items.map(item)
    return AssetHistoryView(
      history: items, hasHistory: !items.isEmpty, historyTotal: entries.total,
      historyOlderURL: page * pageSize < entries.total ? "/assets/\(assetID)?history=\(page + 1)#history" : nil,
      historyNewerURL: page > 1 ? "/assets/\(assetID)?history=\(page - 1)#history" : nil)
  }

  static func item(_ entry: AssetHistoryEntry) -> Item {
    let what: String =
      switch entry.kind {
      case .created: "Created"
      case .fieldChanged: entry.field ?? "A field"
      case .retired: "Retired" + (entry.note.map { ": \($0)" } ?? "")
      case .restored: "Restored" + (entry.note.map { ": \($0)" } ?? "")
      case .contactLinked: "Contact linked: \(entry.note ?? "")"
      case .contactUnlinked: "Contact unlinked: \(entry.note ?? "")"
      case .ticketLinked: "Ticket linked: \(entry.note ?? "")"
      case .ticketUnlinked: "Ticket unlinked: \(entry.note ?? "")"
      }
    let agent = entry.agentName ?? entry.agentID.map { "agent #\($0)" }
    let tenant = entry.connectionName.map { " (\($0))" } ?? ""
    let who: String =
      switch entry.source {
      case .agent: agent.map { "by \($0)" } ?? ""
      case .kandjiRefresh: "Refresh from Kandji" + (agent.map { " by \($0)" } ?? "") + tenant
      case .sync: "sync" + (entry.runID.map { " run #\($0)" } ?? "") + tenant
      case .quickRefresh: "quick refresh" + (entry.runID.map { " run #\($0)" } ?? "") + tenant
      }
    return Item(
      id: entry.id, when: DisplayDate.text(entry.at), what: what,
      oldValue: entry.kind == .fieldChanged ? (entry.oldValue ?? "—") : nil,
      newValue: entry.kind == .fieldChanged ? (entry.newValue ?? "—") : nil, hasChange: entry.kind == .fieldChanged,
      who: who)
  }
}
