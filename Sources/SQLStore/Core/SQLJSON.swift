/// How each backend reads a member of a JSON document stored as text (issue 19's attribute
/// documents, `KandjiAttributeValues.json`): SQLite's JSON1 functions, PostgreSQL's `jsonb`
/// operators on a cast. Keys and values are always parameters.
public enum SQLJSON: Sendable {
  case sqlite
  case postgres

  /// The member `key` of `document` (a column) as text; NULL when absent or not a string.
  public func text(_ document: String, _ key: String) -> SQLStatement {
    switch self {
    case .sqlite:
      "(CASE WHEN json_type(\(raw: document), \(path(key))) = 'text' THEN json_extract(\(raw: document), \(path(key))) END)"
    case .postgres:
      "(CASE WHEN jsonb_typeof(\(raw: document)::jsonb -> CAST(\(key) AS TEXT)) = 'string' THEN \(raw: document)::jsonb ->> CAST(\(key) AS TEXT) END)"
    }
  }

  /// The member `key` as a number; NULL when absent or not a number.
  public func number(_ document: String, _ key: String) -> SQLStatement {
    switch self {
    case .sqlite:
      "(CASE WHEN json_type(\(raw: document), \(path(key))) IN ('integer', 'real') THEN json_extract(\(raw: document), \(path(key))) END)"
    case .postgres:
      """
      (CASE WHEN jsonb_typeof(\(raw: document)::jsonb -> CAST(\(key) AS TEXT)) = 'number'
        THEN CAST(\(raw: document)::jsonb ->> CAST(\(key) AS TEXT) AS DOUBLE PRECISION) END)
      """
    }
  }

  /// Whether the member `key` is the JSON flag `flag`.
  public func isFlag(_ document: String, _ key: String, _ flag: Bool) -> SQLStatement {
    let literal = flag ? "true" : "false"
    return switch self {
    case .sqlite: "json_type(\(raw: document), \(path(key))) = \(literal)"
    case .postgres:
      """
      (jsonb_typeof(\(raw: document)::jsonb -> CAST(\(key) AS TEXT)) = 'boolean'
        AND \(raw: document)::jsonb ->> CAST(\(key) AS TEXT) = \(literal))
      """
    }
  }

  /// Whether the member `key` is an array holding the string `value` (one tag, exactly).
  public func arrayContains(_ document: String, _ key: String, _ value: String) -> SQLStatement {
    switch self {
    case .sqlite:
      """
      EXISTS (SELECT 1 FROM json_each(\(raw: document), \(path(key))) AS tag
        WHERE tag.type = 'text' AND tag.value = \(value))
      """
    case .postgres:
      "\(raw: document)::jsonb -> CAST(\(key) AS TEXT) @> jsonb_build_array(CAST(\(value) AS TEXT))"
    }
  }

  /// SQLite's path of a top-level member (keys are catalogue keys: letters and underscores).
  private func path(_ key: String) -> String { "$.\"\(key)\"" }
}
