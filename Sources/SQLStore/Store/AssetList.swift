import AssetCore
import AssetStore
import Foundation

/// One page of an asset list: the total and the ids of the page, in `sort_key, id` order, from
/// the covering index `(asset_type_id, sort_key, id, search_key)`, so deep pages skip index
/// entries rather than rows.
///
/// Search is a substring of the folded name, display ID and serial number (`SearchKey`). A term
/// of three characters or more can use the trigram index; SQLite first probes how common the
/// term is in the first rows of the list: an index answers a rare term at once, but a common one
/// (half the list says "macbook") is counted faster by walking the list than by joining most of
/// the index. Both plans give exactly the same rows.
struct AssetList {
  let query: AssetQuery
  let dialect: SQLDialect
  let totals: ListTotals

  /// Deep pages start from the nearest of these anchors (one every this many rows, found in one
  /// walk per data version) rather than skipping every earlier row.
  static let anchorSpacing = 1_000

  /// Rows the probe looks at, and the share of matches above which walking the list wins.
  static let probeRows = 1_000
  static let commonShare = 0.1

  func run<Session: SQLSession>(_ s: Session) async throws -> (total: Int, ids: [Int64]) {
    // A filter the store cannot apply is refused before any query.
    _ = try attributeConditions()
    guard let term = AssetSearch.term(query.search) else {
      // The common case in one round trip: the data version and the page; the total only when
      // this version has not counted it yet.
      let (count, page) = statements(filters)
      guard query.offset >= Self.anchorSpacing else {
        let results = try await s.fetch([ListTotals.versionQuery, page])
        return (try await total(count, version: try results[0].first?.int64(at: 0) ?? -1, s), try ids(results[1]))
      }
      let version = try await s.fetchOne(ListTotals.versionQuery)?.int64(at: 0) ?? -1
      return (try await total(count, version: version, s), try await deepPage(filters, version: version, s))
    }
    let version = try await s.fetchOne(ListTotals.versionQuery)?.int64(at: 0) ?? -1
    let scan: SQLStatement = "assets.search_key LIKE \(AssetSearch.likePattern(term)) ESCAPE '\\'"
    var useIndex = false
    if AssetSearch.canUseTrigrams(term) { useIndex = try await prefersIndex(term, scan: scan, version: version, s) }
    let (count, page) = statements(filters + [useIndex ? dialect.trigramMatch(term) : scan])
    if let known = totals.total(count, at: version) { return (known, try ids(try await s.fetch(page))) }
    let results = try await s.fetch([count, page])
    let total = Int(try results[0].first?.int64(at: 0) ?? 0)
    totals.remember(total: total, for: count, at: version)
    return (total, try ids(results[1]))
  }

  /// The total and the page's ids under `conditions`.
  func statements(_ conditions: [SQLStatement]) -> (count: SQLStatement, page: SQLStatement) {
    let filter = conditions.isEmpty ? SQLStatement("") : "WHERE " + SQLStatement.joined(conditions, separator: " AND ")
    return (
      "SELECT COUNT(*) FROM assets \(filter)",
      "SELECT assets.id FROM assets \(filter) ORDER BY assets.sort_key, assets.id LIMIT \(query.size) OFFSET \(query.offset)"
    )
  }

  /// The total `count` gives at `version`, counted once per version.
  func total<Session: SQLSession>(_ count: SQLStatement, version: Int64, _ s: Session) async throws -> Int {
    if let known = totals.total(count, at: version) { return known }
    let total = Int(try await s.fetchOne(count)?.int64(at: 0) ?? 0)
    totals.remember(total: total, for: count, at: version)
    return total
  }

  func ids<Row: StoreRow>(_ rows: [Row]) throws -> [Int64] { try rows.map { try $0.int64(at: 0) ?? 0 } }

  /// A page far into the list: from the nearest anchor at or before it, skipping fewer than
  /// `anchorSpacing` rows (the order is `sort_key, id`, so a row-value comparison finds the anchor).
  func deepPage<Session: SQLSession>(_ conditions: [SQLStatement], version: Int64, _ s: Session) async throws
    -> [Int64]
  {
    let filter = conditions.isEmpty ? SQLStatement("") : "WHERE " + SQLStatement.joined(conditions, separator: " AND ")
    let walk: SQLStatement = """
      SELECT position, sort_key, id FROM (
        SELECT row_number() OVER (ORDER BY assets.sort_key, assets.id) - 1 AS position, assets.sort_key, assets.id
        FROM assets \(filter)
      ) AS ranked WHERE position % \(Self.anchorSpacing) = 0
      """
    var anchors = totals.anchors(walk, at: version)
    if anchors == nil {
      let found = try await s.fetch(walk).map { row in
        PageAnchor(
          position: Int(try row.int64(at: 0) ?? 0), sortKey: try row.string(at: 1) ?? "", id: try row.int64(at: 2) ?? 0)
      }
      totals.remember(anchors: found, for: walk, at: version)
      anchors = found
    }
    guard let anchor = anchors?.last(where: { $0.position <= query.offset }) else { return [] }
    let from: SQLStatement = "(assets.sort_key, assets.id) >= (\(anchor.sortKey), \(anchor.id))"
    let rest = "WHERE " + SQLStatement.joined(conditions + [from], separator: " AND ")
    return try ids(
      try await s.fetch(
        """
        SELECT assets.id FROM assets \(rest) ORDER BY assets.sort_key, assets.id
        LIMIT \(query.size) OFFSET \(query.offset - anchor.position)
        """))
  }

  /// The conditions besides search.
  var filters: [SQLStatement] {
    var conditions: [SQLStatement] = []
    if let type = query.assetTypeID { conditions.append("assets.asset_type_id = \(type)") }
    if let retired = query.retired {
      conditions.append(retired ? "assets.retired_at IS NOT NULL" : "assets.retired_at IS NULL")
    }
    if let managed = query.managed {
      conditions.append(managed ? "assets.kandji_device_id IS NOT NULL" : "assets.kandji_device_id IS NULL")
    }
    if let connection = query.connectionID { conditions.append("assets.connection_id = \(connection)") }
    if let contact = query.contactID {
      conditions.append("assets.id IN (SELECT asset_id FROM asset_contacts WHERE contact_id = \(contact))")
    }
    // Validated at the start of `run`.
    conditions += (try? attributeConditions()) ?? ["1 = 0"]
    return conditions
  }

  /// Whether the trigram index should answer `term`: always where the database plans it itself
  /// (PostgreSQL's planner weighs the GIN index against the list order), else when the probe
  /// finds the term rare.
  func prefersIndex<Session: SQLSession>(_ term: String, scan: SQLStatement, version: Int64, _ s: Session)
    async throws -> Bool
  {
    guard dialect.probesSearch else { return true }
    let filter = filters.isEmpty ? SQLStatement("") : "WHERE " + SQLStatement.joined(filters, separator: " AND ")
    let probe: SQLStatement = """
      SELECT COUNT(*), COALESCE(SUM(CASE WHEN \(scan) THEN 1 ELSE 0 END), 0) FROM (
        SELECT assets.search_key FROM assets \(filter) ORDER BY assets.sort_key, assets.id LIMIT \(Self.probeRows)
      ) AS assets
      """
    if let known = totals.plan(probe, at: version) { return known }
    let row = try await s.fetchOne(probe)
    let looked = Double(try row?.int64(at: 0) ?? 0)
    let matched = Double(try row?.int64(at: 1) ?? 0)
    // A short list is walked in no time; a rare term is found faster through the index.
    let useIndex = looked >= Double(Self.probeRows) && matched / looked < Self.commonShare
    totals.remember(plan: useIndex, for: probe, at: version)
    return useIndex
  }
}
