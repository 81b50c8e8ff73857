import Foundation

/// One change of an asset (issue 20): what changed, old → new, and who or which run changed it.
public struct AssetHistoryEntry: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// The asset was created (by a sync or an agent).
    case created
    /// A field's value changed (`field`, `oldValue` → `newValue`).
    case fieldChanged = "field_changed"
    case retired
    case restored
    case contactLinked = "contact_linked"
    case contactUnlinked = "contact_unlinked"
    case ticketLinked = "ticket_linked"
    case ticketUnlinked = "ticket_unlinked"
  }

  /// Who made the change.
  public enum Source: String, Sendable, Hashable, CaseIterable {
    /// A sync run (initial, scheduled, manual, CLI, resumed).
    case sync
    /// A quick refresh run (R23).
    case quickRefresh = "quick_refresh"
    /// "Refresh from Kandji" by an agent.
    case kandjiRefresh = "kandji_refresh"
    /// An agent's edit, link or unlink.
    case agent
  }

  public var id: Int64
  public var assetID: Int64
  public var at: Date
  public var kind: Kind
  public var source: Source
  /// The field's label as it was when changed.
  public var field: String?
  public var oldValue: String?
  public var newValue: String?
  /// The reason of a retirement or restore, the contact or ticket linked or unlinked.
  public var note: String?
  public var agentID: Int64?
  /// The agent's name today (nil when the agent is gone or there is none).
  public var agentName: String?
  public var runID: Int64?
  public var connectionID: Int64?
  /// The connection's name today.
  public var connectionName: String?

  public init(
    id: Int64, assetID: Int64, at: Date, kind: Kind, source: Source, field: String? = nil, oldValue: String? = nil,
    newValue: String? = nil, note: String? = nil, agentID: Int64? = nil, agentName: String? = nil,
    runID: Int64? = nil, connectionID: Int64? = nil, connectionName: String? = nil
  ) {
    self.id = id
    self.assetID = assetID
    self.at = at
    self.kind = kind
    self.source = source
    self.field = field
    self.oldValue = oldValue
    self.newValue = newValue
    self.note = note
    self.agentID = agentID
    self.agentName = agentName
    self.runID = runID
    self.connectionID = connectionID
    self.connectionName = connectionName
  }
}
