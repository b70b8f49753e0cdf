import MailParsing
import XCTest

@testable import MailAudit

final class IncidentGroupingTests: XCTestCase {
  func member(_ key: String, at epoch: Int64, sender: String = "s@corp.example", subject: String, inReplyTo: [String] = [], references: [String] = [], exposed: [String]) -> IncidentGrouping.Member {
    let message = SentMessage(
      key: key, messageID: key, date: MessageDate(epochSeconds: epoch, offsetSeconds: 0), sender: sender,
      subject: subject, inReplyTo: inReplyTo, references: references, recipients: exposed.map { VisibleRecipient(address: $0) })
    let finding = ExposureFinding(
      messageKey: key, severity: .low, reply: false, visibleRecipients: exposed.count,
      exposed: exposed.map { ExposedAddress(address: $0, displayName: nil, party: String($0.split(separator: "@")[1]), personal: false, exposedTo: 1) },
      parties: 2)
    return IncidentGrouping.Member(message: message, finding: finding)
  }

  /// A finding's thread keys are read once and shared by its grouping
  /// links and its grouping facts: they must be what each read alone.
  func testThreadKeysAreTheBaseSubjectItsPrefixAndTheBatchKey() {
    let reply = member("r", at: 0, subject: "ＲＥ： Re[2]:  Plan  B", exposed: ["x@a.example", "y@b.example"]).message
    let keys = ThreadKeys(reply)
    XCTAssertEqual(keys.subjectBase, "plan b")
    XCTAssertTrue(keys.subjectIsPrefixed)
    XCTAssertEqual(keys.batch, "s@corp.example\u{1F}ＲＥ： Re[2]:  Plan  B")
    // The links are stored (`findingLink`): their texts and hashes must not
    // move, or an existing index's incremental regrouping goes wrong.
    let links = [
      StoreAnalysis.stableHash("id", "r"), StoreAnalysis.stableHash("subject", "plan b"),
      StoreAnalysis.stableHash("batch", "s@corp.example\u{1F}ＲＥ： Re[2]:  Plan  B"),
    ]
    XCTAssertEqual(StoreAnalysis.groupingLinks(of: reply, threadKeys: keys), links)
    XCTAssertEqual(StoreAnalysis.groupingLinks(of: reply), links)
    XCTAssertEqual(StoreAnalysis.stableHash("id", "r"), -6_969_272_297_010_584_019)

    var undated = member("u", at: 0, subject: "Plan", exposed: ["x@a.example", "y@b.example"]).message
    undated.date = nil
    XCTAssertNil(ThreadKeys(undated).batch)
    XCTAssertFalse(ThreadKeys(undated).subjectIsPrefixed)
    undated.subject = "Re:"
    XCTAssertEqual(ThreadKeys(undated).subjectBase, "")
    XCTAssertFalse(ThreadKeys(undated).subjectIsPrefixed, "a prefix alone leaves no base to link by")
  }

  /// Addresses are numbered from 0 in the order they are first exposed,
  /// each text once, through the tables' growth.
  func testAddressesAreNumberedInTheOrderFirstExposedThroughTheTablesGrowth() {
    var members = IncidentGrouping.Members()
    for i in 0..<3_000 {
      // Each member exposes two new addresses and one of the last member's.
      let exposed = ["n\(2 * i)@a.example", "n\(2 * i + 1)@b.example"] + (i > 0 ? ["n\(2 * i - 1)@b.example"] : [])
      let m = member("m\(i)", at: Int64(i) * 100_000, subject: "S\(i)", exposed: exposed)
      members.append(message: m.message, finding: m.finding)
      let expected = [Int32(2 * i), Int32(2 * i + 1)] + (i > 0 ? [Int32(2 * i - 1)] : [])
      guard members.lastAddressNumbers == expected else {
        return XCTFail("member \(i): \(members.lastAddressNumbers), expected \(expected)")
      }
    }
    XCTAssertEqual(members.count, 3_000)
    XCTAssertEqual(members.idCount, 3_000)
    XCTAssertEqual(members.subjectCount, 3_000)
  }

  func testAThreadWithOverlappingListsIsOneIncident() {
    let incidents = IncidentGrouping().group([
      member("a", at: 0, subject: "Plan", exposed: ["x@a.example", "y@b.example"]),
      member("b", at: 90_000 * 10, sender: "t@corp.example", subject: "Re: Plan", inReplyTo: ["a"], exposed: ["y@b.example", "z@c.example"]),
    ])
    XCTAssertEqual(incidents.count, 1)
    XCTAssertEqual(incidents.first?.people, 3)
    XCTAssertEqual(incidents.first?.messageKeys, ["a", "b"])
  }

  func testAThreadWithDisjointListsIsTwoIncidents() {
    let incidents = IncidentGrouping().group([
      member("a", at: 0, subject: "Plan", exposed: ["x@a.example", "y@b.example"]),
      member("b", at: 900_000, sender: "t@corp.example", subject: "Re: Plan", references: ["a"], exposed: ["v@d.example", "z@c.example"]),
    ])
    XCTAssertEqual(incidents.count, 2)
  }

  func testABatchWithin24HoursIsOneIncidentAndLaterResendIsAnother() {
    let incidents = IncidentGrouping().group([
      member("a", at: 0, subject: "Invite", exposed: ["x@a.example", "y@b.example"]),
      member("b", at: 3600, subject: "Invite", exposed: ["v@d.example", "z@c.example"]),
      member("c", at: 3600 + 86_000, subject: "Invite", exposed: ["w@e.example", "u@f.example"]),
      member("d", at: 3 * 86_400 + 90_000, subject: "Invite", exposed: ["x@a.example", "q@g.example"]),
    ])
    XCTAssertEqual(incidents.map(\.messageKeys.count).sorted(), [1, 3])
  }

  func testIncidentIDComesFromTheEarliestMessageAndIsStable() {
    let a = member("first", at: 100, subject: "S", exposed: ["x@a.example", "y@b.example"])
    let b = member("second", at: 200, subject: "S", exposed: ["z@c.example", "y@b.example"])
    let one = IncidentGrouping().group([a, b])
    let two = IncidentGrouping().group([b, a])
    XCTAssertEqual(one.map(\.id), two.map(\.id))
    XCTAssertEqual(one.first?.id, IncidentGrouping.incidentID(forEarliestKey: "first"))
    XCTAssertTrue(one.first?.id.hasPrefix("INC-") == true)
  }

  func testIncidentIDsAreTheFirstTenHexDigitsOfTheKeysSHA256() {
    // Fixed ids: reports, follow-ups and regulators' files name incidents
    // by them, so they never change (values from Python's hashlib).
    let expected = [
      "first": "INC-a7937b64b8", "a@corp.example": "INC-17f9687c10", "<x@y>": "INC-21cd7f33c5",
      "": "INC-e3b0c44298", "日本語@例え.jp": "INC-a0e99de8e1",
      "sha256:" + String(repeating: "ab", count: 32): "INC-7b28e61bc1",
    ]
    for (key, id) in expected {
      XCTAssertEqual(IncidentGrouping.incidentID(forEarliestKey: key), id, key)
    }
  }
}
