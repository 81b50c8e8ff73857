import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Who holds a sync run's lease: `host:pid ns:<pid namespace> start:<process start>`, so an
/// operator can tell which process it is, and so a process on the same host can tell that the
/// holder has ended (a `kill -9`ed `assetsync sync`) and take its run over at once instead of
/// waiting for its heartbeat to go stale.
///
/// The namespace and start time keep that check honest where a host name alone would not:
/// containers sharing the host's name (host networking) but not its process ids, and a pid reused
/// by a newer process. An owner without them (written by an earlier release) is never taken for
/// gone; its run waits for its heartbeat to go stale, as before.
public enum RunOwner {
  /// This process.
  public static var current: String { owner(pid: getpid()) }

  /// The owner string of process `pid` on this host (its start time when it is running).
  public static func owner(pid: Int32) -> String {
    var text = "\(ProcessInfo.processInfo.hostName):\(pid)"
    if let namespace = pidNamespace() { text += " ns:\(namespace)" }
    if let start = startTime(of: pid) { text += " start:\(start)" }
    return text
  }

  /// The `host:pid` part, which stays the same across a restart that keeps host name and pid.
  public static func process(of owner: String) -> Substring {
    owner.split(separator: " ", maxSplits: 1).first ?? Substring(owner)
  }

  /// Whether `owner` names a process of this host and process namespace that no longer exists
  /// (or whose pid now belongs to a process started later). Anything else — another host or
  /// namespace, this very process, an owner of an earlier release — is not known to be gone.
  public static func isGone(_ owner: String) -> Bool {
    let parts = owner.split(separator: " ")
    guard let first = parts.first, let colon = first.lastIndex(of: ":"),
      first[..<colon] == ProcessInfo.processInfo.hostName, let pid = Int32(first[first.index(after: colon)...]),
      pid > 0, pid != getpid()
    else { return false }
    let fields = Dictionary(
      parts.dropFirst().compactMap { part -> (Substring, Substring)? in
        guard let colon = part.firstIndex(of: ":") else { return nil }
        return (part[..<colon], part[part.index(after: colon)...])
      }, uniquingKeysWith: { first, _ in first })
    guard let namespace = fields["ns"], namespace == pidNamespace().map({ Substring($0) }) else { return false }
    // Signal 0 checks existence without sending anything; ESRCH: no such process.
    if kill(pid, 0) == -1 && errno == ESRCH { return true }
    // The pid exists: gone only if it is another, later process than the one that took the run.
    guard let recorded = fields["start"], let now = startTime(of: pid) else { return false }
    return recorded != Substring(now)
  }

  /// The inode of this process's pid namespace (`/proc/self/ns/pid`), where Linux has one.
  static func pidNamespace() -> String? {
    guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid") else {
      return nil
    }
    // "pid:[4026531836]"
    return link.split(whereSeparator: { $0 == "[" || $0 == "]" }).dropFirst().first.map(String.init)
  }

  /// Field 22 of `/proc/<pid>/stat`: when the process started, in clock ticks since boot.
  static func startTime(of pid: Int32) -> String? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    // After the command name (which may hold spaces) come fields 3, 4, …; field 22 is the 20th.
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    return fields.count > 19 ? String(fields[19]) : nil
  }
}
