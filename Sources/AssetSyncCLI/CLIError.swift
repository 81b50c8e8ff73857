import ArgumentParser

/// A failure to report as one line on standard error, with a non-zero exit and no stack trace.
struct CLIError: Error, CustomStringConvertible {
  let description: String
  init(_ message: String) { description = message }
}
