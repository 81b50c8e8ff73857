import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// Contacts with their phones and groups: the list (with the contact groups), a new contact or
/// group, and the contact page with its phones, groups, assets and tickets.
struct ContactPages {
  let services: AppServices
  let renderer: PageRenderer
  var store: any ContactStore { services.store }

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
    var nameError, emailError, phoneError: String?
    /// The new group's form as typed, and why it was refused.
    var groupName = "", groupDomains = ""
    var groupNameError, groupDomainsError: String?
  }

  func register(_ pages: PageRoutes<AgentContext>) {
    pages.get("contacts") { request, context in try await contacts(request, context) }
    pages.post("contacts") { request, context in try await createContact(request, context) }
    pages.post("contact-groups") { request, context in try await createGroup(request, context) }
    ContactPage(services: services, renderer: renderer).register(pages)
  }

  static func phones(_ contact: Contact) -> String {
    contact.phones.map { "\($0.number) (\($0.type.label.lowercased()))" }.joined(separator: ", ")
  }

  func contactsModel(_ request: Request, _ context: AgentContext) async throws -> (ContactsModel, Cookie?) {
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

  func contacts(_ request: Request, _ context: AgentContext) async throws -> Response {
    let (model, clear) = try await contactsModel(request, context)
    return renderer.page("contacts", model).with(cookies: [clear])
  }

  /// A new contact, its name, email and phone read by the API's rules (`TextRules`), each
  /// refusal beside its field.
  func createContact(_ request: Request, _ context: AgentContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let name = form["name"] ?? ""
    let email = form["email"] ?? ""
    let phone = form["phone"]
    let type = form["phone_type"].flatMap(PhoneType.init(rawValue:)) ?? .other
    let input = FormInput(form)
    _ = input.text("name", TextRules.personName, required: true)
    _ = input.text("email", TextRules.email, required: true)
    _ = input.text("phone", TextRules.phone)
    // The list page again with the form as sent and each problem beside its field (400).
    func again(_ place: (inout ContactsModel) -> Void) async throws -> Response {
      var (model, _) = try await contactsModel(request, context)
      model.name = form.values["name"] ?? ""
      model.email = form.values["email"] ?? ""
      model.phone = form.values["phone"] ?? ""
      model.phoneTypes = model.phoneTypes.map {
        TicketPages.Option(value: $0.value, label: $0.label, selected: $0.value == type.rawValue)
      }
      place(&model)
      model.chrome.error = "The contact was not added: check the highlighted field."
      return renderer.page("contacts", model, status: .badRequest)
    }
    if input.firstProblem != nil {
      return try await again {
        $0.nameError = input.problem("name")
        $0.emailError = input.problem("email")
        $0.phoneError = input.problem("phone")
      }
    }
    do {
      let contact = try await store.createContact(
        ContactDraft(
          name: name, email: email, phones: phone.map { [PhoneDraft(type: type, number: $0, isPrimary: true)] } ?? []),
        at: services.now())
      return .seeOther("/contacts/\(contact.id)", cookies: [Flash.set("Contact added.")])
    } catch let error as StoreError {
      switch error {
      case .invalid(let field, let message) where field == "name": return try await again { $0.nameError = message }
      case .invalid(let field, let message) where field == "phone" || field.hasPrefix("phones"):
        return try await again { $0.phoneError = message }
      case .invalid(_, let message): return try await again { $0.emailError = message }
      case .duplicateEmail: return try await again { $0.emailError = "A contact with this email already exists." }
      default: throw error
      }
    }
  }

  /// A new contact group, read by the API's rules (`TextRules`); a refusal comes back on the
  /// list page beside its field, as typed.
  func createGroup(_ request: Request, _ context: AgentContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let input = FormInput(form)
    _ = input.text("name", TextRules.name, required: true)
    _ = input.text("description", TextRules.description)
    _ = input.text("tagged_domains", TextRules.taggedDomains)
    func again(name: String?, domains: String?) async throws -> Response {
      var (model, _) = try await contactsModel(request, context)
      model.groupName = form.values["name"] ?? ""
      model.groupDomains = form.values["tagged_domains"] ?? ""
      model.groupNameError = name
      model.groupDomainsError = domains
      model.chrome.error = "The group was not created: check the highlighted field."
      return renderer.page("contacts", model, status: .badRequest)
    }
    if input.firstProblem != nil {
      return try await again(
        name: input.problem("name") ?? input.problem("description"), domains: input.problem("tagged_domains"))
    }
    do {
      let group = try await store.createContactGroup(
        ContactGroupDraft(
          name: form["name"] ?? "", description: form["description"] ?? "", taggedDomains: form["tagged_domains"] ?? ""),
        at: services.now())
      return .seeOther("/contacts#groups", cookies: [Flash.set("Group “\(group.name)” created.")])
    } catch let error as StoreError {
      guard case .invalid(let field, let message) = error else {
        if case .notFound = error { throw error }
        return try await again(name: error.description, domains: nil)
      }
      return field == "tagged_domains"
        ? try await again(name: nil, domains: message) : try await again(name: message, domains: nil)
    }
  }
}
