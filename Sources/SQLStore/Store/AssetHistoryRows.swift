import AssetCore
import AssetStore
import Foundation

/// The statements that write asset history (issue 20). Every write path adds them to its own
/// transaction, so an entry exists exactly when its change does; a change of nothing adds none.
enum AssetHistoryRows {
  static let columns =
    "asset_id, at, kind, source, field, old_value, new_value, note, agent_id, run_id, connection_id"

  /// One entry, its values known in Swift (`connection` may be a subquery).
  struct Entry {
    var kind: AssetHistoryEntry.Kind
    var field: String? = nil
    var oldValue: String? = nil
    var newValue: String? = nil
    var note: String? = nil
  }

  /// Who made a change: an agent, a run (by its id; its trigger tells sync from quick refresh),
  /// or "Refresh from Kandji" (run 0 with an agent).
  struct Actor {
    var source: SQLStatement
    var agentID: Int64?
    var runID: Int64?
    var connection: SQLStatement

    static func agent(_ agentID: Int64?) -> Actor {
      Actor(source: "\(AssetHistoryEntry.Source.agent.rawValue)", agentID: agentID, runID: nil, connection: "NULL")
    }

    /// A sync batch's writer: the run (0: "Refresh from Kandji", by `agentID`) and the asset's
    /// connection after the write (`connectionID`, else the run's, else the asset's).
    static func batch(runID: Int64, agentID: Int64?, assetID: Int64, connectionID: Int64?) -> Actor {
      guard runID > 0 else {
        return Actor(
          source: "\(AssetHistoryEntry.Source.kandjiRefresh.rawValue)", agentID: agentID, runID: nil,
          connection: "COALESCE(\(connectionID), (SELECT connection_id FROM assets WHERE id = \(assetID)))")
      }
      return Actor(
        source: """
          COALESCE((SELECT CASE WHEN trigger = \(SyncTrigger.refresh.rawValue) THEN \(AssetHistoryEntry.Source.quickRefresh.rawValue)
            ELSE \(AssetHistoryEntry.Source.sync.rawValue) END FROM sync_runs WHERE id = \(runID)), \(AssetHistoryEntry.Source.sync.rawValue))
          """, agentID: agentID, runID: runID,
        connection: """
          COALESCE(\(connectionID), (SELECT connection_id FROM sync_runs WHERE id = \(runID)),
            (SELECT connection_id FROM assets WHERE id = \(assetID)))
          """)
    }
  }

  /// One INSERT for the entries of one asset; nothing when there are none.
  static func insert(assetID: Int64, _ entries: [Entry], by actor: Actor, at now: Date) -> [SQLStatement] {
    guard !entries.isEmpty else { return [] }
    let tuples = entries.map { e -> SQLStatement in
      """
      (\(assetID), \(now), \(e.kind.rawValue), \(actor.source), \(e.field), \(e.oldValue), \(e.newValue), \(e.note),
        \(actor.agentID), \(actor.runID), \(actor.connection))
      """
    }
    return ["INSERT INTO asset_history (\(raw: columns)) VALUES " + SQLStatement.joined(tuples, separator: ", ")]
  }

  /// A managed field's label for the asset's type as it is now, or its key.
  static func managedLabel(_ field: ManagedField, typeID: Int64) -> SQLStatement {
    """
    COALESCE((SELECT name FROM asset_fields WHERE asset_type_id = \(typeID) AND managed_key = \(field.rawValue)),
      \(field.rawValue))
    """
  }

  /// The managed fields whose changes are history: every one but the device id (a re-enrollment
  /// shows as the enrollment) and the last check-in, which moves at every check-in and would
  /// fill the history with heartbeats (it is shown on the asset itself).
  static func historyFields(_ new: ManagedAttributes, _ old: ManagedAttributes) -> [ManagedField] {
    new.changedFields(comparedTo: old).filter { $0 != .deviceID && $0 != .lastCheckIn }
  }

  /// A managed field's value as history shows it (`user`: the name and email).
  static func value(_ field: ManagedField, _ attributes: ManagedAttributes) -> String? {
    guard field == .user else { return field.value(in: attributes) }
    switch (attributes.userName, attributes.userEmail) {
    case (let name?, let email?) where !name.isEmpty: return "\(name) <\(email)>"
    case (_, let email): return email
    }
  }

  /// What a sync decision records: field changes (label, old → new), a restore with its reason,
  /// a retirement with its reason, a creation. `before`: entries that read the asset before the
  /// decision's writes; `after`: entries that need the row it creates.
  static func statements(
    for decision: SyncDecision, typeIDs: [Platform: Int64], runID: Int64, agentID: Int64?, at now: Date
  ) -> (before: [SQLStatement], after: [SQLStatement]) {
    switch decision {
    case .skip, .fail:
      return ([], [])
    case .retire(let assetID, let reason):
      let actor = Actor.batch(runID: runID, agentID: agentID, assetID: assetID, connectionID: nil)
      return (
        [
          """
          INSERT INTO asset_history (\(raw: columns))
          SELECT id, \(now), \(AssetHistoryEntry.Kind.retired.rawValue), \(actor.source), NULL, NULL, NULL, \(reason),
            \(actor.agentID), \(actor.runID), connection_id
          FROM assets WHERE id = \(assetID) AND retired_at IS NULL
          """
        ], []
      )
    case .create(let new):
      let source: SQLStatement =
        runID > 0
        ? Actor.batch(runID: runID, agentID: agentID, assetID: 0, connectionID: nil).source
        : "\(AssetHistoryEntry.Source.kandjiRefresh.rawValue)"
      return (
        [],
        [
          """
          INSERT INTO asset_history (\(raw: columns))
          SELECT id, \(now), \(AssetHistoryEntry.Kind.created.rawValue), \(source), NULL, NULL, NULL, NULL,
            \(agentID), \(runID > 0 ? runID : nil), connection_id
          FROM assets WHERE kandji_device_id = \(new.attributes.deviceID)
          """
        ]
      )
    case .update(let update):
      guard let previous = update.previous else { return ([], []) }
      let typeID = typeIDs[update.platform] ?? 0
      var entries: [Entry] = []
      var labelled: [(SQLStatement, String?, String?)] = []
      if previous.name != update.name {
        entries.append(Entry(kind: .fieldChanged, field: "Name", oldValue: previous.name, newValue: update.name))
      }
      if previous.displayID != update.displayID {
        entries.append(
          Entry(kind: .fieldChanged, field: "Display ID", oldValue: previous.displayID, newValue: update.displayID))
      }
      for field in historyFields(update.attributes, previous.attributes) {
        labelled.append(
          (managedLabel(field, typeID: typeID), value(field, previous.attributes), value(field, update.attributes)))
      }
      // Issue 19's list attributes: one entry per changed key, labelled as the catalogue names
      // it; an asset's first document (stored by no earlier release) changes nothing an agent saw.
      if previous.listAttributesRead {
        for change in update.attributes.listAttributes.changes(from: previous.attributes.listAttributes) {
          labelled.append(("\(change.label)", change.old, change.new))
        }
      }
      if update.unretire {
        entries.append(Entry(kind: .restored, note: "back in Kandji"))
      }
      let actor = Actor.batch(
        runID: runID, agentID: agentID, assetID: update.assetID, connectionID: update.connectionID)
      var statements = insert(assetID: update.assetID, entries, by: actor, at: now)
      if !labelled.isEmpty {
        let tuples = labelled.map { label, old, new -> SQLStatement in
          """
          (\(update.assetID), \(now), \(AssetHistoryEntry.Kind.fieldChanged.rawValue), \(actor.source), \(label), \(old),
            \(new), NULL, \(actor.agentID), \(actor.runID), \(actor.connection))
          """
        }
        statements.append(
          "INSERT INTO asset_history (\(raw: columns)) VALUES " + SQLStatement.joined(tuples, separator: ", "))
      }
      return (statements, [])
    }
  }
}
