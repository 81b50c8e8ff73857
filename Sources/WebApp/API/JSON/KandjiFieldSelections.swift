import AssetCore
import AssetStore

/// Which Kandji fields an asset shows (issue 19): the selection of the connection that syncs it,
/// in that order. Values are stored whatever is selected, so deselecting only hides a field.
struct KandjiFieldSelections: Sendable {
  /// Each connection's selection, removed connections included (their retired assets keep
  /// showing what they showed).
  var byConnection: [Int64: [String]]
  /// The keys any connection in use selects, each once, in the order they first appear; the
  /// 13 of earlier releases while there is none. A type's field list and manual assets show these.
  var union: [String]

  /// Reads every connection once (a helpdesk has a handful).
  static func load(_ store: any ConnectionStore) async throws -> KandjiFieldSelections {
    let connections = try await store.kandjiConnections(includeRemoved: true)
    let inUse = connections.filter { !$0.isRemoved }.map(\.settings.selectedFieldKeys)
    return KandjiFieldSelections(
      byConnection: Dictionary(
        connections.map { ($0.id, $0.settings.selectedFieldKeys) }, uniquingKeysWith: { a, _ in a }),
      union: inUse.isEmpty ? KandjiAttributeCatalogue.defaultKeys : KandjiAttributeCatalogue.union(inUse))
  }

  /// The keys `asset` shows: its connection's selection, or the union for a manual asset.
  func keys(for asset: Asset) -> [String] {
    asset.connectionID.flatMap { byConnection[$0] } ?? union
  }

  /// The fields shown with `keys` selected: the Kandji fields of those keys in their order,
  /// numbered 0, 1, … (HappyFox's `order`), then the other fields as stored. A key the type has
  /// no field for (an attribute its platform lacks) is skipped.
  static func shown(_ fields: [AssetField], keys: [String]) -> [AssetField] {
    var kandji: [String: AssetField] = [:]
    var others: [AssetField] = []
    for field in fields {
      if let key = field.kandjiKey { kandji[key] = field } else { others.append(field) }
    }
    let selected = keys.compactMap { kandji[$0] }.enumerated().map { index, field in
      var field = field
      field.position = index
      return field
    }
    return selected + others
  }
}
