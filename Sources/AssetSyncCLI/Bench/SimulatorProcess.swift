import Foundation
import Subprocess
import Synchronization

#if canImport(System)
  import System
#else
  import SystemPackage
#endif

/// `assetsync simulate-kandji` in a child process, so a benchmark measures the client's memory
/// without the simulated tenant's.
///
/// Spawned through swift-subprocess: the child inherits no descriptor but its own stdin, stdout
/// and stderr (issue 17), and its stdout is drained for as long as it runs, so a chatty simulator
/// never blocks on a full pipe. Its stderr is discarded rather than shared with this process:
/// a simulator orphaned by a killed benchmark must not keep a test's stderr pipe open (the test
/// would wait for an end of file for as long as the orphan lives). It runs in a process group of
/// its own, and `stop` signals the whole group.
final class SimulatorProcess: Sendable {
  let url: String
  let token: String
  private let child: ChildState

  /// Starts the child on a free loopback port and waits (at most a minute) for it to print its URL.
  init(devices: Int, seed: UInt64 = 42, rateLimited: Bool) async throws {
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    let arguments =
      [
        "simulate-kandji", "--port", "0", "--devices", String(devices), "--seed", String(seed), "--json",
      ] + (rateLimited ? [] : ["--rate-per-second", "0", "--rate-per-hour", "0"])
    let (lines, sending) = AsyncStream<(pid: pid_t, line: String)>.makeStream()
    let child = ChildState()
    // Lives as long as the child: reads its first line, then drains its output until it exits.
    Task {
      defer {
        sending.finish()
        child.setExited()
      }
      var options = PlatformOptions()
      options.processGroupID = 0  // a group of its own, whose id is the child's pid
      _ = try await Subprocess.run(
        .path(FilePath(executable)), arguments: Arguments(arguments), platformOptions: options, input: .none,
        output: .sequence, error: .discarded
      ) { execution in
        child.setPID(execution.processIdentifier.value)
        var first = true
        for try await line in execution.standardOutput.strings() where first {
          sending.yield((execution.processIdentifier.value, line))
          sending.finish()
          first = false
        }
      }
    }
    let first = try await Self.firstLine(of: lines, within: .seconds(60))
    struct Started: Decodable {
      let url: String
      let token: String
    }
    guard let first, let started = try? JSONDecoder().decode(Started.self, from: Data(first.line.utf8)) else {
      child.signal(SIGKILL)
      throw CLIError("The Kandji simulator did not start: \(first?.line ?? "no output within a minute")")
    }
    url = started.url
    token = started.token
    self.child = child
  }

  /// SIGTERM to the child's process group; the task that spawned the child reaps it.
  func stop() { child.signal(SIGTERM) }

  deinit { stop() }

  /// The child's pid and first line, or nil when it printed none within `limit`.
  private static func firstLine(
    of lines: AsyncStream<(pid: pid_t, line: String)>, within limit: Duration
  ) async throws -> (pid: pid_t, line: String)? {
    typealias Started = (pid: pid_t, line: String)
    return try await withThrowingTaskGroup(of: Optional<Started>.self) { group in
      group.addTask {
        var iterator = lines.makeAsyncIterator()
        return await iterator.next()
      }
      group.addTask {
        try await Task.sleep(for: limit)
        return nil
      }
      defer { group.cancelAll() }
      let first: Started?? = try await group.next()
      return first.flatMap { $0 }
    }
  }
}

/// The simulator child's process id once spawned, and whether it has exited (and been reaped,
/// so its id must no longer be signalled).
private final class ChildState: Sendable {
  private let state = Mutex<(pid: pid_t?, exited: Bool)>((nil, false))

  func setPID(_ pid: pid_t) { state.withLock { $0.pid = pid } }
  func setExited() { state.withLock { $0.exited = true } }

  func signal(_ number: Int32) {
    state.withLock {
      guard let pid = $0.pid, !$0.exited else { return }
      // The child leads its own group (pgid == pid): the negative id signals every process in
      // it, so nothing the simulator started outlives it either.
      kill(-pid, number)
    }
  }
}
