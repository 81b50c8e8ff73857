import Foundation

/// One entry of a ticket's thread (HappyFox's `updates`): who did what when, with the message
/// they wrote (a reply, a private note or a contact's reply) and what they changed.
public struct TicketUpdate: Sendable, Hashable, Codable, Identifiable {
  /// The action that made the update, named after HappyFox's endpoint for it.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    case created
    case staffUpdate = "staff_update"
    case privateNote = "staff_pvtnote"
    case userReply = "user_reply"
    case tags = "update_tags"
    case move
  }

  public var id: Int64
  public var ticketID: Int64
  public var kind: Kind
  public var byAgentID: Int64?
  public var byContactID: Int64?
  public var at: Date
  public var message: TicketMessage?
  /// A private note: agents see it, the contact never does.
  public var isPrivate: Bool
  public var changes: TicketChanges

  public init(
    id: Int64, ticketID: Int64, kind: Kind, byAgentID: Int64? = nil, byContactID: Int64? = nil, at: Date,
    message: TicketMessage? = nil, isPrivate: Bool = false, changes: TicketChanges = TicketChanges()
  ) {
    self.id = id
    self.ticketID = ticketID
    self.kind = kind
    self.byAgentID = byAgentID
    self.byContactID = byContactID
    self.at = at
    self.message = message
    self.isPrivate = isPrivate
    self.changes = changes
  }
}

/// A message in a ticket's thread, as text and as HTML (HappyFox answers both).
public struct TicketMessage: Sendable, Hashable, Codable {
  public var text: String
  public var html: String

  public init(text: String, html: String) {
    self.text = text
    self.html = html
  }

  /// A message from whichever the writer gave: the text as sent (its HTML escaped, line breaks
  /// as `<br>`), or the HTML as sent with a text made by dropping its tags.
  public static func from(text: String?, html: String?) -> TicketMessage? {
    if let text, !text.isEmpty {
      return TicketMessage(text: text, html: html ?? escaped(text).replacingOccurrences(of: "\n", with: "<br>"))
    }
    if let html, !html.isEmpty { return TicketMessage(text: plainText(html), html: html) }
    return nil
  }

  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  /// The text of an HTML fragment: tags dropped (`<br>` and block ends as line breaks) and the
  /// five basic entities decoded. Enough for a thread's text; the HTML is kept as sent.
  static func plainText(_ html: String) -> String {
    var text = ""
    var inTag = false
    var tag = ""
    for character in html {
      if inTag {
        if character == ">" {
          inTag = false
          // A line break, or the end of a block, ends a line.
          let name = tag.lowercased().trimmingCharacters(in: .whitespaces)
          if name.hasPrefix("br") || ["/p", "/div", "/li"].contains(where: { name.hasPrefix($0) }) {
            text.append("\n")
          }
        } else {
          tag.append(character)
        }
      } else if character == "<" {
        inTag = true
        tag = ""
      } else {
        text.append(character)
      }
    }
    return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// What one update changed; `nil` for what it left alone.
public struct TicketChanges: Sendable, Hashable, Codable {
  /// An id before and after (`nil`: none, e.g. unassigned).
  public struct Change: Sendable, Hashable, Codable {
    public var old: Int64?
    public var new: Int64?

    public init(old: Int64?, new: Int64?) {
      self.old = old
      self.new = new
    }
  }

  public var status: Change?
  public var priority: Change?
  public var category: Change?
  public var assignee: Change?
  public var dueDateOld: String?
  public var dueDateNew: String?
  public var dueDateChanged: Bool
  public var tagsAdded: [String]
  public var tagsRemoved: [String]
  public var timeSpent: Int?

  public init(
    status: Change? = nil, priority: Change? = nil, category: Change? = nil, assignee: Change? = nil,
    dueDate: (old: String?, new: String?)? = nil, tagsAdded: [String] = [], tagsRemoved: [String] = [],
    timeSpent: Int? = nil
  ) {
    self.status = status
    self.priority = priority
    self.category = category
    self.assignee = assignee
    dueDateOld = dueDate?.old
    dueDateNew = dueDate?.new
    dueDateChanged = dueDate != nil
    self.tagsAdded = tagsAdded
    self.tagsRemoved = tagsRemoved
    self.timeSpent = timeSpent
  }

  public var isEmpty: Bool {
    status == nil && priority == nil && category == nil && assignee == nil && !dueDateChanged && tagsAdded.isEmpty
      && tagsRemoved.isEmpty && timeSpent == nil
  }
}
