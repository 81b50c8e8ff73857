import Foundation
import Synchronization

/// Finding a long term through its rarest trigrams (issue 20, SQLite). FTS5 answers a phrase by
/// reading the list of rows of every trigram in it, and an email's trigrams are mostly common
/// (`exa`, `@ex`, `.co` … are in 90 % of keys): the phrase of a user's email read ~25 lists, up to
/// 90,000 rows each, 5–10 ms at 100,000 assets. Instead the rows holding the (up to) three
/// rarest trigrams (a few hundred rows each for an email's digits) are intersected and `LIKE`
/// checks the whole term: exactly the rows the phrase finds, in ~0.15 ms. How many rows hold a
/// trigram is counted up to `cap` once and remembered (`Counts`): counting is what costs, and
/// the bench's 200 emails share most of their trigrams. A term with no trigram below `cap`
/// (`macbook`, `example.com`) keeps the phrase, as does one of three characters.
enum RareTrigrams {
  /// Rows counted per trigram: below this a trigram is rare enough to read its rows (an email's
  /// rarest trigrams hold 300–600 of 100,000 keys; the common ones 90,000).
  static let cap = 1_000
  /// Trigrams looked at, at most (a term takes up to 200 characters; 32 trigrams are plenty
  /// to find rare ones).
  static let maxProbed = 32
  /// Rare trigrams whose rows are intersected before `LIKE` checks the whole term (a third one
  /// still halves the rows `LIKE` reads; a fourth costs more than it saves).
  static let maxUsed = 3

  /// The distinct runs of three Unicode scalars in `term` (how the FTS5 `trigram` tokenizer
  /// splits text), in order, at most `maxProbed`; empty when the term is one trigram or shorter.
  static func trigrams(_ term: String) -> [String] {
    let scalars = Array(term.unicodeScalars)
    guard scalars.count > 3 else { return [] }
    var seen = Set<String>()
    var found: [String] = []
    for start in 0...(scalars.count - 3) where found.count < maxProbed {
      var trigram = String.UnicodeScalarView()
      trigram.append(contentsOf: scalars[start..<start + 3])
      let text = String(trigram)
      if seen.insert(text).inserted { found.append(text) }
    }
    return found
  }

  /// One row: for each trigram, how many keys hold it, counted up to `cap`.
  static func probe(_ trigrams: [String]) -> SQLStatement {
    let counts = trigrams.map { trigram -> SQLStatement in
      "(SELECT COUNT(*) FROM (SELECT 1 FROM asset_search WHERE asset_search MATCH \(phrase(trigram)) LIMIT \(cap)) AS rows)"
    }
    return "SELECT " + SQLStatement.joined(counts, separator: ", ")
  }

  /// The FTS5 query of the rarest trigrams (`"a" AND "b"`), given their counts; `nil` when none
  /// is below `cap` (the phrase is as fast then).
  static func query(_ trigrams: [String], counts: [Int]) -> String? {
    let rare = zip(trigrams, counts).filter { $0.1 < cap }.sorted { $0.1 < $1.1 }.prefix(maxUsed)
    guard !rare.isEmpty else { return nil }
    return rare.map { phrase($0.0) }.joined(separator: " AND ")
  }

  /// A quoted FTS5 string (its own `"` doubled): matched as the trigrams of its text.
  static func phrase(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

  /// Trigram counts as last probed, with the data version they were counted at. They only
  /// choose which trigrams to read (the `LIKE` keeps the answer exact whatever they say), so a
  /// count serves until the assets changed `staleAfter` times rather than until the next write:
  /// a sync bumps the version every batch, and re-counting every trigram after each would cost
  /// more than the phrase.
  final class Counts: Sendable {
    private struct Entry {
      var count: Int
      var version: Int64
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Versions (asset writes) a count is used for.
    static let staleAfter: Int64 = 100
    /// Trigrams remembered before all are forgotten (a bound on memory, not a tuning).
    static let capacity = 20_000

    /// The remembered count of each trigram at `version`, or `nil` where it must be probed.
    func counts(_ trigrams: [String], at version: Int64) -> [Int?] {
      entries.withLock { entries in
        trigrams.map { trigram in
          entries[trigram].flatMap { entry in
            entry.version <= version && version - entry.version < Self.staleAfter ? entry.count : nil
          }
        }
      }
    }

    func remember(_ counts: [(trigram: String, count: Int)], at version: Int64) {
      entries.withLock { entries in
        if entries.count + counts.count > Self.capacity { entries = [:] }
        for (trigram, count) in counts { entries[trigram] = Entry(count: count, version: version) }
      }
    }
  }
}
