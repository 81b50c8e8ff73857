import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  public func asset(id: Int64) async throws -> Asset? {
    try await read { s in try await Self.assets(s, where: "assets.id = \(id)").first }
  }

  public func asset(kandjiDeviceID: String) async throws -> Asset? {
    try await read { s in try await Self.assets(s, where: "assets.kandji_device_id = \(kandjiDeviceID)").first }
  }

  /// The assets `condition` selects, each with its custom values, in one batch.
  static func assets(_ s: Database.Session, where condition: SQLStatement) async throws -> [Asset] {
    let results = try await s.fetch([
      "SELECT \(raw: AssetRecord.columns) FROM assets WHERE \(condition)",
      "SELECT asset_id, field_id, value FROM asset_field_values WHERE asset_id IN (SELECT assets.id FROM assets WHERE \(condition))",
    ])
    let values = try customValues(results[1])
    return try results[0].decoded { r in
      var reader = r
      let id = try reader.int64()
      return try AssetRecord.decode(&r, customValues: values[id] ?? [:])
    }
  }

  /// The assets with these ids, in this order, with custom values (and contact links when asked).
  static func assets(_ s: Database.Session, ids: [Int64], withLinks: Bool) async throws -> [ListedAsset] {
    guard !ids.isEmpty else { return [] }
    var statements: [SQLStatement] = [
      "SELECT \(raw: AssetRecord.columns) FROM assets WHERE assets.id IN (\(list: ids))",
      "SELECT asset_id, field_id, value FROM asset_field_values WHERE asset_id IN (\(list: ids))",
    ]
    statements.append(
      "SELECT \(raw: SourceTenantRecord.columns) FROM kandji_connections WHERE id IN (SELECT connection_id FROM assets WHERE id IN (\(list: ids)))"
    )
    if withLinks { statements.append(linksQuery("l.asset_id IN (\(list: ids))")) }
    let results = try await s.fetch(statements)
    let values = try customValues(results[1])
    let sources = try SourceTenantRecord.byID(results[2])
    let links = withLinks ? try contactLinks(results[3]) : [:]
    var byID: [Int64: Asset] = [:]
    for asset in try results[0].decoded({ r in
      var peek = r
      let id = try peek.int64()
      return try AssetRecord.decode(&r, customValues: values[id] ?? [:])
    }) {
      byID[asset.id] = asset
    }
    return ids.compactMap { id in
      byID[id].map {
        ListedAsset(asset: $0, contacts: links[id] ?? [], source: $0.connectionID.flatMap { sources[$0] })
      }
    }
  }

  static func customValues(_ rows: [Database.Session.Row]) throws -> [Int64: [Int64: String]] {
    var values: [Int64: [Int64: String]] = [:]
    for row in rows {
      values[try row.int64(at: 0) ?? 0, default: [:]][try row.int64(at: 1) ?? 0] = try row.string(at: 2) ?? ""
    }
    return values
  }

  /// Contact links with their contacts, by asset id, each asset's in contact order.
  static func linksQuery(_ condition: SQLStatement) -> SQLStatement {
    """
    SELECT l.asset_id, l.source, \(raw: ContactRecord.columns) FROM asset_contacts l
    JOIN contacts ON contacts.id = l.contact_id WHERE \(condition) ORDER BY contacts.sort_key, contacts.id
    """
  }

  static func contactLinks(_ rows: [Database.Session.Row]) throws -> [Int64: [ContactLink]] {
    var links: [Int64: [ContactLink]] = [:]
    for row in rows {
      var r = RowReader(row)
      let assetID = try r.int64()
      let source = AssociationSource(rawValue: try r.string()) ?? .manual
      links[assetID, default: []].append(ContactLink(contact: try ContactRecord.decode(&r), source: source))
    }
    return links
  }

  public func contactLinks(assetID: Int64) async throws -> [ContactLink] {
    try await read { s in
      try Self.contactLinks(try await s.fetch(Self.linksQuery("l.asset_id = \(assetID)")))[assetID] ?? []
    }
  }

  public func assets(_ query: AssetQuery) async throws -> Page<Asset> {
    let page = try await assetListing(query, withLinks: false)
    return Page(items: page.items.map(\.asset), total: page.total, page: page.page, size: page.size)
  }

  public func assetListing(_ query: AssetQuery) async throws -> Page<ListedAsset> {
    try await assetListing(query, withLinks: true)
  }

  func assetListing(_ query: AssetQuery, withLinks: Bool) async throws -> Page<ListedAsset> {
    try await read { s in
      let (total, ids) = try await AssetList(query: query, dialect: dialect, totals: listTotals).run(s)
      let items = try await Self.assets(s, ids: ids, withLinks: withLinks)
      return Page(items: items, total: total, page: query.page, size: query.size)
    }
  }

  public func assetDetail(id: Int64, recentTickets: Int) async throws -> AssetDetail? {
    try await read { s in
      // One batch: a single snapshot on SQLite, one connection on PostgreSQL.
      let typeID: SQLStatement = "(SELECT asset_type_id FROM assets WHERE id = \(id))"
      let tickets = Self.ticketsQuery(
        where: "tickets.id IN (SELECT ticket_id FROM ticket_assets WHERE asset_id = \(id))", limit: recentTickets,
        offset: 0)
      let results = try await s.fetch(
        [
          "SELECT \(raw: AssetRecord.columns) FROM assets WHERE assets.id = \(id)",
          "SELECT asset_id, field_id, value FROM asset_field_values WHERE asset_id = \(id)",
          Self.linksQuery("l.asset_id = \(id)"),
          "SELECT \(raw: AssetTypeRecord.columns) FROM asset_types WHERE id = \(typeID)",
          Self.fieldsQuery(typeID: typeID),
          """
          SELECT \(raw: SourceTenantRecord.columns) FROM kandji_connections
          WHERE id = (SELECT connection_id FROM assets WHERE id = \(id))
          """,
          """
          SELECT assets.details_fetched_at, (
            SELECT started_at FROM sync_runs
            WHERE sync_runs.connection_id = assets.connection_id AND sync_runs.listing_complete = \(true)
            ORDER BY sync_runs.id DESC LIMIT 1), (
            SELECT MAX(refreshed_at) FROM kandji_asset_refreshes
            WHERE kandji_asset_refreshes.asset_id = assets.id
              AND kandji_asset_refreshes.refreshed_at <= assets.details_fetched_at)
          FROM assets WHERE assets.id = \(id) AND assets.kandji_device_id IS NOT NULL
          """,
          tickets,
        ] + Self.ticketExtras(of: tickets))
      guard var reader = results[0].first.map({ RowReader($0) }),
        let type = try results[3].decoded(AssetTypeRecord.decode).first
      else { return nil }
      let asset = try AssetRecord.decode(&reader, customValues: try Self.customValues(results[1])[id] ?? [:])
      var freshness = results[6].first.map { RowReader($0) }
      let detailsAsOf = try freshness?.optionalDate()
      let lastListing = try freshness?.optionalDate()
      // "Refresh from Kandji" listed this device on its own: a refresh taken before the details
      // call that followed it succeeded had its list call answered, so the list data is at
      // least that fresh (its ledger row lives an hour; then the last listing counts again).
      let refreshedAt = try freshness?.optionalDate()
      let listedAt = [lastListing, refreshedAt].compactMap { $0 }.max()
      return AssetDetail(
        asset: asset, type: type, fields: try results[4].decoded(AssetFieldRecord.decode),
        contacts: try Self.contactLinks(results[2])[id] ?? [],
        recentTickets: try Self.tickets(results[7], tags: results[8], links: results[9]),
        source: try SourceTenantRecord.byID(results[5]).values.first,
        // A retired asset's list data stopped at its retirement.
        listDataAsOf: asset.retiredAt.map { retired in listedAt.map { min($0, retired) } ?? retired } ?? listedAt,
        detailsAsOf: detailsAsOf)
    }
  }
}
