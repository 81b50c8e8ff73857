import AssetCore
import Foundation

/// Admins' asset types and fields (AssetSync's extension endpoints; HappyFox's admin UI). The
/// Kandji types and fields refuse every change (`AssetWriteRules`).
public protocol AssetTypeStore: Sendable {
  /// Fails with `.duplicateName` when the name is taken (case-insensitive).
  func createAssetType(_ draft: AssetTypeDraft) async throws -> AssetType
  func updateAssetType(id: Int64, _ change: AssetTypeChange) async throws -> AssetType
  /// Deletes a manual type without assets (its fields go with it).
  func deleteAssetType(id: Int64) async throws
  func field(id: Int64) async throws -> AssetField?
  /// Fails with `.duplicateName` when the type has a field of that name.
  func createField(assetTypeID: Int64, _ draft: FieldDraft) async throws -> AssetField
  /// Renames a field or changes its options; values set to a removed option are cleared.
  func updateField(id: Int64, _ change: FieldChange) async throws -> AssetField
  /// Deletes a field and every value of it.
  func deleteField(id: Int64) async throws
}

extension AssetTypeStore {
  public func createAssetType(name: String, description: String) async throws -> AssetType {
    try await createAssetType(AssetTypeDraft(name: name, description: description))
  }
}

public struct AssetTypeDraft: Sendable, Hashable {
  public var name: String
  public var description: String
  public var settings: AssetTypeSettings

  public init(name: String, description: String = "", settings: AssetTypeSettings = AssetTypeSettings()) {
    self.name = name
    self.description = description
    self.settings = settings
  }
}

public struct AssetTypeChange: Sendable, Hashable {
  public var name: String?
  public var description: String?
  public var settings: AssetTypeSettings?

  public init(name: String? = nil, description: String? = nil, settings: AssetTypeSettings? = nil) {
    self.name = name
    self.description = description
    self.settings = settings
  }
}

/// A field to add to a manual type; `choices` are the option labels of a dropdown or
/// multiple-choice field (ids 1, 2, … in order).
public struct FieldDraft: Sendable, Hashable {
  public var name: String
  public var type: AssetFieldType
  public var choices: [String]

  public init(name: String, type: AssetFieldType, choices: [String] = []) {
    self.name = name
    self.type = type
    self.choices = choices
  }
}

/// Changes to a field. `choices` replaces the options: an entry with an id keeps (and may
/// relabel) that option, one without adds an option, and options left out are removed.
public struct FieldChange: Sendable, Hashable {
  public struct Choice: Sendable, Hashable {
    public var id: Int?
    public var text: String

    public init(id: Int? = nil, text: String) {
      self.id = id
      self.text = text
    }
  }

  public var name: String?
  public var choices: [Choice]?

  public init(name: String? = nil, choices: [Choice]? = nil) {
    self.name = name
    self.choices = choices
  }
}
