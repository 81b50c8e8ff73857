/// An IPv4 or IPv6 address as bytes, and whether it is reachable on the public internet.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
  /// 4 bytes (IPv4) or 16 bytes (IPv6), network order.
  public let bytes: [UInt8]

  public init?(bytes: [UInt8]) {
    guard bytes.count == 4 || bytes.count == 16 else { return nil }
    self.bytes = bytes
  }

  /// Parses dotted IPv4 or textual IPv6 (with `::`, an embedded IPv4 tail, a zone id).
  public init?(_ text: String) {
    if let v4 = Self.parseIPv4(text) {
      bytes = v4
    } else if let v6 = Self.parseIPv6(text) {
      bytes = v6
    } else {
      return nil
    }
  }

  public var isIPv4: Bool { bytes.count == 4 }

  /// False for loopback, private (RFC 1918, unique-local), link-local, carrier-grade NAT,
  /// unspecified, multicast, broadcast, documentation and reserved ranges, and for IPv6 forms
  /// that embed such an IPv4 address (mapped, NAT64).
  public var isPublic: Bool {
    if isIPv4 { return !Self.blockedV4.contains { $0.contains(self) } }
    if let embedded { return embedded.isPublic }
    return !Self.blockedV6.contains { $0.contains(self) }
  }

  /// The IPv4 address inside `::ffff:a.b.c.d` (mapped) or `64:ff9b::a.b.c.d` (NAT64).
  private var embedded: IPAddress? {
    let mapped: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]
    let nat64: [UInt8] = [0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]
    guard Array(bytes[0..<12]) == mapped || Array(bytes[0..<12]) == nat64 else { return nil }
    return IPAddress(bytes: Array(bytes[12...]))
  }

  public var description: String {
    if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
    return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
      .joined(separator: ":")
  }

  private static let blockedV4: [AddressRange] = [
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
    "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
    "224.0.0.0/4", "240.0.0.0/4",
  ].compactMap(AddressRange.init)

  private static let blockedV6: [AddressRange] = [
    "::/128", "::1/128", "::/96", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
  ].compactMap(AddressRange.init)

  static func parseIPv4(_ text: String) -> [UInt8]? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var result: [UInt8] = []
    for part in parts {
      guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let value = UInt8(part) else { return nil }
      result.append(value)
    }
    return result
  }

  static func parseIPv6(_ text: String) -> [UInt8]? {
    var text = Substring(text)
    if let percent = text.firstIndex(of: "%") { text = text[..<percent] }  // zone id
    var tail: [UInt8] = []
    if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
      guard let v4 = parseIPv4(String(text[text.index(after: lastColon)...])) else { return nil }
      tail = v4
      text = text[...lastColon]
      if text.hasSuffix(":") && !text.hasSuffix("::") { text = text.dropLast() }
    }
    let halves = text.components(separatedBy: "::")
    guard halves.count <= 2 else { return nil }
    func groups(_ part: String) -> [UInt16]? {
      guard !part.isEmpty else { return [] }
      var values: [UInt16] = []
      for group in part.split(separator: ":", omittingEmptySubsequences: false) {
        guard !group.isEmpty, group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
        values.append(value)
      }
      return values
    }
    guard let head = groups(halves[0]), let rest = groups(halves.count == 2 ? halves[1] : "") else { return nil }
    let wanted = 8 - tail.count / 2
    let missing = wanted - head.count - rest.count
    guard halves.count == 2 ? missing >= 1 : missing == 0 else { return nil }
    let all = head + Array(repeating: 0, count: halves.count == 2 ? missing : 0) + rest
    return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } + tail
  }
}

/// A CIDR range such as `10.0.0.0/8` or `fe80::/10`.
public struct AddressRange: Sendable, Hashable {
  public let network: IPAddress
  public let prefixLength: Int

  public init?(_ cidr: String) {
    let parts = cidr.split(separator: "/", maxSplits: 1)
    guard let address = parts.first.flatMap({ IPAddress(String($0)) }) else { return nil }
    let bits = address.bytes.count * 8
    let length = parts.count == 2 ? Int(parts[1]) : bits
    guard let length, (0...bits).contains(length) else { return nil }
    network = address
    prefixLength = length
  }

  public func contains(_ address: IPAddress) -> Bool {
    guard address.bytes.count == network.bytes.count else { return false }
    var remaining = prefixLength
    for (index, byte) in address.bytes.enumerated() where remaining > 0 {
      let take = min(8, remaining)
      let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
      guard byte & mask == network.bytes[index] & mask else { return false }
      remaining -= take
    }
    return true
  }
}
