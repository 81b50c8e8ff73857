import AssetCore

extension JSONValue {
  /// `"True"`/`"False"`: how the details endpoint writes booleans.
  static func pythonBool(_ flag: Bool) -> JSONValue { .string(flag ? "True" : "False") }
}
