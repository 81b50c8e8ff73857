import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import SyncService
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A run whose process was killed (`kill -9` of `assetsync sync`) is taken over at once by the
/// next run on the same host; a live holder's run is refused with the time it may be taken over.
@Suite("Runs of a killed process")
struct RunOwnerTests {
  let now = Date(timeIntervalSince1970: 1_790_000_000)
  let host = ProcessInfo.processInfo.hostName

  /// A process id no process has (searched from the top of the pid range down).
  func deadPID() throws -> Int32 {
    let max =
      Int32(
        (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8))?
          .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 32_768
    for pid in stride(from: max - 1, to: 300, by: -1) where kill(pid, 0) == -1 && errno == ESRCH { return pid }
    throw CancellationError()
  }

  func engine(_ store: any AssetStore) -> SyncEngine {
    SyncEngine(store: store, clock: ManualClock(start: now.addingTimeInterval(5)), owner: "\(host):\(getpid())")
  }

  @Test(arguments: StoreBackend.allCases)
  func aRunWhoseProcessEndedIsTakenOverAtOnce(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let connection = try await store.testConnectionID()
    let killed = try await store.beginSyncRun(
      connectionID: connection, trigger: .cli, owner: RunOwner.owner(pid: try deadPID()), at: now, staleAfter: 120)
    // Five seconds later, its heartbeat is fresh: only the process check can free it.
    let run = try await engine(store).begin(
      trigger: .cli, options: SyncOptions(connectionID: connection, mapping: .default))
    #expect(run.id != killed.id)
    let old = try #require(try await store.syncRun(id: killed.id))
    #expect(old.status == .interrupted)
    #expect(old.error?.contains("has ended") == true)
  }

  @Test(arguments: StoreBackend.allCases)
  func aLiveHolderIsRefusedWithWhenItMayBeTakenOver(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let connection = try await store.testConnectionID()
    // pid 1 exists on every Linux system; another host's pid is never checked; an owner without
    // a process namespace (an earlier release's, or another container's) is never taken for gone.
    let dead = try deadPID()
    for owner in [
      RunOwner.owner(pid: 1), "elsewhere.example:\(dead) ns:1 start:1", "\(host):\(dead)",
      "\(host):\(dead) ns:1", "test",
    ] {
      let holder = try await store.beginSyncRun(
        connectionID: connection, trigger: .cli, owner: owner, at: now, staleAfter: 120)
      do {
        _ = try await engine(store).begin(
          trigger: .cli, options: SyncOptions(connectionID: connection, mapping: .default))
        Issue.record("\(owner): a live holder's run was taken over")
      } catch let error as StoreError {
        #expect(error == .syncAlreadyRunning(runID: holder.id))
        if case .syncAlreadyRunning(_, let after) = error { #expect(after.date == now.addingTimeInterval(120)) }
        #expect(error.description.contains("can be taken over after \(ISO8601.string(now.addingTimeInterval(120)))"))
      }
      var done = holder
      done.status = .completed
      try await store.updateSyncRun(done)
    }
  }

  @Test func aReusedPIDCountsAsGone() throws {
    // pid 1 is running, but not the process that started at tick 1 and wrote this owner.
    let live = RunOwner.owner(pid: 1)
    let marker = try #require(live.range(of: " start:"))
    let reused = String(live[..<marker.lowerBound]) + " start:1"
    #expect(!RunOwner.isGone(live))
    #expect(RunOwner.isGone(reused) == (live != reused))
    #expect(RunOwner.process(of: live) == "\(host):1")
  }
}
