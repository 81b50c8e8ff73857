import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// Contacts with their phones and groups: the list (with the contact groups), a new contact or
/// group, and the contact page with its phones, groups, assets and tickets.
struct ContactPages {
  let services: AppServices
  let renderer: PageRenderer
  var store: any AssetStore { services.store }

  struct ContactRow {
    var id: Int64
    var name, email, phones, groups: String
  }

  struct GroupRow {
    var id: Int64
    var name: String
    /// `nil` without tagged domains (Mustache shows any string, even an empty one).
    var domains: String?
  }

  struct ContactsModel {
    var chrome: PageChrome
    var query: String
    /// The search, when there is one (Mustache shows any string, even an empty one).
    var searched: String?
    var rows: [ContactRow]
    var hasRows: Bool
    var from, to, total: Int
    var prevURL, nextURL: String?
    var groups: [GroupRow]
    var hasGroups: Bool
    var phoneTypes: [TicketPages.Option]
    var name, email, phone: String
    var nameError, emailError: String?
  }

  func register(_ pages: RouterGroup<AppRequestContext>) {
    pages.get("contacts") { request, context in try await contacts(request, context) }
    pages.post("contacts") { request, context in try await createContact(request, context) }
    pages.post("contact-groups") { request, context in try await createGroup(request, context) }
    ContactPage(services: services, renderer: renderer).register(pages)
  }

  static func phones(_ contact: Contact) -> String {
    contact.phones.map { "\($0.number) (\($0.type.label.lowercased()))" }.joined(separator: ", ")
  }

  func contactsModel(_ request: Request, _ context: AppRequestContext) async throws -> (ContactsModel, Cookie?) {
    let query = request.uri.queryParameters["q"].map(String.init) ?? ""
    let pageNumber = max(1, request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1)
    let page = try await store.contacts(ContactQuery(search: query.isEmpty ? nil : query, page: pageNumber, size: 50))
    let profiles = try await store.contactProfiles(ids: page.items.map(\.id))
    let groups = try await store.contactGroups()
    let first = page.items.isEmpty ? 0 : (page.page - 1) * page.size + 1
    let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    let (chrome, clear) = try PageChrome.forPage(context, request, title: "Contacts", section: "contacts")
    return (
      ContactsModel(
        chrome: chrome, query: query, searched: query.isEmpty ? nil : query,
        rows: page.items.map {
          ContactRow(
            id: $0.id, name: $0.name, email: $0.email, phones: Self.phones($0),
            groups: (profiles[$0.id]?.groups ?? []).map(\.group.name).joined(separator: ", "))
        }, hasRows: !page.items.isEmpty, from: first, to: first + max(0, page.items.count - 1), total: page.total,
        prevURL: page.page > 1 ? "/contacts?q=\(encoded)&page=\(page.page - 1)" : nil,
        nextURL: page.page < page.pageCount ? "/contacts?q=\(encoded)&page=\(page.page + 1)" : nil,
        groups: groups.map {
          GroupRow(id: $0.id, name: $0.name, domains: $0.taggedDomains.isEmpty ? nil : $0.taggedDomains)
        },
        hasGroups: !groups.isEmpty,
        phoneTypes: PhoneType.allCases.map {
          TicketPages.Option(value: $0.rawValue, label: $0.label, selected: $0 == .mobile)
        }, name: "", email: "", phone: ""), clear
    )
  }

  func contacts(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let (model, clear) = try await contactsModel(request, context)
    return renderer.page("contacts", model).with(cookies: [clear])
  }

  func createContact(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let name = form["name"] ?? ""
    let email = form["email"] ?? ""
    let phone = form["phone"]
    let type = form["phone_type"].flatMap(PhoneType.init(rawValue:)) ?? .other
    do {
      let contact = try await store.createContact(
        ContactDraft(
          name: name, email: email, phones: phone.map { [PhoneDraft(type: type, number: $0, isPrimary: true)] } ?? []),
        at: services.now())
      return .seeOther("/contacts/\(contact.id)", cookies: [Flash.set("Contact added.")])
    } catch let error as StoreError {
      var (model, _) = try await contactsModel(request, context)
      model.name = name
      model.email = email
      model.phone = phone ?? ""
      switch error {
      case .invalid(let field, let message) where field == "name": model.nameError = message
      case .invalid(_, let message): model.emailError = message
      case .duplicateEmail: model.emailError = "A contact with this email already exists."
      default: throw error
      }
      return renderer.page("contacts", model, status: .badRequest)
    }
  }

  func createGroup(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    do {
      let group = try await store.createContactGroup(
        ContactGroupDraft(
          name: form["name"] ?? "", description: form["description"] ?? "", taggedDomains: form["tagged_domains"] ?? ""),
        at: services.now())
      return .seeOther("/contacts#groups", cookies: [Flash.set("Group “\(group.name)” created.")])
    } catch let error as StoreError {
      return .seeOther("/contacts#groups", cookies: [Flash.set(error.description)])
    }
  }
}
