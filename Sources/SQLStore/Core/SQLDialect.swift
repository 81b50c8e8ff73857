/// The few real differences between SQLite's and PostgreSQL's SQL, in one table. Everything else
/// (placeholders aside, which each driver renders) is the same text on both: `RETURNING`,
/// `ON CONFLICT … DO UPDATE SET x = excluded.x`, `NULLS FIRST`, `IN (…)`, `LIMIT … OFFSET …`.
public struct SQLDialect: Sendable {
  /// For messages and tests.
  public let name: String
  /// The literal of a true flag column (SQLite stores booleans as 0/1, so `= 1` matches its
  /// partial indexes; PostgreSQL has BOOLEAN).
  public let trueLiteral: String
  /// Taken first in `beginSyncRun`'s transaction so that replicas start one run at a time; `nil`
  /// where the write transaction is already exclusive (SQLite's `BEGIN IMMEDIATE`).
  public let syncRunLock: SQLStatement?
  /// Taken first by a write that could leave no active admin (disabling one), so two such writes
  /// take turns and each sees the other's result: under PostgreSQL's READ COMMITTED two admins
  /// disabling each other would otherwise both find the other still active. `nil` where the
  /// write transaction is already exclusive (SQLite).
  public let adminRosterLock: SQLStatement?
  /// Taken first by `takeAssetRefresh`, so that two replicas granting single-asset refreshes take
  /// turns (each counts the other's row) without waiting for, or holding up, run starts: its own
  /// key, not `syncRunLock`'s. `nil` where the write transaction is already exclusive (SQLite).
  public let assetRefreshLock: SQLStatement?
  /// A condition on `assets` that the trigram index answers: the folded text of name, display ID
  /// and serial contains `term` (≥ 3 characters; shorter terms scan, see `AssetSearch`).
  public let trigramMatch: @Sendable (_ term: String) -> SQLStatement
  /// Whether the store chooses between the trigram index and walking the list itself (SQLite's
  /// planner cannot see into the FTS5 table) rather than leaving it to the planner (PostgreSQL).
  public let probesSearch: Bool
  /// How a member of a JSON document stored as text is read (issue 19's attribute documents).
  public let json: SQLJSON

  public init(
    name: String, trueLiteral: String, syncRunLock: SQLStatement?, adminRosterLock: SQLStatement? = nil,
    assetRefreshLock: SQLStatement? = nil, probesSearch: Bool, json: SQLJSON = .sqlite,
    trigramMatch: @escaping @Sendable (String) -> SQLStatement
  ) {
    self.json = json
    self.name = name
    self.trueLiteral = trueLiteral
    self.syncRunLock = syncRunLock
    self.adminRosterLock = adminRosterLock
    self.assetRefreshLock = assetRefreshLock
    self.probesSearch = probesSearch
    self.trigramMatch = trigramMatch
  }

  /// SQLite: an FTS5 `trigram` table over `assets.search_key` (migration v5), asked for the term
  /// as a phrase, which matches exactly the rows whose text contains it.
  public static let sqlite = SQLDialect(
    name: "SQLite", trueLiteral: "1", syncRunLock: nil, probesSearch: true,
    trigramMatch: { term in
      let phrase = "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      return "assets.id IN (SELECT rowid FROM asset_search WHERE asset_search MATCH \(phrase))"
    })

  /// PostgreSQL: `LIKE` on `assets.search_key`, which its `pg_trgm` GIN index answers (v5).
  public static let postgres = SQLDialect(
    name: "PostgreSQL", trueLiteral: "TRUE",
    syncRunLock: "SELECT pg_advisory_xact_lock(\(raw: String(0x4173_7365_7453_0002)))",
    adminRosterLock: "SELECT pg_advisory_xact_lock(\(raw: String(0x4173_7365_7453_0003)))",
    assetRefreshLock: "SELECT pg_advisory_xact_lock(\(raw: String(0x4173_7365_7453_0004)))", probesSearch: false,
    json: .postgres,
    trigramMatch: { term in "assets.search_key LIKE \(AssetSearch.likePattern(term)) ESCAPE '\\'" })
}
