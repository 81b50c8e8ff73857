import Synchronization

/// List totals and search plans remembered per data version: every write that can change which
/// assets a list holds bumps `data_versions` in its own transaction, so a total counted at
/// version V holds until the version moves, on every replica (the version lives in the database).
/// Paging through a list, and the asset types' counts, then cost no count at all.
final class ListTotals: Sendable {
  private struct State {
    var version: Int64 = -1
    var totals: [SQLStatement: Int] = [:]
    var plans: [SQLStatement: Bool] = [:]
    var anchors: [SQLStatement: [PageAnchor]] = [:]
    var typeCounts: [Int64: Int]?
  }

  private let state = Mutex(State())
  /// Entries kept per version before the oldest are forgotten (a bound on memory, not a tuning).
  static let capacity = 512

  /// The version's current value, read in the same transaction or snapshot as the list.
  static let versionQuery: SQLStatement = "SELECT version FROM data_versions WHERE name = 'assets'"
  /// Every write that adds, removes, renames, retires or links assets runs this.
  static let bump: SQLStatement = "UPDATE data_versions SET version = version + 1 WHERE name = 'assets'"

  func total(_ count: SQLStatement, at version: Int64) -> Int? {
    state.withLock { $0.version == version ? $0.totals[count] : nil }
  }

  func remember(total: Int, for count: SQLStatement, at version: Int64) {
    update(version) { $0.totals[count] = total }
  }

  func plan(_ probe: SQLStatement, at version: Int64) -> Bool? {
    state.withLock { $0.version == version ? $0.plans[probe] : nil }
  }

  func remember(plan: Bool, for probe: SQLStatement, at version: Int64) {
    update(version) { $0.plans[probe] = plan }
  }

  func anchors(_ list: SQLStatement, at version: Int64) -> [PageAnchor]? {
    state.withLock { $0.version == version ? $0.anchors[list] : nil }
  }

  func remember(anchors: [PageAnchor], for list: SQLStatement, at version: Int64) {
    update(version) { $0.anchors[list] = anchors }
  }

  func typeCounts(at version: Int64) -> [Int64: Int]? {
    state.withLock { $0.version == version ? $0.typeCounts : nil }
  }

  func remember(typeCounts: [Int64: Int], at version: Int64) {
    update(version) { $0.typeCounts = typeCounts }
  }

  /// Applies `change` to the entries of `version`, starting afresh when the version moved on
  /// (an older version's answer is never stored over a newer one's).
  private func update(_ version: Int64, _ change: (inout State) -> Void) {
    state.withLock { state in
      if version > state.version { state = State(version: version) }
      guard version == state.version else { return }
      if state.totals.count + state.plans.count + state.anchors.count >= Self.capacity {
        state.totals = [:]
        state.plans = [:]
        state.anchors = [:]
      }
      change(&state)
    }
  }
}

/// Where every `AssetList.anchorSpacing`-th row of a list starts: its position and sort key, so
/// a deep page starts from the nearest anchor instead of skipping every row before it.
struct PageAnchor: Sendable {
  let position: Int
  let sortKey: String
  let id: Int64
}
