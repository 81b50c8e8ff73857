import Foundation
import Testing

/// Issue 17: a CLI test read a pipe whose write end a concurrently started `serve` child had
/// inherited, and waited for an end of file that never came. Children now inherit nothing but
/// their stdin, stdout and stderr, whatever this process has open.
@Suite("Child processes inherit no descriptors", .timeLimit(.minutes(1)))
struct ChildDescriptorTests {
  @Test("a pipe of the test process, even one without close-on-exec, never reaches a child")
  func childrenInheritOnlyTheirStandardStreams() async throws {
    // A plain pipe(): no O_CLOEXEC, as Foundation's Process made them on Linux.
    var ends: [Int32] = [-1, -1]
    try #require(pipe(&ends) == 0)
    let (reading, writing) = (ends[0], ends[1])
    defer { close(reading) }
    let pipeName = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(writing)")

    let child = try await ChildProcess(["simulate-kandji", "--port", "0", "--json", "--devices", "1"])
    defer { child.stop() }
    _ = try await child.line(containing: "\"token\"")
    let directory = "/proc/\(child.pid)/fd"
    let open = try FileManager.default.contentsOfDirectory(atPath: directory).compactMap {
      try? FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/\($0)")
    }
    #expect(!open.contains(pipeName), "the child holds the test's pipe: \(open)")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/0") == "/dev/null")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/1") == child.outputPath)

    // With this process's write end closed, the reader sees the end of file. Not always at once:
    // a child that other tests are starting holds every descriptor between its fork and its exec
    // (swift-subprocess closes them there); but within seconds, not for the child's lifetime.
    close(writing)
    _ = fcntl(reading, F_SETFL, fcntl(reading, F_GETFL) | O_NONBLOCK)
    var byte: UInt8 = 0
    var result = read(reading, &byte, 1)
    let deadline = ContinuousClock.now + .seconds(10)
    while result < 0, errno == EAGAIN, ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(10))
      result = read(reading, &byte, 1)
    }
    #expect(result == 0, "no end of file within 10 s: a child holds the pipe (errno \(errno))")
  }

  @Test("a child starts with exactly three descriptors (Foundation's Process left it a fourth, a socket)")
  func aChildHasOnlyItsStandardStreams() async throws {
    let child = try await ChildProcess(["30"], executable: "/bin/sleep")
    defer { child.stop() }
    // Between its fork and its exec the child still holds what this process had open (the spawn
    // closes it there); under load that window is visible. Look once it runs `sleep`.
    let deadline = ContinuousClock.now + .seconds(10)
    while (try? String(contentsOfFile: "/proc/\(child.pid)/comm", encoding: .utf8))?.hasPrefix("sleep") != true,
      ContinuousClock.now < deadline
    {
      try await Task.sleep(for: .milliseconds(10))
    }
    let directory = "/proc/\(child.pid)/fd"
    // Files the program opens itself (its locale data, say) are not inherited ones.
    let open = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
      let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/\($0)")) ?? ""
      return !target.hasPrefix("/usr/")
    }
    #expect(open.sorted() == ["0", "1", "2"])
  }
}
