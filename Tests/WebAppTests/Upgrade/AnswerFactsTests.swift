import Foundation
import Testing

/// The comparison the upgrade test relies on finds changed facts and ignores deliberate additions.
@Suite("Answer facts")
struct AnswerFactsTests {
  func json(_ text: String) throws -> AnyJSON { try AnyJSON(data: Data(text.utf8)) }

  @Test("a changed, missing or reordered fact is a difference; new keys, envelopes and typing are not")
  func differences() throws {
    let recorded = try json(
      #"[{"id": 1, "name": "Zoë", "managed": "true", "next_run_at": "x"}, {"id": 2, "name": "B"}]"#)
    let same = try json(
      #"{"page_info": {"count": 9, "last_index": 2}, "data": [{"id": 1, "name": "Zoë", "managed": true, "new": 1, "next_run_at": "y"}, {"id": 2, "name": "B"}]}"#
    )
    #expect(AnswerFacts.differences(recorded: recorded, current: same, in: "t").isEmpty)
    let renamed = try json(#"[{"id": 1, "name": "Zoe", "managed": true}, {"id": 2, "name": "B"}]"#)
    #expect(AnswerFacts.differences(recorded: recorded, current: renamed, in: "t") == ["t: [1].name was Zoë, now Zoe"])
    let reordered = try json(#"[{"id": 2, "name": "B"}, {"id": 1, "name": "Zoë", "managed": true}]"#)
    #expect(AnswerFacts.differences(recorded: recorded, current: reordered, in: "t") == ["t: #order was 1,2, now 2,1"])
    let missing = try json(#"[{"id": 1, "name": "Zoë", "managed": true}]"#)
    #expect(AnswerFacts.differences(recorded: recorded, current: missing, in: "t").count == 3)
  }

  @Test("reports compare by cells")
  func csv() {
    #expect(CSVRows.parse("a,\"b,\"\"c\"\"\"\r\nd,\n") == [["a", "b,\"c\""], ["d", ""]])
  }
}
