import Foundation
import Testing

/// Issue 17: a hung child must fail its test within a bound, naming the test and the command,
/// instead of hanging `scripts/test`.
@Suite("Deadlines on child processes", .timeLimit(.minutes(1)))
struct ChildDeadlineTests {
  @Test("a command that outlasts its deadline is killed; the error names the test and the command")
  func aHungCommandFailsByName() async throws {
    // `simulate-kandji` serves until stopped: it never ends by itself, so returning at all (with
    // this error, not the suite's time limit) means the child was killed at its deadline.
    let error = await #expect(throws: ChildError.self) {
      _ = try await CommandRunner.run(
        ["simulate-kandji", "--port", "0", "--devices", "1"], limit: .milliseconds(500))
    }
    #expect(
      error?.message.contains("a command that outlasts its deadline is killed") == true, "\(error?.message ?? "")")
    #expect(error?.message.contains("assetsync simulate-kandji") == true)
  }

  @Test("a child that never prints what the test waits for is killed; the error names the test")
  func aSilentChildFailsByName() async throws {
    let child = try await ChildProcess(["30"], executable: "/bin/sleep")
    let error = await #expect(throws: ChildError.self) {
      _ = try await child.line(containing: "listening on ", timeout: 0.5)
    }
    #expect(error?.message.contains("a child that never prints what the test waits for") == true)
    #expect(!child.isRunning, "the child was left running")
  }
}
