import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  static var typesQuery: SQLStatement {
    // Managed types first, in platform order, then the admins' own types.
    "SELECT \(raw: AssetTypeRecord.columns) FROM asset_types ORDER BY asset_types.platform IS NULL, asset_types.id"
  }

  static func fieldsQuery(typeID: SQLStatement) -> SQLStatement {
    "SELECT \(raw: AssetFieldRecord.columns) FROM asset_fields WHERE asset_type_id = \(typeID) ORDER BY \(raw: AssetFieldRecord.order)"
  }

  public func assetTypes() async throws -> [AssetType] {
    try await read { s in try await s.fetch(Self.typesQuery).decoded(AssetTypeRecord.decode) }
  }

  public func assetType(id: Int64) async throws -> AssetType? {
    try await read { s in
      try await s.fetch("SELECT \(raw: AssetTypeRecord.columns) FROM asset_types WHERE id = \(id)")
        .decoded(AssetTypeRecord.decode).first
    }
  }

  public func managedType(for platform: Platform) async throws -> AssetType {
    let type = try await read { s in
      try await s.fetch("SELECT \(raw: AssetTypeRecord.columns) FROM asset_types WHERE platform = \(platform.rawValue)")
        .decoded(AssetTypeRecord.decode).first
    }
    guard let type else { throw StoreError.notFound("The \(platform.rawValue) asset type") }
    return type
  }

  public func fields(assetTypeID: Int64) async throws -> [AssetField] {
    try await read { s in try await s.fetch(Self.fieldsQuery(typeID: "\(assetTypeID)")).decoded(AssetFieldRecord.decode)
    }
  }

  public func assetCounts() async throws -> [Int64: Int] {
    try await read { s in
      let version = try await s.fetchOne(ListTotals.versionQuery)?.int64(at: 0) ?? -1
      if let counts = listTotals.typeCounts(at: version) { return counts }
      var counts: [Int64: Int] = [:]
      for row in try await s.fetch("SELECT asset_type_id, COUNT(*) FROM assets GROUP BY asset_type_id") {
        counts[try row.int64(at: 0) ?? 0] = Int(try row.int64(at: 1) ?? 0)
      }
      listTotals.remember(typeCounts: counts, at: version)
      return counts
    }
  }
}
