import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Who holds a sync run's lease: `host:pid`, so an operator can tell which process it is, and so
/// a process on the same host can tell that the holder has ended (a `kill -9`ed
/// `assetsync sync`) and take its run over at once instead of waiting for its heartbeat to go
/// stale.
public enum RunOwner {
  /// This process: `host:pid`.
  public static var current: String {
    "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
  }

  /// Whether `owner` names a process on this host (same host name) that no longer exists.
  /// Anything else — another host, this very process, an owner that is not `host:pid` — is not
  /// known to be gone. (Containers sharing a host name but not a process namespace should not
  /// share a database's sync lease with this check on: give each a host name of its own, as
  /// container runtimes do by default.)
  public static func isGone(_ owner: String) -> Bool {
    isGone(owner, host: ProcessInfo.processInfo.hostName, pid: ProcessInfo.processInfo.processIdentifier)
  }

  static func isGone(_ owner: String, host: String, pid ownPID: Int32) -> Bool {
    guard let colon = owner.lastIndex(of: ":"), owner[..<colon] == host,
      let pid = Int32(owner[owner.index(after: colon)...]), pid > 0, pid != ownPID
    else { return false }
    // Signal 0 checks existence without sending anything; ESRCH: no such process.
    return kill(pid, 0) == -1 && errno == ESRCH
  }
}
