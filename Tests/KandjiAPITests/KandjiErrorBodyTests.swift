import Testing

@testable import KandjiAPI

@Suite("Kandji error bodies of every shape")
struct KandjiErrorBodyTests {
  @Test(
    "the recorded 400 and 404 bodies give a readable message",
    arguments: [
      ("error_400_device_already_locked.postman_doc.json", "This device is already locked."),
      ("error_400_device_not_in_lost_mode.postman_doc.json", "Device is not in lost mode."),
      ("error_400_ade_invalid_uuid.postman_doc.json", "dep_account: Enter a valid UUID."),
      ("error_404_library_item_not_found.postman_doc.html", "Not Found"),
    ])
  func fixtures(name: String, expected: String) throws {
    #expect(KandjiErrorBody.message(from: try Fixtures.bytes(name)) == expected)
  }

  @Test func kongAndDRFShapes() {
    #expect(
      KandjiErrorBody.message(from: Array(#"{"message":"API rate limit exceeded"}"#.utf8)) == "API rate limit exceeded")
    #expect(KandjiErrorBody.message(from: Array(#"{"detail":"Invalid token."}"#.utf8)) == "Invalid token.")
    #expect(KandjiErrorBody.message(from: []) == nil)
    let huge = KandjiErrorBody.message(from: Array(String(repeating: "x", count: 10_000).utf8))
    #expect((huge?.count ?? 0) <= KandjiErrorBody.maxLength + 1)
  }

  @Test func htmlDetection() throws {
    #expect(KandjiErrorBody.isHTML(try Fixtures.bytes("error_404_library_item_not_found.postman_doc.html")))
    #expect(!KandjiErrorBody.isHTML(Array("[]".utf8)))
  }
}
