/// A ticket category (HappyFox's `categories/`); its prefix starts the ticket IDs of its tickets.
public struct TicketCategory: Sendable, Hashable, Codable, Identifiable {
  public var id: Int64
  public var name: String
  public var description: String
  /// Two to five capital letters, e.g. `GEN` in `#GEN00000003`.
  public var prefix: String
  public var isPublic: Bool

  public init(id: Int64, name: String, description: String = "", prefix: String, isPublic: Bool = true) {
    self.id = id
    self.name = name
    self.description = description
    self.prefix = prefix
    self.isPublic = isPublic
  }
}

/// What tickets refer to by id: statuses, priorities and categories, read together (they are
/// short lists, and every ticket answer names its status, priority and category).
public struct TicketCatalog: Sendable, Hashable {
  public var statuses: [TicketStatus]
  public var priorities: [TicketPriority]
  public var categories: [TicketCategory]

  public init(statuses: [TicketStatus], priorities: [TicketPriority], categories: [TicketCategory]) {
    self.statuses = statuses
    self.priorities = priorities
    self.categories = categories
  }

  public func status(_ id: Int64) -> TicketStatus? { statuses.first { $0.id == id } }
  public func priority(_ id: Int64) -> TicketPriority? { priorities.first { $0.id == id } }
  public func category(_ id: Int64) -> TicketCategory? { categories.first { $0.id == id } }
  public var defaultStatus: TicketStatus? { statuses.first(where: \.isDefault) ?? statuses.first }
  public var defaultPriority: TicketPriority? { priorities.first(where: \.isDefault) ?? priorities.first }
}
