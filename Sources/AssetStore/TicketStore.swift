import AssetCore
import Foundation

/// Tickets, their threads, and what they refer to (statuses, priorities, categories).
public protocol TicketStore: Sendable {
  func ticketCatalog() async throws -> TicketCatalog
  /// Fails with `.duplicateName` when the name is taken (case-insensitive).
  func createTicketCategory(name: String, description: String, prefix: String) async throws -> TicketCategory
  /// A ticket and the first entry of its thread (`created`, with the first message if any).
  func createTicket(_ draft: TicketDraft, at: Date) async throws -> Ticket
  func ticket(id: Int64) async throws -> Ticket?
  func tickets(_ query: TicketQuery) async throws -> Page<Ticket>
  /// The threads of these tickets, oldest entry first.
  func ticketUpdates(ticketIDs: [Int64]) async throws -> [Int64: [TicketUpdate]]
  /// The newest `limit` entries of a ticket's thread older than entry `before` (the newest when
  /// nil), oldest first: how the ticket page shows long threads.
  func ticketThread(ticketID: Int64, before: Int64?, limit: Int) async throws -> TicketThreadPage
  /// Records one entry of the thread and applies its changes (status, priority, category,
  /// assignee, tags, due date, time); ids that name nothing are `.invalid` with the field. Fails
  /// with `TicketThreadFull` when the entry would take the thread past `TicketThreadLimits`.
  func applyTicketAction(_ ticketID: Int64, _ action: TicketAction, at: Date) async throws -> Ticket
  func deleteTicket(id: Int64) async throws
  /// Links a ticket to an asset; refused when the asset's type does not allow ticket association.
  /// The asset's history records the link, with the agent (`by`).
  func linkTicket(_ ticketID: Int64, toAsset assetID: Int64, at: Date, by agentID: Int64?) async throws
  func unlinkTicket(_ ticketID: Int64, fromAsset assetID: Int64, at: Date, by agentID: Int64?) async throws
}

extension TicketStore {
  /// A link by no agent in particular, now.
  public func linkTicket(_ ticketID: Int64, toAsset assetID: Int64) async throws {
    try await linkTicket(ticketID, toAsset: assetID, at: Date(), by: nil)
  }

  /// An unlink by no agent in particular, now.
  public func unlinkTicket(_ ticketID: Int64, fromAsset assetID: Int64) async throws {
    try await unlinkTicket(ticketID, fromAsset: assetID, at: Date(), by: nil)
  }
}

/// A ticket to create; `nil` ids take the defaults (the default status and priority, the first
/// category).
public struct TicketDraft: Sendable, Hashable {
  public var subject: String
  public var contactID: Int64?
  public var statusID: Int64?
  public var priorityID: Int64?
  public var categoryID: Int64?
  public var assigneeID: Int64?
  public var tags: [String]
  public var assetIDs: [Int64]
  public var createdBy: Int64?
  public var message: TicketMessage?
  /// Whether the agent (`createdBy`) wrote the first message rather than the contact.
  public var messageByAgent: Bool
  public var dueDate: String?

  public init(
    subject: String, contactID: Int64? = nil, statusID: Int64? = nil, priorityID: Int64? = nil,
    categoryID: Int64? = nil, assigneeID: Int64? = nil, tags: [String] = [], assetIDs: [Int64] = [],
    createdBy: Int64? = nil, message: TicketMessage? = nil, messageByAgent: Bool = false, dueDate: String? = nil
  ) {
    self.subject = subject
    self.contactID = contactID
    self.statusID = statusID
    self.priorityID = priorityID
    self.categoryID = categoryID
    self.assigneeID = assigneeID
    self.tags = tags
    self.assetIDs = assetIDs
    self.createdBy = createdBy
    self.message = message
    self.messageByAgent = messageByAgent
    self.dueDate = dueDate
  }
}

/// One thing done to a ticket (an agent's reply or private note, a contact's reply, tags, a
/// move); `nil` leaves a value as it is.
public struct TicketAction: Sendable, Hashable {
  public enum Assignee: Sendable, Hashable {
    case unassign
    case assign(Int64)
  }

  public var kind: TicketUpdate.Kind
  public var byAgentID: Int64?
  public var byContactID: Int64?
  public var message: TicketMessage?
  public var statusID: Int64?
  public var priorityID: Int64?
  public var categoryID: Int64?
  public var assignee: Assignee?
  public var addTags: [String]
  public var removeTags: [String]
  public var dueDate: String?
  public var timeSpent: Int?

  public init(
    kind: TicketUpdate.Kind, byAgentID: Int64? = nil, byContactID: Int64? = nil, message: TicketMessage? = nil,
    statusID: Int64? = nil, priorityID: Int64? = nil, categoryID: Int64? = nil, assignee: Assignee? = nil,
    addTags: [String] = [], removeTags: [String] = [], dueDate: String? = nil, timeSpent: Int? = nil
  ) {
    self.kind = kind
    self.byAgentID = byAgentID
    self.byContactID = byContactID
    self.message = message
    self.statusID = statusID
    self.priorityID = priorityID
    self.categoryID = categoryID
    self.assignee = assignee
    self.addTags = addTags
    self.removeTags = removeTags
    self.dueDate = dueDate
    self.timeSpent = timeSpent
  }
}

/// Which tickets to list, in which order.
public struct TicketQuery: Sendable, Hashable, PagedQuery {
  /// HappyFox's `status=`: `_all`, `_pending` (statuses whose behavior is pending) or ids.
  public enum Statuses: Sendable, Hashable {
    case all, pending
    case ids([Int64])
  }

  public var assetID: Int64?
  public var contactID: Int64?
  public var statuses: Statuses
  public var categoryID: Int64?
  /// `.some(nil)`: unassigned tickets.
  public var assigneeID: Int64??
  public var search: TicketSearch
  public var sort: TicketSort
  /// `YYYY-MM-DD` (UTC) that `duedate:` terms count from.
  public var today: String
  public var window: PageWindow

  public init(
    assetID: Int64? = nil, contactID: Int64? = nil, statuses: Statuses = .all, categoryID: Int64? = nil,
    assigneeID: Int64?? = nil, search: TicketSearch = TicketSearch(), sort: TicketSort = .updatedDescending,
    today: String = "1970-01-01", page: Int = 1, size: Int = 50
  ) {
    self.today = today
    self.assetID = assetID
    self.contactID = contactID
    self.statuses = statuses
    self.categoryID = categoryID
    self.assigneeID = assigneeID
    self.search = search
    self.sort = sort
    window = PageWindow(page: page, size: size)
  }
}
