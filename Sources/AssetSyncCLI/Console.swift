import Foundation

/// Unbuffered output, so a line is visible at once to a script reading a pipe (the simulator's
/// URL, progress lines), unlike `print` whose buffer is flushed only when full.
enum Console {
  static func line(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
  }

  /// Text on standard error without a line end (progress redrawn in place).
  static func errorInline(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func error(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
