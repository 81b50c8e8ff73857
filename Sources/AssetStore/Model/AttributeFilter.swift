/// A filter of the asset list on a Kandji attribute (issue 19): matches the assets whose value
/// of the attribute `key` (a `KandjiAttributeCatalogue` key) has `value` among its filter texts:
/// a flag as `true`/`false`, one tag exactly, a blueprint name exactly, any other value as it
/// reads. An unknown key is refused (`StoreError.invalid`).
public struct AttributeFilter: Sendable, Hashable {
  public var key: String
  public var value: String

  public init(key: String, value: String) {
    self.key = key
    self.value = value
  }
}
