import Foundation

/// The sync report as CSV (R9): exactly the header `outcome,kandji_device_id,display_id,name,platform,reason`,
/// one row per device, RFC 4180 quoting, UTF-8, CRLF line ends.
///
/// Hand-written on purpose: rows stream out of the store page by page and this is all of
/// RFC 4180 a writer needs (quote fields holding `"`, `,`, CR or LF; double inner quotes).
public enum SyncReportCSV {
  public static let header = "outcome,kandji_device_id,display_id,name,platform,reason"

  public static func line(_ row: SyncReportRow) -> String {
    [row.outcome.rawValue, row.kandjiDeviceID, row.displayID, row.name, row.platform, row.reason]
      .map { field($0 ?? "") }.joined(separator: ",") + "\r\n"
  }

  /// One cell: neutralised against formula injection, then quoted where RFC 4180 needs it.
  public static func field(_ value: String) -> String {
    let value = neutralised(value)
    // Scalars, not Characters: "\r\n" is one Character and would slip past a Character test.
    let needsQuotes = value.unicodeScalars.contains { $0 == "\"" || $0 == "," || $0 == "\n" || $0 == "\r" }
    guard needsQuotes else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, tab or CR as a formula, and
  /// device names come from Kandji, where anyone who can name a device writes them. Such a cell
  /// gets a leading `'`, which spreadsheets show as text (OWASP's advice for CSV injection).
  public static func neutralised(_ value: String) -> String {
    guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else { return value }
    return "'" + value
  }

  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// A whole report in memory (small reports and tests; the server streams instead).
  public static func document(_ rows: some Sequence<SyncReportRow>) -> String {
    rows.reduce(header + "\r\n") { $0 + line($1) }
  }
}
