import Foundation
import Subprocess
import Synchronization

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(System)
  import System
#else
  import SystemPackage
#endif

/// An `assetsync serve` (or `simulate-kandji`) child process whose output goes to a file, so a
/// chatty process never blocks on a full pipe; the test reads its lines from there.
///
/// Spawned through swift-subprocess like `CommandRunner`'s children: it inherits no descriptor
/// but its stdin (`/dev/null`), stdout and stderr (the log file), so it cannot hold another
/// child's pipe open. Nothing here blocks a thread: waits are polls with a deadline.
final class ChildProcess: Sendable {
  let arguments: [String]
  let outputPath: String
  let pid: pid_t
  /// Set once the child has exited and been reaped.
  private let exit: ExitBox

  /// Starts `assetsync arguments…` (or another `executable`) with `environment` over this process's.
  init(
    _ arguments: [String], environment: [String: String] = [:], executable: String = CommandRunner.binary
  ) async throws {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
      "assetsync-child-\(UUID().uuidString).log"
    )
    .path
    let output = try FileDescriptor.open(
      FilePath(outputPath), .writeOnly, options: [.create, .truncate, .closeOnExec],
      permissions: [.ownerReadWrite])
    let exit = ExitBox()
    let (started, starting) = AsyncStream<pid_t>.makeStream()
    let environment = CommandRunner.childEnvironment(environment)
    // The task lives as long as the child: `run` returns once the child has exited.
    Task {
      defer {
        starting.finish()
        exit.finish()
      }
      _ = try await Subprocess.run(
        .path(FilePath(executable)), arguments: Arguments(arguments), environment: environment,
        input: .none, output: .fileDescriptor(output, closeAfterSpawningProcess: true), error: .combinedWithOutput
      ) { execution in
        starting.yield(execution.processIdentifier.value)
        starting.finish()
      }
    }
    var pids = started.makeAsyncIterator()
    guard let pid = await pids.next() else {
      throw ChildError(message: "\(Deadline.testName): could not start assetsync \(arguments.first ?? "")")
    }
    self.arguments = arguments
    self.outputPath = outputPath
    self.pid = pid
    self.exit = exit
  }

  var isRunning: Bool { !exit.isFinished }

  /// The first line containing `marker`, waiting up to `timeout` seconds; past that the child is
  /// killed and this throws, naming the test.
  func line(containing marker: String, timeout: TimeInterval = 60) async throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
      if let line = text.split(separator: "\n").first(where: { $0.contains(marker) }) { return String(line) }
      if !isRunning { break }
      try await Task.sleep(for: .milliseconds(50))
    }
    let exited = !isRunning
    await killHard()
    let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    throw ChildError(
      message: "\(Deadline.testName): no line with \"\(marker)\" from assetsync \(arguments.first ?? "") "
        + (exited ? "(it exited)" : "within \(Int(timeout)) s (killed)") + ": \(text)")
  }

  /// SIGKILL: the process gets no chance to clean up (a crashed replica). Returns once it is gone.
  func killHard() async {
    signal(SIGKILL)
    _ = await waitForExit(within: 30)
  }

  /// SIGTERM, then whether the process exited by itself within `seconds` (it is killed if not).
  func stopGracefully(within seconds: TimeInterval) async throws -> Bool {
    guard isRunning else { return true }
    signal(SIGTERM)
    if await waitForExit(within: seconds) { return true }
    await killHard()
    return false
  }

  /// SIGTERM without waiting (for `defer`); a child still there after 10 s is killed.
  func stop() {
    guard isRunning else { return }
    signal(SIGTERM)
    Task { [self] in
      if await !waitForExit(within: 10) { signal(SIGKILL) }
    }
  }

  deinit {
    if !exit.isFinished { _ = kill(pid, SIGKILL) }
  }

  private func signal(_ number: Int32) {
    guard isRunning else { return }
    _ = kill(pid, number)
  }

  /// Whether the child exited within `seconds`, polled.
  private func waitForExit(within seconds: TimeInterval) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
    return !isRunning
  }
}

/// Whether a child has exited: set by the task that spawned and reaped it.
private final class ExitBox: Sendable {
  private let finished = Mutex(false)
  var isFinished: Bool { finished.withLock { $0 } }
  func finish() { finished.withLock { $0 = true } }
}

struct ChildError: Error, CustomStringConvertible {
  let message: String
  var description: String { message }
}

/// A REST client for one replica, authenticating with an API key.
struct APIClient: Sendable {
  let baseURL: String
  let authorization: String

  init(baseURL: String, key: String, code: String) {
    self.baseURL = baseURL
    authorization = "Basic " + Data("\(key):\(code)".utf8).base64EncodedString()
  }

  func call(_ method: String, _ path: String, json: String? = nil) async throws -> (status: Int, json: [String: Any]) {
    var request = URLRequest(url: URL(string: baseURL + "/api/1.1/json/" + path)!)
    request.httpMethod = method
    request.setValue(authorization, forHTTPHeaderField: "Authorization")
    request.timeoutInterval = 60
    if let json {
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      request.httpBody = Data(json.utf8)
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, object)
  }
}
