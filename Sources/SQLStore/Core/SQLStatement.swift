import Foundation

/// A statement and its bound values, written once for every backend. `?` marks each bound value
/// in `text`; each driver renders the placeholders its own way (SQLite `?`, PostgreSQL `$1`).
/// Values are only ever bound, never spliced: `\(value)` binds, `\(raw:)` splices constant SQL.
public struct SQLStatement: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
  public private(set) var text: String
  public private(set) var values: [SQLValue]

  public init(stringLiteral value: String) {
    text = value
    values = []
  }

  public init(stringInterpolation: StringInterpolation) {
    text = stringInterpolation.text
    values = stringInterpolation.values
  }

  public var description: String { text }

  /// Appends another fragment with its values.
  public static func + (lhs: SQLStatement, rhs: SQLStatement) -> SQLStatement {
    var joined = lhs
    joined.text += rhs.text
    joined.values += rhs.values
    return joined
  }

  /// Fragments joined by `separator` (e.g. conditions joined by " AND ").
  public static func joined(_ parts: [SQLStatement], separator: String) -> SQLStatement {
    var result = SQLStatement(stringLiteral: "")
    for (index, part) in parts.enumerated() {
      if index > 0 { result.text += separator }
      result = result + part
    }
    return result
  }

  public struct StringInterpolation: StringInterpolationProtocol {
    var text = ""
    var values: [SQLValue] = []

    public init(literalCapacity: Int, interpolationCount: Int) {
      text.reserveCapacity(literalCapacity + interpolationCount * 2)
    }

    public mutating func appendLiteral(_ literal: String) { text += literal }

    /// Binds a value.
    public mutating func appendInterpolation(_ value: some SQLBindable) {
      text += "?"
      values.append(value.sqlValue)
    }

    /// Binds a value or NULL.
    public mutating func appendInterpolation(_ value: (some SQLBindable)?) {
      text += "?"
      values.append(value?.sqlValue ?? .null)
    }

    /// Binds each value, comma-separated (for `IN (…)` and `VALUES (…)`).
    public mutating func appendInterpolation(list: [some SQLBindable]) {
      text += Array(repeating: "?", count: list.count).joined(separator: ", ")
      values += list.map(\.sqlValue)
    }

    /// Splices constant SQL (column lists, dialect fragments); never user input.
    public mutating func appendInterpolation(raw sql: String) { text += sql }

    /// Splices a fragment with its own bound values.
    public mutating func appendInterpolation(_ sql: SQLStatement) {
      text += sql.text
      values += sql.values
    }
  }
}

/// A bound value, in the few kinds both backends store.
public enum SQLValue: Sendable, Hashable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case bool(Bool)
}

/// A Swift value that binds as a `SQLValue`.
public protocol SQLBindable: Sendable {
  var sqlValue: SQLValue { get }
}

extension Int64: SQLBindable {
  public var sqlValue: SQLValue { .integer(self) }
}

extension Int: SQLBindable {
  public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Double: SQLBindable {
  public var sqlValue: SQLValue { .real(self) }
}

extension String: SQLBindable {
  public var sqlValue: SQLValue { .text(self) }
}

extension Bool: SQLBindable {
  public var sqlValue: SQLValue { .bool(self) }
}

/// Dates are stored as seconds since 1970 (REAL / DOUBLE PRECISION), so they round-trip exactly.
extension Date: SQLBindable {
  public var sqlValue: SQLValue { .real(timeIntervalSince1970) }
}

extension SQLValue: SQLBindable {
  public var sqlValue: SQLValue { self }
}
