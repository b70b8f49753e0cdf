import Foundation
import XCTest
@testable import MailParsing

final class MessageHeadersParsingTests: XCTestCase {
  private func parse(_ text: String, file: String = "Sent.mbox", offset: UInt64 = 42) -> MessageHeaders {
    let location = MessageLocation(format: .mbox, mailbox: file, file: file, offset: offset)
    return MessageHeaders(parsing: RawMessage(location: location, header: Array(text.utf8)))
  }

  func testMultipleToAndCcFieldsAreConcatenated() {
    let headers = parse("To: a@x.example\nCc: c@z.example\nTo: b@y.example\n")
    XCTAssertEqual(headers.to.compactMap(\.normalized), ["a@x.example", "b@y.example"])
    XCTAssertEqual(headers.cc.compactMap(\.normalized), ["c@z.example"])
  }

  func testEveryAddressFieldKeepsItsFieldsInOrderAfterAnEmptyFirstOne() {
    let headers = parse(
      "To:\nTo: a@x.example, b@x.example\nBcc: d@x.example\nTo: c@x.example\nBcc: e@x.example\n"
        + "Resent-To: f@x.example\nResent-Cc: g@x.example\nResent-To: h@x.example\n"
        + "Resent-Bcc: i@x.example\nResent-Bcc: j@x.example\nResent-From: k@x.example\nResent-From: l@x.example\n")
    XCTAssertEqual(headers.to.compactMap(\.normalized), ["a@x.example", "b@x.example", "c@x.example"])
    XCTAssertEqual(headers.bcc.compactMap(\.normalized), ["d@x.example", "e@x.example"])
    XCTAssertEqual(headers.resentTo.compactMap(\.normalized), ["f@x.example", "h@x.example"])
    XCTAssertEqual(headers.resentCc.compactMap(\.normalized), ["g@x.example"])
    XCTAssertEqual(headers.resentBcc.compactMap(\.normalized), ["i@x.example", "j@x.example"])
    XCTAssertEqual(headers.resentFrom.compactMap(\.normalized), ["k@x.example", "l@x.example"])
  }

  func testAnyResentFieldMarksTheMessageResent() {
    XCTAssertTrue(parse("Resent-From: r@x.example\n").isResent)
    XCTAssertEqual(parse("Resent-From: r@x.example\n").resentFrom.compactMap(\.normalized), ["r@x.example"])
    XCTAssertFalse(parse("To: a@x.example\n").isResent)
  }

  func testUnreadableEntriesBecomeProblemsLocatedAtTheMessage() {
    let headers = parse("To: John Doe, a@x.example\nCc: /O=EXCH/OU=G/CN=RECIPIENTS/CN=jd\nDate: whenever\n")
    XCTAssertEqual(headers.to.count, 1)
    XCTAssertEqual(headers.problems.map(\.kind), [.unparseableAddress, .x500Address, .badDate])
    XCTAssertEqual(headers.problems.map(\.field), ["to", "cc", "date"])
    XCTAssertEqual(headers.problems.map(\.detail), ["John Doe", "/O=EXCH/OU=G/CN=RECIPIENTS/CN=jd", "whenever"])
    XCTAssertTrue(headers.problems.allSatisfy { $0.file == "Sent.mbox" && $0.offset == 42 })
  }

  func testEncodedNULInARecipientNameIsReplacedAndRecordedAsAProblem() {
    // Reported by a colleague: the name was cut at the NUL, silently.
    let headers = parse("To: =?UTF-8?Q?Enc=00Nul?= <a@x.example>\n")
    XCTAssertEqual(headers.to.first?.displayName, "Enc\u{FFFD}Nul")
    XCTAssertEqual(headers.problems.map(\.kind), [.undecodableWord])
    XCTAssertEqual(headers.problems.first?.field, "to")
  }

  func testAddressLikeNameWithAnIssueIsReportedOnce() {
    // The name is probed for bare addresses before it is read as a name.
    let headers = parse("To: =?UTF-8?Q?a=00?= j@x.example <j@x.example>\n")
    XCTAssertEqual(headers.to.compactMap(\.normalized), ["j@x.example"])
    XCTAssertEqual(headers.problems.map(\.kind), [.undecodableWord])
  }

  func testBareAddressesBeforeAnAngleAddressAreAllRecipients() {
    // Reported by a colleague: only c@z was kept, a@x and b@y were lost.
    let headers = parse("Cc: a@x.example b@y.example <c@z.example>\n")
    XCTAssertEqual(headers.cc.compactMap(\.normalized), ["a@x.example", "b@y.example", "c@z.example"])
    XCTAssertTrue(headers.problems.isEmpty, "\(headers.problems)")
  }

  func testOversizedFieldIsReportedAndItsStartStillRead() {
    let long = String(repeating: "a@x.example, ", count: HeaderLimits.maxFieldBytes / 13 + 10)
    let headers = parse("To: \(long)\n")
    XCTAssertEqual(headers.problems.first?.kind, .headerTooLarge)
    XCTAssertEqual(headers.problems.first?.field, "to")
    XCTAssertGreaterThan(headers.to.count, 20_000)
  }

  func testUnconvertibleDomainIsReportedAsBadDomain() {
    // A domain IDNA cannot convert: a label longer than 63 bytes after encoding.
    let headers = parse("To: a@\(String(repeating: "é", count: 70)).example\n")
    XCTAssertEqual(headers.problems.map(\.kind), [.badDomain])
  }

  func testFirstDateSubjectAndIdsCount() {
    let headers = parse(
      "Date: 1 Mar 2024 09:15 +0900\nDate: 2 Mar 2024 09:15 +0900\nSubject:  Re: hi \nSubject: other\n"
        + "Message-ID: <m1@x>\nIn-Reply-To: <p@x>\nReferences: <r1@x> <p@x>\nX-Gmail-Labels: Sent,\"Opened\",Important\n")
    XCTAssertEqual(headers.date?.iso8601, "2024-03-01T09:15:00+09:00")
    XCTAssertEqual(headers.subject, "Re: hi")
    XCTAssertEqual(headers.messageID, "m1@x")
    XCTAssertEqual(headers.inReplyTo, ["p@x"])
    XCTAssertEqual(headers.references, ["r1@x", "p@x"])
    XCTAssertEqual(headers.gmailLabels, ["Sent", "Opened", "Important"])
  }

  func testEmptyGroupIsRecordedWithoutAddresses() {
    let headers = parse("To: undisclosed-recipients:;\nBcc: a@x.example\n")
    XCTAssertTrue(headers.to.isEmpty)
    XCTAssertEqual(headers.recipientGroups, ["undisclosed-recipients"])
    XCTAssertTrue(headers.problems.isEmpty)
  }

  // MARK: Whole messages from Tests/Fixtures/messages

  struct Expected: Codable, Equatable {
    var from: [String]
    var to: [String]
    var cc: [String]
    var bcc: [String]
    var resentTo: [String]
    var resentCc: [String]
    var resentBcc: [String]
    var isResent: Bool
    var date: String?
    var messageID: String?
    var inReplyTo: [String]
    var references: [String]
    /// Nil when the subject needs the full decoder to check.
    var subject: String?
    var malformedLineCount: Int
    /// `kind:field` of each problem.
    var problems: [String]
  }

  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/messages")

  func testFixtureMessagesYieldHandCheckedHeadersWithLFAndCRLF() throws {
    let files = try FileManager.default.subpathsOfDirectory(atPath: Self.fixtures.path)
      .filter { $0.hasSuffix(".eml") }.sorted()
    XCTAssertGreaterThanOrEqual(files.count, 5, "fixture messages missing")
    for name in files {
      let url = Self.fixtures.appendingPathComponent(name)
      let expectedURL = url.deletingPathExtension().appendingPathExtension("expected.json")
      let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: expectedURL))
      let lf = Self.headerBlock(of: try Data(contentsOf: url)).filter { $0 != 0x0D }
      let crlf = lf.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
      for (ending, header) in [("LF", lf), ("CRLF", crlf)] {
        let location = MessageLocation(format: .single, mailbox: name, file: name)
        let actual = Self.summary(MessageHeaders(parsing: RawMessage(location: location, header: header)),
                                  keepSubject: expected.subject != nil)
        if actual != expected {
          let encoder = JSONEncoder()
          encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
          let actualURL = url.deletingPathExtension().appendingPathExtension("actual.json")
          try encoder.encode(actual).write(to: actualURL)
          XCTFail("\(name) (\(ending)) differs from its expected.json; see \(actualURL.lastPathComponent)")
        }
      }
    }
  }

  /// The bytes before the first empty line.
  static func headerBlock(of data: Data) -> [UInt8] {
    let bytes = [UInt8](data)
    var lineStart = 0
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
      let line = bytes[lineStart..<index]
      if line.isEmpty || line == [0x0D] { return Array(bytes[..<lineStart]) }
      lineStart = index + 1
    }
    return bytes
  }

  static func summary(_ headers: MessageHeaders, keepSubject: Bool) -> Expected {
    func norm(_ list: [Address]) -> [String] { list.map { $0.normalized ?? "?\($0.addrSpec)" } }
    return Expected(
      from: norm(headers.from), to: norm(headers.to), cc: norm(headers.cc), bcc: norm(headers.bcc),
      resentTo: norm(headers.resentTo), resentCc: norm(headers.resentCc), resentBcc: norm(headers.resentBcc),
      isResent: headers.isResent, date: headers.date?.iso8601, messageID: headers.messageID,
      inReplyTo: headers.inReplyTo, references: headers.references,
      subject: keepSubject ? headers.subject : nil, malformedLineCount: headers.malformedLineCount,
      problems: headers.problems.map { "\($0.kind.rawValue):\($0.field ?? "")" })
  }
}
