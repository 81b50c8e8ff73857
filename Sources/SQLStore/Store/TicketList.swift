import AssetCore
import AssetStore
import Foundation

/// A ticket query as SQL: HappyFox's status, category and search filters (`TicketSearch`) as
/// conditions, its sort orders as `ORDER BY` (ties newest ticket first).
enum TicketList {
  static func condition(_ query: TicketQuery) -> SQLStatement {
    var conditions: [SQLStatement] = ["1 = 1"]
    switch query.statuses {
    case .all: break
    case .pending:
      conditions.append("tickets.status_id IN (SELECT id FROM ticket_statuses WHERE behavior = 'pending')")
    case .ids(let ids): conditions.append("tickets.status_id IN (\(list: ids.isEmpty ? [0] : ids))")
    }
    if let id = query.categoryID { conditions.append("tickets.category_id = \(id)") }
    if let id = query.contactID { conditions.append("tickets.contact_id = \(id)") }
    if let id = query.assetID {
      conditions.append("tickets.id IN (SELECT ticket_id FROM ticket_assets WHERE asset_id = \(id))")
    }
    switch query.assigneeID {
    case .none: break
    case .some(.none): conditions.append("tickets.assignee_id IS NULL")
    case .some(.some(let id)): conditions.append("tickets.assignee_id = \(id)")
    }
    conditions += search(query.search, today: query.today)
    return SQLStatement.joined(conditions, separator: " AND ")
  }

  static func search(_ search: TicketSearch, today: String) -> [SQLStatement] {
    var conditions: [SQLStatement] = []
    if !search.statusNames.isEmpty {
      let names = search.statusNames.map { $0.lowercased() }
      conditions.append("tickets.status_id IN (SELECT id FROM ticket_statuses WHERE lower(name) IN (\(list: names)))")
    }
    if !search.priorityNames.isEmpty {
      let names = search.priorityNames.map { $0.lowercased() }
      conditions.append(
        "tickets.priority_id IN (SELECT id FROM ticket_priorities WHERE lower(name) IN (\(list: names)))")
    }
    if !search.tags.isEmpty {
      conditions.append("tickets.id IN (SELECT ticket_id FROM ticket_tags WHERE tag IN (\(list: search.tags)))")
    }
    if let match = search.assignee {
      switch match {
      case .none: conditions.append("tickets.assignee_id IS NULL")
      case .any: conditions.append("tickets.assignee_id IS NOT NULL")
      case .keywords(let words):
        let emails = words.map { $0.lowercased() }
        conditions.append(
          "tickets.assignee_id IN (SELECT id FROM agents WHERE email_key IN (\(list: emails)) OR name IN (\(list: words)))"
        )
      }
    }
    if let match = search.group {
      let members: SQLStatement = "SELECT contact_id FROM contact_group_members"
      switch match {
      case .none: conditions.append("(tickets.contact_id IS NULL OR tickets.contact_id NOT IN (\(members)))")
      case .any: conditions.append("tickets.contact_id IN (\(members))")
      case .keywords(let names):
        conditions.append(
          """
          tickets.contact_id IN (SELECT m.contact_id FROM contact_group_members m
            JOIN contact_groups g ON g.id = m.group_id WHERE g.name IN (\(list: names)))
          """)
      }
    }
    if !search.contacts.isEmpty {
      let matches = search.contacts.compactMap { keyword -> SQLStatement? in
        guard let term = AssetSearch.term(keyword) else { return nil }
        let digits = keyword.filter { $0.isASCII && $0.isNumber }
        let phone: SQLStatement =
          digits.isEmpty ? "" : " OR phone_key LIKE \(AssetSearch.likePattern(digits)) ESCAPE '\\'"
        return "search_key LIKE \(AssetSearch.likePattern(term)) ESCAPE '\\'\(phone)"
      }
      if !matches.isEmpty {
        conditions.append(
          "tickets.contact_id IN (SELECT id FROM contacts WHERE \(SQLStatement.joined(matches, separator: " OR ")))")
      }
    }
    if !search.ids.isEmpty { conditions.append("tickets.id IN (\(list: search.ids))") }
    if !search.categoryIDs.isEmpty { conditions.append("tickets.category_id IN (\(list: search.categoryIDs))") }
    for term in search.dates { conditions.append(date(term)) }
    if let unresponded = search.unresponded {
      conditions.append(
        unresponded ? "tickets.last_staff_reply_at IS NULL" : "tickets.last_staff_reply_at IS NOT NULL")
    }
    // AssetSync keeps no attachments and no SLAs: nothing has one, nothing breached one.
    if search.hasAttachments == true || search.breached == true { conditions.append("1 = 0") }
    if let due = search.due { conditions.append(self.due(due, today: today)) }
    for word in search.words {
      if let term = AssetSearch.term(word) {
        conditions.append("tickets.search_key LIKE \(AssetSearch.likePattern(term)) ESCAPE '\\'")
      }
    }
    return conditions
  }

  static func date(_ term: TicketSearch.DateTerm) -> SQLStatement {
    let column: String =
      switch term.field {
      case .created: "tickets.created_at"
      case .lastModified: "tickets.updated_at"
      case .lastStaffReplied: "tickets.last_staff_reply_at"
      case .lastContactReplied: "tickets.last_user_reply_at"
      case .lastClosed: "tickets.last_closed_at"
      }
    let start = (try? Date(term.day + "T00:00:00Z", strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
    let end = start + 86_400
    switch term.comparison {
    case .on: return "(\(raw: column) >= \(start) AND \(raw: column) < \(end))"
    case .onOrBefore: return "\(raw: column) < \(end)"
    case .onOrAfter: return "\(raw: column) >= \(start)"
    case .before: return "\(raw: column) < \(start)"
    case .after: return "\(raw: column) >= \(end)"
    }
  }

  static func due(_ due: TicketSearch.Due, today: String) -> SQLStatement {
    let day = (try? Date(today + "T00:00:00Z", strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
    func text(_ offset: Int) -> String { String(ISO8601.string(day + Double(offset) * 86_400).prefix(10)) }
    switch due {
    case .today: return "tickets.due_date = \(text(0))"
    case .yesterday: return "tickets.due_date = \(text(-1))"
    case .tomorrow: return "tickets.due_date = \(text(1))"
    case .overdue: return "tickets.due_date < \(text(0))"
    case .next7Days: return "(tickets.due_date >= \(text(0)) AND tickets.due_date <= \(text(7)))"
    }
  }

  static func order(_ sort: TicketSort) -> SQLStatement {
    let status = "(SELECT position FROM ticket_statuses WHERE ticket_statuses.id = tickets.status_id)"
    let priority = "(SELECT position FROM ticket_priorities WHERE ticket_priorities.id = tickets.priority_id)"
    let category = "(SELECT lower(name) FROM ticket_categories WHERE ticket_categories.id = tickets.category_id)"
    let assignee = "(SELECT email_key FROM agents WHERE agents.id = tickets.assignee_id)"
    let key: String =
      switch sort {
      case .categoryAscending: "\(category) ASC"
      case .categoryDescending: "\(category) DESC"
      case .subjectAscending: "tickets.search_key ASC"
      case .subjectDescending: "tickets.search_key DESC"
      case .due: "CASE WHEN tickets.due_date IS NULL THEN 1 ELSE 0 END, tickets.due_date ASC"
      case .statusAscending: "\(status) ASC"
      case .statusDescending: "\(status) DESC"
      case .priorityAscending: "\(priority) ASC"
      case .priorityDescending: "\(priority) DESC"
      case .updatedDescending: "tickets.last_updated_at DESC"
      case .updatedAscending: "tickets.last_updated_at ASC"
      case .unresponded:
        "CASE WHEN tickets.last_staff_reply_at IS NULL THEN 0 ELSE 1 END, tickets.last_updated_at DESC"
      case .createdAscending: "tickets.created_at ASC"
      case .createdDescending: "tickets.created_at DESC"
      case .assigneeAscending: "CASE WHEN tickets.assignee_id IS NULL THEN 1 ELSE 0 END, \(assignee) ASC"
      case .assigneeDescending: "CASE WHEN tickets.assignee_id IS NULL THEN 1 ELSE 0 END, \(assignee) DESC"
      case .lastModifiedAscending: "tickets.updated_at ASC"
      case .lastModifiedDescending: "tickets.updated_at DESC"
      case .ticketAscending: "tickets.id ASC"
      case .ticketDescending: "tickets.id DESC"
      case .clientAscending: "COALESCE(tickets.contact_id, 0) ASC"
      case .clientDescending: "COALESCE(tickets.contact_id, 0) DESC"
      }
    return "\(raw: key), tickets.id DESC"
  }
}
