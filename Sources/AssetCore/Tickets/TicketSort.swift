import Foundation

/// HappyFox's ticket orders (`tickets/?sort=`); `updated` (last reply, newest first) is the default.
public enum TicketSort: String, Sendable, Hashable, CaseIterable {
  case categoryAscending = "categorya"
  case categoryDescending = "categoryd"
  case subjectAscending = "subjecta"
  case subjectDescending = "subjectd"
  case due
  case statusDescending = "statusd"
  case statusAscending = "statusa"
  case priorityAscending = "prioritya"
  case priorityDescending = "priorityd"
  case updatedDescending = "updated"
  case updatedAscending = "updatea"
  case unresponded
  case createdAscending = "createa"
  case createdDescending = "created"
  case assigneeAscending = "assigneea"
  case assigneeDescending = "assigneed"
  case lastModifiedAscending = "last_modifieda"
  case lastModifiedDescending = "last_modifiedd"
  case ticketAscending = "ticketa"
  case ticketDescending = "ticketd"
  case clientAscending = "clienta"
  case clientDescending = "clientd"
}

/// Tags as HappyFox takes them: a comma-separated string (`"test1, example"`) or a list.
public enum TicketTags {
  /// The tags named in `text`, trimmed, without empties or repeats, in order.
  public static func parse(_ text: String) -> [String] {
    unique(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
  }

  public static func unique(_ tags: [String]) -> [String] {
    var seen = Set<String>()
    return tags.filter { !$0.isEmpty && seen.insert($0).inserted }
  }

  /// HappyFox answers tags as one string.
  public static func text(_ tags: [String]) -> String { tags.joined(separator: ", ") }
}
