import AssetCore
import AssetStore
import Foundation
import Hummingbird
import KandjiAPI
import SyncService

/// The asset list (a tab per type), the asset page, and manual assets' forms.
struct AssetPages {
  let services: AppServices
  let renderer: PageRenderer
  var store: any AssetStore { services.store }
  static let pageSize = 50

  struct Tab {
    var id: Int64
    var name: String
    var managed: Bool
    var active: Bool
    var count: Int
  }

  struct Row {
    var id: Int64
    var name, displayID, serial, model, os, user, lastCheckIn: String
    var managed: Bool
    var retired: Bool
    /// The Kandji connection's name, shown when the helpdesk has more than one.
    var tenant: String

    var fields: [String: Any] {
      [
        "id": id, "name": name, "displayID": displayID, "serial": serial, "model": model, "os": os, "user": user,
        "lastCheckIn": lastCheckIn, "managed": managed, "retired": retired, "tenant": tenant,
      ]
    }
  }

  /// A choice in the tenant filter.
  struct TenantOption {
    var id: Int64
    var name: String
    var selected: Bool
  }

  struct TypeSummary {
    var id: Int64
    var name: String
    var managed: Bool
  }

  struct ListModel {
    var chrome: PageChrome
    var tabs: [Tab]
    var type: TypeSummary
    var query: String
    var showAll, showActive, showRetired: Bool
    /// The tenant filter and column appear once there is more than one Kandji connection (R22).
    var tenants: [TenantOption]
    var showTenants: Bool
    var anyTenant: Bool
    /// `Row.fields` of each row: the template reads dictionaries far faster than it reflects on
    /// structs, and a list page has 50 rows of 10 values.
    var rows: [[String: Any]]
    /// Kandji attribute filters (issue 19), on managed types.
    var attributeFilters: AssetListFilters
    var hasRows: Bool
    var from, to, total: Int
    var prevURL, nextURL: String?
    var emptyTitle, emptyMessage: String
  }

  func register(_ pages: PageRoutes<AgentContext>) {
    pages.get("assets") { request, context in try await list(request, context) }
    pages.get("assets/new") { request, context in try await newForm(request, context) }
    pages.post("assets") { request, context in try await create(request, context) }
    pages.get("assets/:id") { request, context in try await show(request, context) }
    pages.get("assets/:id/edit") { request, context in try await editForm(request, context) }
    pages.post("assets/:id/edit") { request, context in try await update(request, context) }
    pages.post("assets/:id/delete") { request, context in try await delete(request, context) }
    pages.post("assets/:id/contacts") { request, context in try await addContact(request, context) }
    pages.post("assets/:id/contacts/:contact/remove") { request, context in try await removeContact(request, context) }
    pages.post("assets/:id/tickets") { request, context in try await linkTicket(request, context) }
    pages.post("assets/:id/tickets/new") { request, context in try await newTicket(request, context) }
    pages.post("assets/:id/refresh") { request, context in try await refresh(request, context) }
  }

  func chrome(_ context: AgentContext, _ title: String, _ request: Request) throws -> (PageChrome, Cookie?) {
    try PageChrome.forPage(context, request, title: title, section: "assets")
  }

  func list(_ request: Request, _ context: AgentContext) async throws -> Response {
    let query = request.uri.queryParameters
    let types = try await store.assetTypes()
    let counts = try await store.assetCounts()
    let typeID = query["type"].flatMap { Int64($0) } ?? types.first?.id ?? 0
    guard let type = types.first(where: { $0.id == typeID }) else { throw APIError.notFound("Asset type \(typeID)") }
    let search = query["q"].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
    let retiredText = query["retired"].map(String.init) ?? ""
    let retired: Bool? = retiredText == "true" ? true : retiredText == "false" ? false : nil
    let pageNumber = max(1, query["page"].flatMap { Int($0) } ?? 1)
    let connections = try await store.kandjiConnections(includeRemoved: true)
    let tenantID = query["tenant"].flatMap { Int64($0) }.flatMap { id in connections.contains { $0.id == id } ? id : nil
    }
    let filters = try AssetAttributeFilters.read(request)
    let page = try await store.assetListing(
      AssetQuery(
        assetTypeID: type.id, search: search.isEmpty ? nil : search, retired: retired, connectionID: tenantID,
        page: pageNumber, size: Self.pageSize, attributeFilters: filters))
    func url(_ page: Int) -> String {
      var parts = ["type=\(type.id)", "page=\(page)"]
      if !search.isEmpty {
        parts.append("q=" + (search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
      }
      if !retiredText.isEmpty { parts.append("retired=\(retiredText)") }
      if let tenantID { parts.append("tenant=\(tenantID)") }
      parts += AssetListFilters.queryParts(filters)
      return "/assets?" + parts.joined(separator: "&")
    }
    let showTenants = connections.count > 1
    let rows = page.items.map { listed in
      let asset = listed.asset
      return Row(
        id: asset.id, name: asset.name, displayID: asset.displayID, serial: asset.kandji?.serialNumber ?? "—",
        model: asset.kandji?.model ?? "—", os: asset.kandji?.osVersion ?? "—", user: asset.kandji?.userEmail ?? "—",
        lastCheckIn: asset.kandji.map { DisplayDate.text($0.lastCheckIn) } ?? "—", managed: asset.isManaged,
        retired: asset.isRetired, tenant: listed.source?.name ?? "—")
    }
    let first = page.items.isEmpty ? 0 : (page.page - 1) * page.size + 1
    let (chrome, clear) = try chrome(context, "\(type.name) assets", request)
    let model = ListModel(
      chrome: chrome,
      tabs: types.map {
        Tab(id: $0.id, name: $0.name, managed: $0.isManaged, active: $0.id == type.id, count: counts[$0.id] ?? 0)
      },
      type: TypeSummary(id: type.id, name: type.name, managed: type.isManaged), query: search,
      showAll: retired == nil, showActive: retired == false, showRetired: retired == true,
      tenants: connections.map {
        TenantOption(
          id: $0.id, name: $0.removedAt == nil ? $0.name : "\($0.name) (removed)", selected: $0.id == tenantID)
      }, showTenants: showTenants, anyTenant: tenantID == nil, rows: rows.map(\.fields),
      attributeFilters: AssetListFilters(type: type, filters: filters), hasRows: !rows.isEmpty,
      from: first, to: first + max(0, rows.count - 1), total: page.total,
      prevURL: page.page > 1 ? url(page.page - 1) : nil, nextURL: page.page < page.pageCount ? url(page.page + 1) : nil,
      emptyTitle: search.isEmpty ? "No \(type.name) assets yet" : "Nothing matches “\(search)”",
      emptyMessage: type.isManaged && search.isEmpty
        ? "Devices appear here after a Kandji sync. You can also add a manual asset."
        : "Try another search, or add an asset.")
    return renderer.page("assets", model).with(cookies: [clear])
  }

  struct Field {
    var label: String
    var value: String
  }

  struct ContactItem {
    var id: Int64
    var name: String
    var email: String
    var auto: Bool
  }

  struct TicketItem {
    var id: Int64
    /// HappyFox's form (`#GEN00000006`), as everywhere else.
    var displayID: String
    var subject: String
    var status: String
    var created: String
  }

  struct AssetSummary {
    var id: Int64
    var name, displayID, typeName: String
    var typeID: Int64
    var managed, retired: Bool
    var consoleURL: String?
    /// The Kandji connection's name, for synced assets.
    var tenant: String?
    /// "Kandji data as of …" (R23): list data and details, for synced assets.
    var listDataAsOf: String?
    var detailsAsOf: String?
    /// Why a synced asset is no longer synced (its connection removed or disabled), in words;
    /// then "Refresh from Kandji", which could only fail, is not offered.
    var syncStopped: String?
    var canRefresh: Bool
    /// The same times in ISO 8601 (`<time datetime>`), to the second.
    var listDataAsOfISO, detailsAsOfISO: String?
  }

  struct AssetModel {
    var chrome: PageChrome
    var asset: AssetSummary
    var assetID: Int64
    var csrf: String
    var kandjiFields: [Field]
    var customFields: [Field]
    var hasCustomFields: Bool
    var contacts: [ContactItem]
    var hasContacts: Bool
    /// Search-as-you-type pickers (issue 20): a contact to add, a ticket to link.
    var contactPicker: Picker
    var tickets: [TicketItem]
    var hasTickets: Bool
    var ticketPicker: Picker
    /// The History section (issue 20).
    var history: AssetHistoryView
  }

  func loadAsset(_ request: Request, _ context: AgentContext) async throws -> Asset {
    let id = try request.id(context, what: "Asset")
    guard let asset = try await store.asset(id: id) else { throw APIError.notFound("Asset \(id)") }
    return asset
  }

  func show(_ request: Request, _ context: AgentContext) async throws -> Response {
    let (model, clear) = try await model(request, context)
    return renderer.page("asset", model).with(cookies: [clear])
  }

  /// The asset page again, 400, with a refused picker's text and problem beside it (nothing the
  /// agent typed is lost).
  func refused(
    _ request: Request, _ context: AgentContext, _ change: (inout AssetModel) -> Void
  ) async throws -> Response {
    var (model, _) = try await model(request, context)
    change(&model)
    model.chrome.error = "Not saved: check the highlighted field."
    return renderer.page("asset", model, status: .badRequest)
  }

  /// The asset page's model.
  func model(_ request: Request, _ context: AgentContext) async throws -> (AssetModel, Cookie?) {
    let id = try request.id(context, what: "Asset")
    // One read: the asset, its type and fields (labels as stored), contacts and recent tickets.
    guard let detail = try await store.assetDetail(id: id, recentTickets: 10) else {
      throw APIError.notFound("Asset \(id)")
    }
    let (asset, type, links, tickets) = (detail.asset, detail.type, detail.contacts, detail.recentTickets)
    // Its connection's selection of Kandji fields, in that order (issue 19).
    let selections = try await KandjiFieldSelections.load(store)
    let kandjiFields = KandjiFieldSelections.shown(detail.fields, keys: selections.keys(for: asset)).compactMap {
      field in
      field.kandjiAttribute.map { attribute in
        Field(label: field.name, value: asset.kandjiValue(attribute).map(Self.readable) ?? "—")
      }
    }
    let custom = detail.fields.filter { !$0.isManaged }.map { field in
      Field(
        label: field.name,
        value: asset.customValues[field.id].map {
          FieldValue.stored($0, type: field.type).display(choices: field.choices)
        }
          ?? "—")
    }
    let catalog = try await store.ticketCatalog()
    let (chrome, clear) = try chrome(context, asset.name, request)
    func item(_ ticket: Ticket) -> TicketItem {
      TicketItem(
        id: ticket.id, displayID: ticket.displayID(prefix: catalog.category(ticket.categoryID)?.prefix ?? ""),
        subject: ticket.subject, status: catalog.status(ticket.statusID)?.name ?? "—",
        created: DisplayDate.text(ticket.createdAt))
    }
    let syncStopped = try await Self.syncStopped(asset, store: store)
    let model = AssetModel(
      chrome: chrome,
      asset: AssetSummary(
        id: asset.id, name: asset.name, displayID: asset.displayID, typeName: type.name, typeID: type.id,
        managed: asset.isManaged, retired: asset.isRetired,
        consoleURL: detail.source?.consoleURL(for: asset), tenant: detail.source?.name,
        listDataAsOf: asset.isManaged ? DisplayDate.text(detail.listDataAsOf) : nil,
        detailsAsOf: asset.isManaged ? DisplayDate.text(detail.detailsAsOf) : nil, syncStopped: syncStopped,
        canRefresh: asset.isManaged && syncStopped == nil,
        listDataAsOfISO: detail.listDataAsOf.map { $0.formatted(.iso8601) },
        detailsAsOfISO: detail.detailsAsOf.map { $0.formatted(.iso8601) }),
      assetID: asset.id, csrf: chrome.csrf, kandjiFields: kandjiFields, customFields: custom,
      hasCustomFields: !custom.isEmpty,
      contacts: links.map {
        ContactItem(id: $0.contact.id, name: $0.contact.name, email: $0.contact.email, auto: $0.source == .kandji)
      },
      hasContacts: !links.isEmpty, contactPicker: .contact(label: "Contact to add", hideLabel: true, required: true),
      tickets: tickets.map(item), hasTickets: !tickets.isEmpty, ticketPicker: .ticket(forAsset: asset.id),
      history: try await AssetHistoryView.load(assetID: asset.id, request: request, store: store))
    return (model, clear)
  }

  /// For a synced asset whose Kandji connection was removed or is disabled, a plain sentence
  /// saying so; `nil` while its connection syncs it.
  static func syncStopped(_ asset: Asset, store: any AssetStore) async throws -> String? {
    guard asset.isManaged, let connectionID = asset.connectionID else { return nil }
    guard let connection = try await store.kandjiConnection(id: connectionID) else {
      return "Its Kandji connection was removed; this asset is no longer synced."
    }
    if connection.isRemoved {
      return "Kandji connection “\(connection.name)” was removed; this asset is no longer synced."
    }
    if !connection.enabled {
      return "Kandji connection “\(connection.name)” is disabled; this asset is not synced until it is enabled again."
    }
    return nil
  }

  /// A Kandji value in words: flags as Yes/No, moments as readable UTC, tags joined by commas.
  static func readable(_ value: KandjiAttributeValue) -> String {
    switch value {
    case .dateTime(let moment): DisplayDate.text(moment)
    default: value.text
    }
  }

  func delete(_ request: Request, _ context: AgentContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let asset = try await loadAsset(request, context)
    // A synced asset is refused before any question is asked.
    if let violation = AssetWriteRules.checkEdit(asset) { throw APIError.forbidden(violation.message) }
    if Confirmation.needed(form) {
      return try Confirmation(
        heading: "Delete “\(asset.name)”?",
        message: "The asset \(asset.displayID), its field values and its links to contacts and tickets are deleted. "
          + "This cannot be undone.",
        action: "/assets/\(asset.id)/delete", button: "Yes, delete the asset", cancelURL: "/assets/\(asset.id)"
      ).page(renderer, request, context, section: "assets")
    }
    try await store.deleteManualAsset(id: asset.id)
    return .seeOther("/assets?type=\(asset.assetTypeID)", cookies: [Flash.set("Asset “\(asset.name)” deleted.")])
  }

  func addContact(_ request: Request, _ context: AgentContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let asset = try await loadAsset(request, context)
    let contact: Contact
    switch try await PickerLookup.contact(id: form["contact_id"], text: form["contact"], store: store) {
    case .found(let found): contact = found
    case .empty:
      return try await refused(request, context) {
        $0.contactPicker = $0.contactPicker.keeping(text: nil, error: "Type a contact's name or email and choose one.")
      }
    case .unknown(let problem):
      return try await refused(request, context) {
        $0.contactPicker = $0.contactPicker.keeping(text: form.values["contact"], error: problem)
      }
    }
    try await store.linkContact(contact.id, toAsset: asset.id, at: services.now(), by: context.agent.id)
    return .seeOther("/assets/\(asset.id)#contacts", cookies: [Flash.set("Contact “\(contact.name)” added.")])
  }

  func removeContact(_ request: Request, _ context: AgentContext) async throws -> Response {
    _ = try await WebForm.read(request, context)
    let asset = try await loadAsset(request, context)
    let contactID = try request.id(context, "contact", what: "Contact")
    try await store.unlinkContact(contactID, fromAsset: asset.id, at: services.now(), by: context.agent.id)
    return .seeOther("/assets/\(asset.id)#contacts", cookies: [Flash.set("Contact removed.")])
  }

  /// "Refresh from Kandji" (R23): the page shows Kandji's values at once.
  func refresh(_ request: Request, _ context: AgentContext) async throws -> Response {
    _ = try await WebForm.read(request, context)
    let id = try request.id(context, what: "Asset")
    let outcome: AssetRefreshOutcome
    do {
      outcome = try await services.refresher.refreshAsset(id: id, by: context.agent.id)
    } catch AssetRefreshRefusal.notFound {
      throw APIError.notFound("Asset \(id)")
    } catch  where error is AssetRefreshRefusal || error is SyncRefusal || error is KandjiError || error is BudgetSpent
    {
      // The API's message for the same refusal, told in a flash in the error style.
      return .seeOther("/assets/\(id)", cookies: [Flash.error(APIError.from(error)?.message ?? "\(error)")])
    }
    let fields = try await store.asset(id: id).asyncMap { try await store.fields(assetTypeID: $0.assetTypeID) } ?? []
    return .seeOther("/assets/\(id)", cookies: [Flash.set(RefreshNotice.text(outcome, fields: fields))])
  }

  func linkTicket(_ request: Request, _ context: AgentContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let asset = try await loadAsset(request, context)
    let ticketID: Int64
    switch try await PickerLookup.ticket(id: form["ticket_id"], text: form["ticket"], store: store) {
    case .found(let ticket): ticketID = ticket.id
    case .empty:
      return try await refused(request, context) {
        $0.ticketPicker = $0.ticketPicker.keeping(text: nil, error: "Type a ticket's number or subject and choose one.")
      }
    case .unknown(let problem):
      return try await refused(request, context) {
        $0.ticketPicker = $0.ticketPicker.keeping(text: form.values["ticket"], error: problem)
      }
    }
    try await store.linkTicket(ticketID, toAsset: asset.id, at: services.now(), by: context.agent.id)
    let number = try await TicketNumber.text(id: ticketID, store: store)
    return .seeOther("/assets/\(asset.id)#recent-tickets", cookies: [Flash.set("Ticket \(number) linked.")])
  }

  func newTicket(_ request: Request, _ context: AgentContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let agent = context.agent
    let asset = try await loadAsset(request, context)
    guard form["subject"] != nil else {
      return .seeOther("/assets/\(asset.id)", cookies: [Flash.error("Enter a subject for the ticket.")])
    }
    // The API's rules for a new ticket's subject and message (`TextRules`).
    let input = FormInput(form)
    let subject = input.text("subject", TextRules.ticketSubject, required: true)
    let message = input.text("message", TextRules.ticketMessage)
    guard let subject, input.firstProblem == nil else {
      let (field, problem) = input.firstProblem ?? ("subject", "Enter a subject for the ticket.")
      return .seeOther(
        "/assets/\(asset.id)", cookies: [Flash.error("The ticket was not created: \(field): \(problem)")])
    }
    let contact = try await store.contactLinks(assetID: asset.id).first?.contact.id
    let ticket = try await store.createTicket(
      TicketDraft(
        subject: subject, contactID: contact, assetIDs: [asset.id], createdBy: agent.id,
        message: TicketMessage.from(text: message, html: nil), messageByAgent: true),
      at: services.now())
    let number = try await TicketNumber.text(ticket, store: store)
    return .seeOther("/assets/\(asset.id)#recent-tickets", cookies: [Flash.set("Ticket \(number) created.")])
  }
}
