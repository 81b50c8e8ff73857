import Foundation
import Testing

/// The conformance checker itself: a missing key or a wrong type is named; extra keys are not.
@Suite("HappyFox conformance: the shape checker")
struct ShapeTests {
  func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

  @Test func namesEveryDifference() {
    let shape = Shape.object([
      "id": .int, "status": .object(["name": .string]), "tags": .string, "at": .timestamp(.spaced),
      "value": .fieldValue, "user": .optional(.object(["id": .int])),
    ])
    let good = json(
      #"{"id": 3, "status": {"name": "New", "extra": 1}, "tags": "", "at": "2019-08-13 08:59:11", "value": [1, 2], "user": null, "more": true}"#
    )
    #expect(shape.mismatches(good).isEmpty)
    let bad = json(
      #"{"id": true, "status": "New", "at": "2019-08-13T08:59:11Z", "value": {"a": 1}, "user": {"id": "7"}}"#)
    #expect(
      shape.mismatches(bad).sorted()
        == [
          "$.at: expected a timestamp like 9999-99-99 99:99:99, got 2019-08-13T08:59:11Z",
          "$.id: expected an integer, got a boolean", "$.status: expected an object, got the string \"New\"",
          "$.tags: missing", "$.user.id: expected an integer, got the string \"7\"",
          "$.value: expected a string, got an object",
        ].sorted())
  }
}
