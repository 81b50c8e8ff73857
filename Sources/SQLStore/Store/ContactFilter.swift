import AssetCore
import AssetStore
import Foundation

/// The conditions of a contact query: free text on name and email, and HappyFox's terms.
enum ContactFilter {
  static func condition(_ query: ContactQuery) -> SQLStatement {
    var conditions: [SQLStatement] = ["1 = 1"]
    let terms = query.terms
    for word in [query.search].compactMap({ $0 }) + terms.words {
      if let term = AssetSearch.term(word) {
        conditions.append("contacts.search_key LIKE \(AssetSearch.likePattern(term)) ESCAPE '\\'")
      }
    }
    for name in terms.names {
      // `sort_key` is folded by `SearchKey.fold` only (diacritics kept), so the term is too.
      if let term = AssetSearch.term(name).map({ _ in SearchKey.fold(name.trimmingCharacters(in: .whitespaces)) }) {
        conditions.append("contacts.sort_key LIKE \(AssetSearch.likePattern(term)) ESCAPE '\\'")
      }
    }
    for email in terms.emails {
      if let term = AssetSearch.term(email) {
        conditions.append("contacts.email_key LIKE \(AssetSearch.likePattern(term)) ESCAPE '\\'")
      }
    }
    for digits in terms.phones {
      conditions.append("contacts.phone_key LIKE \(AssetSearch.likePattern(digits)) ESCAPE '\\'")
    }
    if let since = terms.updatedSince { conditions.append("contacts.updated_at >= \(since)") }
    if let since = terms.createdSince { conditions.append("contacts.created_at >= \(since)") }
    return SQLStatement.joined(conditions, separator: " AND ")
  }
}
