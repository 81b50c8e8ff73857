/// A small, fast, seedable random number generator (SplitMix64), so a tenant generated from a
/// seed is the same on every machine and every run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A random element of a non-empty array.
  public mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

  /// `true` with the given probability.
  public mutating func chance(_ probability: Double) -> Bool {
    Double(next() >> 11) / Double(1 << 53) < probability
  }

  /// A UUID-formatted string (version 4 layout), deterministic for this generator.
  public mutating func uuidString() -> String {
    let a = next()
    let b = next()
    let hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
    let chars = Array(hex)
    return String(chars[0..<8]) + "-" + String(chars[8..<12]) + "-4" + String(chars[13..<16]) + "-a"
      + String(chars[17..<20]) + "-" + String(chars[20..<32])
  }

  /// `count` characters from `alphabet`.
  public mutating func token(_ count: Int, alphabet: String = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") -> String {
    let letters = Array(alphabet)
    return String((0..<count).map { _ in letters[Int(next() % UInt64(letters.count))] })
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
