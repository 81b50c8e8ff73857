import Foundation
import Subprocess
import Testing

#if canImport(System)
  import System
#else
  import SystemPackage
#endif

/// Runs the built `assetsync` binary, as operators and scripts do.
///
/// Children are spawned through swift-subprocess: every descriptor of this process but the
/// child's own stdin, stdout and stderr is closed in the child, so no child holds another's pipe
/// open (issue 17: a `serve` child that inherited a pipe's write end left a test waiting for an
/// end of file that never came). Output is read without blocking a thread of the cooperative
/// pool, and every run has a deadline, so a hung child fails its test by name instead of
/// hanging `scripts/test`.
enum CommandRunner {
  struct Output: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static var binary: String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/assetsync").path
  }

  /// `assetsync arguments…` to its end, with `stdin` as its input. A run that outlasts `limit` is
  /// killed and throws, naming the test and the command.
  static func run(
    _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
    limit: Duration = .seconds(120)
  ) async throws -> Output {
    let command = "assetsync " + arguments.prefix(3).joined(separator: " ")
    return try await Deadline.run(limit, what: command) {
      let result = try await Subprocess.run(
        .path(FilePath(binary)), arguments: Arguments(arguments), environment: childEnvironment(environment),
        input: .string(stdin ?? ""), output: .string(limit: 16 << 20), error: .string(limit: 16 << 20))
      let status: Int32 =
        switch result.terminationStatus {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
      return Output(status: status, stdout: result.standardOutput, stderr: result.standardError)
    }
  }

  /// This process's environment with `overrides` on top.
  static func childEnvironment(_ overrides: [String: String]) -> Environment {
    var changes: [Environment.Key: String?] = [:]
    for (name, value) in overrides {
      if let key = Environment.Key(rawValue: name) { changes[key] = value }
    }
    return .inherit.updating(changes)
  }

  static func temporaryDatabase() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("assetsync-cli-\(UUID().uuidString)/db.sqlite").path
  }
}

/// Bounds on real time for work that waits on another process.
enum Deadline {
  /// The running test's name, for failures that must say which test hung.
  static var testName: String {
    guard let test = Test.current else { return "(no test)" }
    return test.displayName ?? test.name
  }

  /// Runs `operation`; when it outlasts `limit` it is cancelled (swift-subprocess then kills its
  /// child) and this throws, naming the running test and `what`.
  static func run<T: Sendable>(
    _ limit: Duration, what: String, _ operation: @escaping @Sendable () async throws -> T
  ) async throws -> T {
    let test = testName
    return try await withThrowingTaskGroup(of: T?.self) { group in
      group.addTask { try await operation() }
      group.addTask {
        try await Task.sleep(for: limit)
        return nil
      }
      defer { group.cancelAll() }
      guard case .some(.some(let value)) = try await group.next() else {
        throw ChildError(message: "\(test): `\(what)` did not finish within \(limit); it was killed")
      }
      return value
    }
  }
}
