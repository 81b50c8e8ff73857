import AssetCore
import AssetStore
import Foundation
import SyncService

/// The API's JSON shapes (HappyFox v1.1, plus `managed`, `source`, `source_url`, `retired`).
enum Representation {
  static func date(_ date: Date?) -> JSONValue { date.map { .string(ISO8601.string($0)) } ?? .null }

  static func assetType(_ type: AssetType, count: Int? = nil) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("id", .int(Int(type.id))), ("name", .string(type.name)), ("description", .string(type.description)),
      ("managed", .bool(type.isManaged)), ("source", type.isManaged ? .string("kandji") : .null),
      (
        "settings",
        .object([
          ("allow_manual_assets", .bool(true)), ("read_only", .bool(type.isManaged)),
          ("platform", .string(type.platform?.rawValue)),
        ])
      ),
    ]
    if let count { members.append(("asset_count", .int(count))) }
    return .object(members)
  }

  static func field(_ field: AssetField, type: AssetType) -> JSONValue {
    .object([
      ("id", .int(Int(field.id))), ("type", .string(field.type.rawValue)),
      ("asset_type", .object([("id", .int(Int(type.id))), ("name", .string(type.name))])),
      ("name", .string(field.name)), ("group", .string(field.group)), ("read_only", .bool(field.isManaged)),
      ("key", .string(field.managedField?.rawValue)), ("order", .int(field.position)),
      ("choices", .array(field.choices.map { .object([("id", .int($0.id)), ("value", .string($0.value))]) })),
    ])
  }

  static func contactSummary(_ contact: Contact) -> JSONValue {
    .object([("id", .int(Int(contact.id))), ("name", .string(contact.name)), ("email", .string(contact.email))])
  }

  static func contact(_ contact: Contact) -> JSONValue {
    .object([
      ("id", .int(Int(contact.id))), ("name", .string(contact.name)), ("email", .string(contact.email)),
      ("phones", .array(contact.phones.map(JSONValue.string))), ("created_at", date(contact.createdAt)),
      ("updated_at", date(contact.updatedAt)),
    ])
  }

  static func ticket(_ ticket: Ticket) -> JSONValue {
    .object([
      ("id", .int(Int(ticket.id))), ("subject", .string(ticket.subject)), ("status", .string(ticket.status.rawValue)),
      ("contact_id", .int(ticket.contactID)), ("asset_ids", .array(ticket.assetIDs.map { .int(Int($0)) })),
      ("created_by", .int(ticket.createdBy)), ("created_at", date(ticket.createdAt)),
      ("updated_at", date(ticket.updatedAt)),
    ])
  }

  /// An asset with its fields' values. A synced asset's Kandji link (R18) comes from its own
  /// connection's URL (R22).
  static func asset(
    _ asset: Asset, type: AssetType, fields: [AssetField], links: [ContactLink], source: SourceTenant?,
    recentTickets: [Ticket]? = nil
  ) -> JSONValue {
    let customFields: [JSONValue] = fields.map { field in
      let value: String? =
        if let managed = field.managedField { asset.kandji.flatMap { managed.value(in: $0) } } else {
          asset.customValues[field.id]
        }
      return .object([
        ("id", .int(Int(field.id))), ("name", .string(field.name)), ("type", .string(field.type.rawValue)),
        ("order", .int(field.position)), ("group", .string(field.group)), ("read_only", .bool(field.isManaged)),
        ("value", .string(value)),
      ])
    }
    var members: [(String, JSONValue)] = [
      ("id", .int(Int(asset.id))), ("display_id", .string(asset.displayID)), ("name", .string(asset.name)),
      (
        "contacts",
        .array(
          links.map {
            .object([
              ("id", .int(Int($0.contact.id))), ("name", .string($0.contact.name)),
              ("email", .string($0.contact.email)),
              ("association", .string($0.source.rawValue)),
            ])
          })
      ),
      ("asset_type", .object([("id", .int(Int(type.id))), ("name", .string(type.name))])),
      ("custom_fields", .array(customFields)),
      ("created_by", .int(asset.createdBy)), ("updated_by", .int(asset.updatedBy)),
      ("created_at", date(asset.createdAt)), ("updated_at", date(asset.updatedAt)),
      ("managed", .bool(asset.isManaged)), ("source", asset.isManaged ? .string("kandji") : .null),
      ("source_url", .string(source?.consoleURL(for: asset))), ("source_tenant", sourceTenant(source)),
      ("retired", .bool(asset.isRetired)), ("retired_at", date(asset.retiredAt)),
      ("retired_reason", .string(asset.retiredReason)),
    ]
    if let recentTickets { members.append(("recent_tickets", .array(recentTickets.map(ticket)))) }
    return .object(members)
  }
}
