import AssetCore
import Testing

/// A connection's choice of Kandji attributes (issue 19): the checks every entry point shares and
/// the union a type's field list shows.
@Suite("Kandji attribute selections")
struct KandjiAttributeSelectionTests {
  @Test func theDefaultsAndAnyOrderOfKnownKeysAreAccepted() {
    #expect(KandjiAttributeCatalogue.selectionProblem(KandjiAttributeCatalogue.defaultKeys) == nil)
    #expect(KandjiAttributeCatalogue.selectionProblem(["storage_free", "tags", "device_id"]) == nil)
    #expect(
      KandjiAttributeCatalogue.selectionProblem(KandjiAttributeCatalogue.attributes.map(\.key).reversed()) == nil)
  }

  @Test(arguments: [
    ([], "Choose at least one field."),
    (["tags", "colour"], "Unknown field key \"colour\""),
    (["Tags"], "Unknown field key \"Tags\""),
    (["tags", "device_id", "tags"], "The field key \"tags\" is given twice."),
  ])
  func badSelectionsAreRefusedWithAReason(keys: [String], message: String) throws {
    let problem = try #require(KandjiAttributeCatalogue.selectionProblem(keys))
    #expect(problem.contains(message))
  }

  @Test func attributesKeepTheGivenOrderAndSkipUnknownKeys() {
    #expect(
      KandjiAttributeCatalogue.attributes(forKeys: ["tags", "gone_in_a_later_release", "udid"]).map(\.key)
        == ["tags", "udid"])
  }

  @Test func theUnionKeepsFirstAppearances() {
    #expect(
      KandjiAttributeCatalogue.union([["device_name", "tags"], ["serial_number", "tags", "filevault_enabled"]])
        == ["device_name", "tags", "serial_number", "filevault_enabled"])
    #expect(KandjiAttributeCatalogue.union([]).isEmpty)
  }
}
