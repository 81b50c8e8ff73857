import Foundation

/// One result row of either backend, read by column position: the same protocol over GRDB's
/// rows and PostgresNIO's, so each record's decoding is written once (`Records/`).
public protocol StoreRow: Sendable {
  /// `nil` for NULL; throws when the column holds another type.
  func int64(at index: Int) throws -> Int64?
  func double(at index: Int) throws -> Double?
  func string(at index: Int) throws -> String?
  func bool(at index: Int) throws -> Bool?
}

/// Reads a row's columns in order: a record's decoder reads exactly the columns its column list
/// names, in the same order, and the next decoder (a join's second table) continues from there.
public struct RowReader<Row: StoreRow> {
  public let row: Row
  public private(set) var index: Int

  public init(_ row: Row, from index: Int = 0) {
    self.row = row
    self.index = index
  }

  private mutating func next<T>(_ read: (Int) throws -> T?) throws -> T? {
    defer { index += 1 }
    return try read(index)
  }

  private mutating func required<T>(_ read: (Int) throws -> T?) throws -> T {
    let column = index
    guard let value = try next(read) else { throw SQLFailure.other("column \(column) is NULL") }
    return value
  }

  public mutating func int64() throws -> Int64 { try required(row.int64(at:)) }
  public mutating func optionalInt64() throws -> Int64? { try next(row.int64(at:)) }
  public mutating func int() throws -> Int { Int(try int64()) }
  public mutating func double() throws -> Double { try required(row.double(at:)) }
  public mutating func string() throws -> String { try required(row.string(at:)) }
  public mutating func optionalString() throws -> String? { try next(row.string(at:)) }
  public mutating func bool() throws -> Bool { try required(row.bool(at:)) }
  public mutating func optionalBool() throws -> Bool? { try next(row.bool(at:)) }

  /// A date stored as seconds since 1970.
  public mutating func date() throws -> Date { Date(timeIntervalSince1970: try double()) }
  public mutating func optionalDate() throws -> Date? {
    try next(row.double(at:)).map(Date.init(timeIntervalSince1970:))
  }

  /// Skips columns the caller does not need.
  public mutating func skip(_ count: Int = 1) { index += count }
}
