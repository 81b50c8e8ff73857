/// A ticket status (HappyFox's `statuses/`): the migrations seed New, Open, Pending, Solved and
/// Closed; `behavior` says whether a ticket in it still needs work.
public struct TicketStatus: Sendable, Hashable, Codable, Identifiable {
  public enum Behavior: String, Sendable, Hashable, Codable, CaseIterable {
    case pending, completed
  }

  public var id: Int64
  public var name: String
  /// Six hex digits, without `#`.
  public var color: String
  public var order: Int
  public var isDefault: Bool
  public var behavior: Behavior

  public init(id: Int64, name: String, color: String, order: Int, isDefault: Bool, behavior: Behavior) {
    self.id = id
    self.name = name
    self.color = color
    self.order = order
    self.isDefault = isDefault
    self.behavior = behavior
  }
}

/// A ticket priority (HappyFox's `priorities/`): Low, Medium (the default), High, Critical.
public struct TicketPriority: Sendable, Hashable, Codable, Identifiable {
  public var id: Int64
  public var name: String
  public var order: Int
  public var isDefault: Bool

  public init(id: Int64, name: String, order: Int, isDefault: Bool) {
    self.id = id
    self.name = name
    self.order = order
    self.isDefault = isDefault
  }
}
