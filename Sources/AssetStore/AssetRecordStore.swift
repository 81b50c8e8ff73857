import AssetCore
import Foundation

/// Assets and the types and fields they are read with: lists, details, the manual assets agents
/// write, and how many of each type there are.
public protocol AssetRecordStore: Sendable {
  // MARK: Types and fields
  func assetTypes() async throws -> [AssetType]
  func assetType(id: Int64) async throws -> AssetType?
  /// The managed type of a platform (created by the migrations).
  func managedType(for platform: Platform) async throws -> AssetType
  func fields(assetTypeID: Int64) async throws -> [AssetField]

  // MARK: Assets
  func asset(id: Int64) async throws -> Asset?
  func asset(kandjiDeviceID: String) async throws -> Asset?
  /// The asset a typed display ID names: the one with exactly this display ID, else the one
  /// whose display ID is the same without regard to case, diacritics, quotes or repeated spaces
  /// (`SearchKey.match`; the lowest id when several are), else `nil`. One indexed query however
  /// many assets contain the text.
  func asset(displayID: String) async throws -> Asset?
  func assets(_ query: AssetQuery) async throws -> Page<Asset>
  /// A page of assets with their contacts, for lists: no query per asset.
  func assetListing(_ query: AssetQuery) async throws -> Page<ListedAsset>
  /// An asset with its type, fields, contacts and `recentTickets` newest tickets, in one read.
  func assetDetail(id: Int64, recentTickets: Int) async throws -> AssetDetail?
  /// A manual asset; fails with `.duplicateDisplayID` when the display ID is taken.
  func createManualAsset(_ draft: ManualAssetDraft, at: Date) async throws -> Asset
  /// Changes a manual asset; refuses managed assets (`AssetWriteRules`).
  func updateManualAsset(id: Int64, _ change: ManualAssetChange, at: Date) async throws -> Asset
  func deleteManualAsset(id: Int64) async throws

  // MARK: Counts
  /// Assets per type id (for metrics and tabs), retired included.
  func assetCounts() async throws -> [Int64: Int]
}
