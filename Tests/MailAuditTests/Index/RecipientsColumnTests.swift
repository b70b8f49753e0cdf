import XCTest

@testable import MailAudit

/// The stored form of a message's visible recipients, and the sender's
/// domain the index keeps beside it: both now work on UTF-8 bytes.
final class RecipientsColumnTests: XCTestCase {
  func testRecipientsComeBackAsStoredWithTheSeparatorsDroppedFromNames() {
    let recipients = [
      VisibleRecipient(address: "a@example.com", displayName: "山田 太郎"),
      VisibleRecipient(address: "\"x;y\"@example.org"),
      VisibleRecipient(address: "b@example.net", displayName: "Eve\u{1F}\u{1E} Mallory 📮"),
      VisibleRecipient(address: "c@example.net", displayName: ""),
    ]
    let column = RecipientsColumn.encode(recipients)
    XCTAssertEqual(
      column,
      "a@example.com\u{1F}山田 太郎\u{1E}\"x;y\"@example.org\u{1E}b@example.net\u{1F}Eve Mallory 📮\u{1E}c@example.net\u{1F}")
    var expected = recipients
    expected[2].displayName = "Eve Mallory 📮"
    XCTAssertEqual(RecipientsColumn.decode(column), expected)
    XCTAssertEqual(RecipientsColumn.encode([]), "")
    XCTAssertEqual(RecipientsColumn.decode(""), [])
  }

  /// What the byte-wise decoding must keep of the split it replaced:
  /// empty recipients between separators, a name after the first unit
  /// separator only, an empty name, and multi-byte text either side.
  func testDecodingKeepsEveryPieceAsTheSeparatorsCutIt() {
    XCTAssertEqual(
      RecipientsColumn.decode("\u{1E}a@x.jp\u{1F}名\u{1F}前\u{1E}\u{1E}山@例え.jp\u{1F}"),
      [
        VisibleRecipient(address: ""), VisibleRecipient(address: "a@x.jp", displayName: "名\u{1F}前"),
        VisibleRecipient(address: ""), VisibleRecipient(address: "山@例え.jp", displayName: ""),
      ])
    XCTAssertEqual(RecipientsColumn.decode("only@x.jp"), [VisibleRecipient(address: "only@x.jp")])
    XCTAssertEqual(
      RecipientsColumn.decode("a@x.jp\u{1E}"), [VisibleRecipient(address: "a@x.jp"), VisibleRecipient(address: "")])
  }

  /// The analysis reads the recipients without their names: every
  /// address, in order, as with them, and no name at all.
  func testTheAnalysisReadsEveryAddressInOrderAndNoName() {
    let column = "a@x.jp\u{1F}名\u{1F}前\u{1E}b@y.jp\u{1E}c@z.jp\u{1F}"
    let withNames = RecipientsColumn.decode(column)
    let withoutNames = RecipientsColumn.decode(column, names: false)
    XCTAssertEqual(withoutNames.map(\.address), ["a@x.jp", "b@y.jp", "c@z.jp"])
    XCTAssertEqual(withoutNames.map(\.address), withNames.map(\.address))
    XCTAssertEqual(withoutNames.map(\.displayName), [nil, nil, nil])
    let stored = StoredMessage(
      key: "k", messageID: "k", dateEpoch: nil, dateOffset: nil, sender: nil, senderName: nil, subject: nil,
      inReplyTo: "", references: "", recipients: column)
    XCTAssertEqual(stored.decodedForAnalysis().recipients, withoutNames)
  }

  func testTheSenderDomainIsWhatFollowsTheLastAt() {
    func domain(_ sender: String?) -> String? { SentMessage(key: "k", sender: sender, recipients: []).senderDomain }
    XCTAssertEqual(domain("a@example.com"), "example.com")
    XCTAssertEqual(domain("\"a@b\"@example.jp"), "example.jp")
    XCTAssertEqual(domain("山田@xn--wgv71a.jp"), "xn--wgv71a.jp")
    XCTAssertEqual(domain("trailing@"), "")
    XCTAssertNil(domain("no-at-sign"))
    XCTAssertNil(domain(nil))
  }
}
