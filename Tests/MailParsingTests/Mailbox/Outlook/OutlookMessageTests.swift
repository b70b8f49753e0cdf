import XCTest

@testable import MailParsing

/// Outlook's MAPI properties become a header block the ordinary parser
/// reads back to the same recipients.
final class OutlookMessageTests: XCTestCase {
  func message() -> OutlookMessage {
    OutlookMessage(
      subject: "【ご案内】説明会のお知らせ", messageID: "<abc@example.co.jp>", inReplyTo: nil,
      references: nil, submitTime: 133_000_000_000_000_000,
      sender: .init(displayName: "採用担当", address: "saiyo@corp.example", addressType: "SMTP"),
      recipients: [
        .init(kind: .to, displayName: "Tanaka, Taro \"T\"", address: "taro@acme.example", addressType: "SMTP"),
        .init(kind: .to, displayName: "山田 花子", address: "hanako@gmail.com", addressType: "SMTP"),
        .init(kind: .cc, displayName: "Ops", address: "/O=CORP/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=OPS", addressType: "EX"),
        .init(kind: .bcc, displayName: "Hidden", address: "hidden@wonka.example", addressType: "SMTP"),
        .init(kind: .to, displayName: "No address", address: nil, addressType: nil),
      ])
  }

  func testHeaderBlockParsesBackToTheRecipientTable() {
    let raw = RawMessage(
      location: MessageLocation(format: .single, mailbox: "x.msg", file: "x.msg"), header: message().headerBlock())
    let headers = MessageHeaders(parsing: raw)
    XCTAssertEqual(headers.to.map(\.addrSpec), ["taro@acme.example", "hanako@gmail.com"])
    XCTAssertEqual(headers.to.map(\.displayName), ["Tanaka, Taro \"T\"", "山田 花子"])
    XCTAssertEqual(headers.cc, [])
    XCTAssertEqual(headers.visibleX500, ["/O=CORP/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=OPS"])
    XCTAssertEqual(headers.bcc.map(\.addrSpec), ["hidden@wonka.example"])
    XCTAssertEqual(headers.from.map(\.addrSpec), ["saiyo@corp.example"])
    XCTAssertEqual(headers.subject, "【ご案内】説明会のお知らせ")
    XCTAssertEqual(headers.messageID, "abc@example.co.jp")
    // An X.500 name alone is kept and reported, as in any header, until mapped.
    XCTAssertEqual(headers.problems.map(\.kind), [.x500Address])
  }

  func testDateIsTheSubmitTimeInUTC() {
    // 2022-06-18 04:26:40 UTC (Python: datetime(1601, 1, 1) + timedelta(microseconds=ticks // 10)).
    XCTAssertEqual(OutlookMessage.rfc5322Date(filetime: 133_000_000_000_000_000), "Sat, 18 Jun 2022 04:26:40 +0000")
    XCTAssertNil(OutlookMessage.rfc5322Date(filetime: 0))
  }

  func testAPropertyHoldingALineBreakCannotAddAHeaderField() {
    var message = message()
    message.subject = "hello\r\nBcc: injected@evil.example"
    let text = String(decoding: message.headerBlock(), as: UTF8.self)
    XCTAssertFalse(text.contains("\nBcc: injected"), text)
  }

  func testAnUnsentDraftIsLabelledSoTheSentFilterLeavesItOut() {
    var message = message()
    message.unsent = true
    let raw = RawMessage(
      location: MessageLocation(format: .single, mailbox: "x.msg", file: "x.msg"), header: message.headerBlock(),
      labels: message.labels)
    XCTAssertFalse(SentLabelFilter.admits(raw, selection: .sentOnly))
    XCTAssertTrue(SentLabelFilter.admits(raw, selection: .all))
  }
}
