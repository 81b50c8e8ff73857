import AssetCore

/// How large one ticket's thread may grow. Every action adds an entry, and every entry is shown
/// on the ticket page and answered by the API (HappyFox's ticket detail has no paging of
/// `updates`), so a thread without a bound makes every later read of the ticket slower and larger.
public enum TicketThreadLimits {
  /// Entries of one thread (replies, notes, changes), the first included.
  public static let maxUpdates = 1_000
  /// Characters (Unicode scalars) of the messages' text of one thread: ten replies of the
  /// largest size a request takes, or hundreds of ordinary ones.
  public static let maxCharacters = 1_000_000
}

/// A refused action: the ticket's thread is at one of its limits (`TicketThreadLimits`).
public struct TicketThreadFull: Error, Sendable, Equatable, CustomStringConvertible {
  public let ticketID: Int64

  public init(ticketID: Int64) { self.ticketID = ticketID }

  public var description: String {
    "Ticket \(ticketID)'s thread is full: a thread holds at most \(TicketThreadLimits.maxUpdates) updates and "
      + "\(TicketThreadLimits.maxCharacters) characters of messages. Open a new ticket to continue."
  }
}

/// One page of a ticket's thread, oldest entry first.
public struct TicketThreadPage: Sendable, Hashable {
  public var updates: [TicketUpdate]
  /// Whether entries older than the first of `updates` exist.
  public var hasOlder: Bool
  /// Entries of the whole thread.
  public var total: Int

  public init(updates: [TicketUpdate], hasOlder: Bool, total: Int) {
    self.updates = updates
    self.hasOlder = hasOlder
    self.total = total
  }
}
