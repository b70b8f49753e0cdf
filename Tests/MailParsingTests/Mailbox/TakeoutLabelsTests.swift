import Foundation
import XCTest

@testable import MailParsing

final class TakeoutLabelsTests: XCTestCase {
  private struct LabelCase: Decodable {
    var name: String
    var value: String
    var labels: [String]
    var sent: Bool
  }

  private var takeoutPath: String { TestData.fixture("takeout/takeout.mbox") }

  func testLabelValuesSplitAndSentIsRecognisedAsTheTableSays() throws {
    for row in try FieldTable.load("gmail-labels.json", as: [LabelCase].self) {
      let labels = TakeoutLabels.parse(Array(row.value.utf8))
      XCTAssertEqual(labels, row.labels, "\(row.name): \(row.value.debugDescription)")
      XCTAssertEqual(TakeoutLabels.isSent(labels), row.sent, "\(row.name): \(labels)")
    }
  }

  func testSentIsRecognisedInAnyCaseAndInLocalisedNames() {
    for name in ["Sent", "SENT", "sEnT", "送信済みメール", "Gesendet", "Envoyés", "ENVOYÉS", "Enviados", "Inviati"] {
      XCTAssertTrue(TakeoutLabels.isSent(["Inbox", name]), name)
    }
    XCTAssertFalse(TakeoutLabels.isSent([]))
    XCTAssertFalse(TakeoutLabels.isSent(["Inbox", "Opened", "Sentinel", "Drafts"]))
  }

  func testFieldIsFoundInAHeaderBlockWhateverItsCaseAndFolding() {
    let header = Array("From: a@x.com\r\nx-gmail-labels : Inbox,\r\n\t\"A, B\",\r\n Sent\r\nTo: b@y.com\r\n".utf8)
    XCTAssertEqual(TakeoutLabels.labels(inHeader: header), ["Inbox", "A, B", "Sent"])
    XCTAssertNil(TakeoutLabels.labels(inHeader: Array("From: a@x.com\nX-Gmail-Label: Sent\n".utf8)))
    XCTAssertNil(TakeoutLabels.labels(inHeader: Array("From: a@x.com\nX-Gmail-Labels-Extra: Sent\n".utf8)))
    XCTAssertEqual(TakeoutLabels.labels(inHeader: Array("X-Gmail-Labels:\n".utf8)), [])
  }

  func testTakeoutMboxMessagesCarryTheirLabels() throws {
    let result = try readAll(MboxReader(path: takeoutPath))
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.raw.map(\.labels), [
      ["Sent", "Opened"],
      ["Inbox", "Important", "Opened", "Category Personal"],
      ["Clients, 2024", "Sent"],
      ["Archived", "Category Updates", "Sent", "Opened"],
      ["送信済みメール", "開封済み"],
      ["Chat"],
      ["Spam", "Unread"],
    ])
  }

  func testSentLabelFilterPassesOnlySentMessagesByDefault() throws {
    let filter = SentLabelFilter(MboxReader(path: takeoutPath))
    var skipped: [String] = []
    var passed: [RawMessage] = []
    try filter.forEachEvent({ event in
      if case .message(let message) = event { passed.append(message) }
    }, skipped: { skipped.append($0.location.description) })
    XCTAssertEqual(passed.map { TakeoutLabels.isSent($0.labels ?? []) }, [true, true, true, true])
    XCTAssertEqual(passed.map { messageID($0) }, [
      "<takeout-1@acme.example>", "<takeout-3@acme.example>", "<takeout-4@acme.example>",
      "<takeout-5@acme.example>",
    ])
    XCTAssertEqual(skipped.count, 3)
    XCTAssertEqual(filter.mailbox, takeoutPath)
  }

  func testSentLabelFilterPassesEverythingWhenAskedTo() throws {
    let result = try readAll(SentLabelFilter(MboxReader(path: takeoutPath), selection: .all))
    XCTAssertEqual(result.messages.count, 7)
  }

  func testMessagesWithoutLabelsAlwaysPass() throws {
    let result = try readAll(SentLabelFilter(MboxReader(path: TestData.fixture("gzip/box.mbox"))))
    XCTAssertEqual(result.messages.count, 3)
    XCTAssertEqual(result.raw.map(\.labels), [nil, nil, nil])
  }

  func testSingleMessageFileCarriesItsLabels() throws {
    let folder = try ScratchFolder()
    let path = try folder.write("one.eml", "X-Gmail-Labels: Sent\nFrom: a@x.com\nTo: b@y.com\n\nbody\n")
    XCTAssertEqual(try readAll(SingleMessageReader(path: path)).raw.map(\.labels), [["Sent"]])
  }

  private func messageID(_ message: RawMessage) -> String? {
    HeaderBlock(message.header).first(.messageID).map { String(decoding: $0.value, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
  }
}

extension TakeoutLabelsTests {
  func testUndecodableLabelIsKeptAsWrittenAndReportedAtItsMessage() throws {
    let folder = try ScratchFolder()
    let mbox = "From 1@xxx Mon Jan 01 00:00:00 +0000 2024\nX-Gmail-Labels: =?x-no-such-charset?Q?abc?=,Sent\n"
      + "From: a@x.com\nTo: b@y.com\n\nbody\n"
    let path = try folder.write("takeout.mbox", mbox)
    let result = try readAll(MboxReader(path: path))
    XCTAssertEqual(result.raw.first?.labels?.last, "Sent")
    XCTAssertEqual(result.raw.first?.labels?.count, 2)
    let problem = try XCTUnwrap(result.problems.first)
    XCTAssertEqual(result.problems.count, 1)
    XCTAssertEqual(problem.kind, .unknownCharset)
    XCTAssertEqual(problem.field, "x-gmail-labels")
    XCTAssertEqual(problem.offset, 0)
  }
}
