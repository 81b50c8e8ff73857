/// Every documented key of HappyFox's objects with its JSON type, written from HappyFox's public
/// API v1.1 knowledge-base articles (1201 assets, 1092 contacts and groups, 1039 tickets, 360
/// staff, categories, statuses, priorities) — not from AssetSync's answers.
enum Article {
  static let pageInfo = Shape.object([
    "count": .int, "last_index": .int, "page_count": .int, "start_index": .int, "end_index": .int,
  ])

  static func page(_ item: Shape) -> Shape { .object(["page_info": pageInfo, "data": .array(item)]) }

  static let idName = Shape.object(["id": .int, "name": .string])

  // MARK: 1201 Asset management

  static let assetCustomField = Shape.object([
    "id": .int, "name": .string, "type": .string, "order": .int, "value": .fieldValue,
  ])
  static let asset = Shape.object([
    "id": .int, "display_id": .string, "name": .string,
    "contacts": .array(.object(["email": .string, "name": .string, "id": .int])), "created_by": .int,
    "updated_by": .optional(.int), "created_at": .timestamp(.zulu), "updated_at": .timestamp(.zulu),
    "asset_type": idName, "custom_fields": .array(assetCustomField),
  ])
  static let assetType = Shape.object([
    "id": .int, "name": .string, "description": .optional(.string),
    "settings": .object([
      "enable_ticket_association": .bool, "enable_contact_association": .bool,
      "enable_asset_quantity_for_ticket": .bool,
    ]),
  ])
  static let assetField = Shape.object([
    "id": .int, "type": .string, "asset_type": idName, "name": .string,
    "choices": .optional(.array(.object(["id": .int, "text": .string]))),
  ])

  // MARK: 1092 Contacts and contact groups

  static let phone = Shape.object(["type": .string, "number": .string, "id": .int])
  static let contactGroupOfContact = Shape.object([
    "tagged_domains": .string, "access_all_tickets_in_group": .bool, "description": .string, "name": .string,
    "id": .int,
  ])
  static let contact = Shape.object([
    "name": .string, "primary_phone": .optional(phone), "phones": .array(phone),
    "created_at": .optional(.timestamp(.spaced)), "updated_at": .optional(.timestamp(.spaced)),
    "pending_tickets_count": .int, "contact_groups": .array(contactGroupOfContact), "tickets_count": .int,
    "id": .int, "email": .string,
    "custom_fields": .array(
      .object([
        "name": .string, "value": .fieldValue, "value_id": .optional(.int), "type": .string, "id": .int,
        "visible_to_staff_only": .bool,
      ])),
  ])
  static let contactSaved = Shape.object(["email": .string, "success": .bool, "id": .int])
  static let contactGroup = Shape.object([
    "tagged_domains": .string, "id": .int, "name": .string, "description": .string,
  ])
  static let contactGroupDetail = Shape.object([
    "tagged_domains": .string, "id": .int, "description": .string, "name": .string, "contacts": .array(.object([:])),
  ])
  static let groupContactRemoved = Shape.object([
    "data": .object(["message": .string, "contact": .int]), "success": .bool,
  ])
  static let groupContactAdded = Shape.object([
    "data": .object(["access_tickets": .bool, "contact": .int]), "success": .bool,
  ])
  static let groupContactRefused = Shape.object([
    "errors": .array(.object(["field": .string, "errors": .array(.string)])), "success": .bool,
  ])

  // MARK: 360 Staff, categories, statuses, priorities

  static let staff = Shape.object([
    "name": .string, "is_account_admin": .bool, "email": .string, "role": idName, "active": .bool, "id": .int,
    "categories": .array(.int), "permissions": .array(.string),
  ])
  static let category = Shape.object([
    "prepopulate_cc": .string, "description": .string, "time_spent_mandatory": .bool, "public": .bool, "id": .int,
    "name": .string,
  ])
  static let status = Shape.object([
    "name": .string, "color": .string, "order": .int, "default": .bool, "behavior": .string, "id": .int,
  ])
  static let priority = Shape.object(["default": .bool, "id": .int, "name": .string, "order": .int])

  // MARK: 1039 Tickets

  static let change = Shape.optional(.object(["new_name": .string, "new": .int, "old": .int, "old_name": .string]))
  static let update = Shape.object([
    "priority_change": change, "category_change": change, "custom_field_change": .null,
    "timestamp": .timestamp(.spaced),
    "due_date_change": .optional(.object(["new": .optional(.string), "old": .optional(.string)])),
    "by": .object(["email": .string, "type": .string, "id": .int, "name": .string]), "time_spent": .optional(.int),
    "update_id": .int,
    "message": .optional(
      .object([
        "attachments": .array(.object([:])), "bcc_list": .string, "text": .string, "cc_list": .string,
        "customer_updated": .bool, "html": .string, "forward_list": .null, "message_type": .optional(.string),
        "subject": .string,
      ])),
    "assignee_change": .optional(
      .object([
        "new_name": .optional(.string), "new": .optional(.int), "old": .optional(.int), "old_name": .optional(.string),
      ])),
    "status_change": change, "satisfaction_survey": .null,
  ])
  static let ticket = Shape.object([
    "status": status, "first_message": .optional(.string), "last_user_reply_at": .optional(.timestamp(.spaced)),
    "time_spent": .int, "id": .int, "messages_count": .int, "subject": .string, "category": category,
    "attachments_count": .int, "last_updated_at": .timestamp(.spaced), "priority": priority,
    "last_staff_reply_at": .optional(.timestamp(.spaced)), "custom_fields": .array(.object([:])),
    "sla_breaches": .int, "merged_tickets": .array(.object([:])), "visible_only_staff": .optional(.bool),
    "display_id": .string, "due_date": .optional(.string), "tags": .string, "last_modified": .timestamp(.spaced),
    "user": contact, "subscribers": .array(.object([:])), "unresponded": .bool, "created_at": .timestamp(.spaced),
    "source": .string, "assigned_to": .optional(staff), "updates": .array(update), "merged_to": .null,
  ])
  static let ticketCreated = Shape.object(["display_id": .string, "id": .int, "success": .bool])
  static let ticketCreateRefused = Shape.object([
    "success": .bool, "error": .array(.object(["field": .string, "errors": .array(.string)])),
  ])
  static let moved = Shape.object(["status_code": .int, "message": .string])
  static let deleted = Shape.object(["deleted_ticket": .string])

  // MARK: Errors

  /// 1201: `{"error": {"display_id": ["…"], "custom_fields": {"1": "…"}}}`.
  static let assetError = Shape.object([
    "error": .object(["display_id": .array(.string), "custom_fields": .object([:])])
  ])
  /// 1092 and 1039: `{"error": [{"field": "name", "errors": ["…"]}]}`.
  static let fieldListError = Shape.object(["error": .array(.object(["field": .string, "errors": .array(.string)]))])
}
