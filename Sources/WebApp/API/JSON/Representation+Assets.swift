import AssetCore
import AssetStore
import Foundation
import SyncService

/// The API's JSON shapes: HappyFox v1.1's keys, in its articles' types, plus AssetSync's extra
/// keys (`managed`, `source`, `source_url`, `retired`, `recent_tickets`, …).
enum Representation {
  /// Assets' timestamps, as article 1201 writes them: `2019-11-15T07:49:40Z`.
  static func date(_ date: Date?) -> JSONValue { date.map { .string(ISO8601.string($0)) } ?? .null }

  static func assetType(_ type: AssetType, count: Int? = nil) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("id", .int(Int(type.id))), ("name", .string(type.name)), ("description", .string(type.description)),
      (
        "settings",
        .object([
          ("enable_ticket_association", .bool(type.settings.ticketAssociation)),
          ("enable_contact_association", .bool(type.settings.contactAssociation)),
          ("enable_asset_quantity_for_ticket", .bool(type.settings.assetQuantityForTicket)),
          ("allow_manual_assets", .bool(true)), ("read_only", .bool(type.isManaged)),
          ("platform", .string(type.platform?.rawValue)),
        ])
      ),
      ("managed", .bool(type.isManaged)), ("source", type.isManaged ? .string("kandji") : .null),
    ]
    if let count { members.append(("asset_count", .int(count))) }
    return .object(members)
  }

  static func typeSummary(_ type: AssetType) -> JSONValue {
    .object([("id", .int(Int(type.id))), ("name", .string(type.name))])
  }

  static func field(_ field: AssetField, type: AssetType) -> JSONValue {
    .object([
      ("id", .int(Int(field.id))), ("type", .string(field.type.rawValue)), ("asset_type", typeSummary(type)),
      ("name", .string(field.name)),
      (
        "choices",
        field.type.hasChoices
          ? .array(
            field.choices.map {
              .object([("id", .int($0.id)), ("text", .string($0.value)), ("value", .string($0.value))])
            }) : .null
      ),
      ("order", .int(field.position)), ("group", .string(field.group)), ("read_only", .bool(field.isManaged)),
      ("key", .string(field.kandjiKey)),
    ])
  }

  static func value(_ value: FieldValue?) -> JSONValue {
    switch value {
    case nil: .null
    case .text(let text)?, .date(let text)?: .string(text)
    case .number(let number)?: .int(Int(number))
    case .choice(let id)?: .int(id)
    case .choices(let ids)?: .array(ids.map { .int($0) })
    case .flag(let flag)?: .bool(flag)
    }
  }

  /// An asset with its fields' values. A synced asset's Kandji link (R18) comes from its own
  /// connection's URL (R22).
  static func asset(
    _ asset: Asset, type: AssetType, fields: [AssetField], links: [ContactLink], source: SourceTenant?,
    recentTickets: [JSONValue]? = nil
  ) -> JSONValue {
    let customFields: [JSONValue] = fields.map { field in
      let attribute = field.kandjiAttribute
      let kandjiValue = attribute.flatMap { asset.kandjiValue($0) }
      let value: JSONValue =
        if attribute != nil {
          Representation.kandjiValue(kandjiValue)
        } else {
          Representation.value(asset.customValues[field.id].map { FieldValue.stored($0, type: field.type) })
        }
      var members: [(String, JSONValue)] = [
        ("id", .int(Int(field.id))), ("name", .string(field.name)), ("type", .string(field.type.rawValue)),
        ("order", .int(field.position)), ("value", value), ("group", .string(field.group)),
        ("read_only", .bool(field.isManaged)),
      ]
      // A date field holds a day; a moment (the last check-in, enrollments) is kept beside it.
      if attribute?.type == .dateTime {
        if case .dateTime(let moment)? = kandjiValue {
          members.append(("value_datetime", date(moment)))
        } else {
          members.append(("value_datetime", .null))
        }
      }
      return .object(members)
    }
    var members: [(String, JSONValue)] = [
      ("id", .int(Int(asset.id))), ("display_id", .string(asset.displayID)), ("name", .string(asset.name)),
      (
        "contacts",
        .array(
          links.map {
            .object([
              ("id", .int(Int($0.contact.id))), ("name", .string($0.contact.name)),
              ("email", .string($0.contact.email)), ("association", .string($0.source.rawValue)),
            ])
          })
      ),
      ("asset_type", typeSummary(type)), ("custom_fields", .array(customFields)),
      ("created_by", .int(asset.createdBy)), ("updated_by", .int(asset.updatedBy)),
      ("created_at", date(asset.createdAt)), ("updated_at", date(asset.updatedAt)),
      ("managed", .bool(asset.isManaged)), ("source", asset.isManaged ? .string("kandji") : .null),
      ("source_url", .string(source?.consoleURL(for: asset))), ("source_tenant", sourceTenant(source)),
      ("retired", .bool(asset.isRetired)), ("retired_at", date(asset.retiredAt)),
      ("retired_reason", .string(asset.retiredReason)),
    ]
    if let recentTickets { members.append(("recent_tickets", .array(recentTickets))) }
    return .object(members)
  }
}
