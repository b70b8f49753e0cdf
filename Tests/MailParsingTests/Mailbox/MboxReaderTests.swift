import Foundation
import XCTest

@testable import MailParsing

final class MboxReaderTests: XCTestCase {
  /// Messages of one mbox, each `(separator line, header, body)`; the file is
  /// their concatenation, so expected offsets and lengths follow.
  private struct Part {
    var separator: String
    var header: String
    var body: String
    var text: String { separator + header + body }
  }

  private func build(_ parts: [Part]) -> (text: String, expected: [(offset: Int, length: Int, header: String)]) {
    var text = ""
    var expected: [(Int, Int, String)] = []
    for part in parts {
      expected.append((text.utf8.count, part.text.utf8.count, part.header))
      text += part.text
    }
    return (text, expected)
  }

  private func read(_ text: String, blockSize: Int = 1 << 20, startOffset: UInt64 = 0) throws -> (ReadResult, String) {
    let folder = try ScratchFolder()
    let path = try folder.write("box.mbox", text)
    let result = try readAll(MboxReader(path: path, startOffset: startOffset, blockSize: blockSize))
    return (result, path)
  }

  private func assertMessages(
    _ result: ReadResult, _ expected: [(offset: Int, length: Int, header: String)],
    file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(result.messages.count, expected.count, "\(result.messages)", file: file, line: line)
    for (message, want) in zip(result.messages, expected) {
      XCTAssertEqual(message.offset, UInt64(want.offset), file: file, line: line)
      XCTAssertEqual(message.length, UInt64(want.length), file: file, line: line)
      XCTAssertEqual(message.header, want.header, file: file, line: line)
    }
  }

  /// A mailbox with every separator trap, LF and CRLF messages mixed.
  private var trickyParts: [Part] {
    [
      Part(separator: "From alice@example.com Mon Jan  1 00:00:00 2024\n",
           header: "From: alice@example.com\nTo: bob@example.org,\n carol@example.net\n",
           body: "\nHello\nFrom here on, text.\n>From quoted\n\nFrom Russia with love\n\n"),
      Part(separator: "From bob@example.org Tue Jan  2 00:00:00 2024\r\n",
           header: "From: bob@example.org\r\nSubject: crlf\r\n",
           body: "\r\nbody line\r\nFrom not a separator\r\n\r\n"),
      // Empty body: the next separator follows the header's blank line.
      Part(separator: "From carol@example.net Wed Jan  3 00:00:00 2024\n",
           header: "From: carol@example.net\n",
           body: "\n"),
      Part(separator: "From dave@example.com Thu Jan  4 00:00:00 2024\n",
           header: "From: dave@example.com\nContent-Length: 3\n",
           body: "\nThe Content-Length above lies.\n"),
    ]
  }

  func testSameMessagesForReadBlockSizes1And7And4096AndWholeFile() throws {
    let built = build(trickyParts)
    let sizes = [1, 7, 4096, built.text.utf8.count]
    for size in sizes {
      let (result, _) = try read(built.text, blockSize: size)
      assertMessages(result, built.expected)
      // Only dave's lying Content-Length is reported, wherever reads split.
      XCTAssertEqual(result.problemKinds, [.irregularFraming], "block size \(size)")
      XCTAssertEqual(result.problems.first?.offset, UInt64(built.expected[3].offset), "block size \(size)")
    }
  }

  func testEverySplitPointOfASeparatorGivesTheSameMessages() throws {
    // Block sizes 1 to 12 put a read boundary inside every `\n\r\nFrom ` separator.
    let built = build(trickyParts)
    for size in 1...12 {
      let (result, _) = try read(built.text, blockSize: size)
      assertMessages(result, built.expected)
    }
  }

  func testMboxrdQuotedFromLinesStayInTheBody() throws {
    let built = build([
      Part(separator: "From a@x.com Mon Jan  1 00:00:00 2024\n", header: "From: a@x.com\n",
           body: "\n>From the start\n>>From twice quoted\n\n>From after a blank line\n\n"),
      Part(separator: "From b@y.com Mon Jan  1 00:00:00 2024\n", header: "From: b@y.com\n", body: "\nend\n"),
    ])
    let (result, _) = try read(built.text)
    assertMessages(result, built.expected)
  }

  func testMboxoUnquotedFromAfterATextLineIsNotASeparator() throws {
    let built = build([
      Part(separator: "From a@x.com Mon Jan  1 00:00:00 2024\n", header: "From: a@x.com\n",
           body: "\nI wrote:\nFrom b@y.com Mon Jan  1 00:00:00 2024\nFrom: b@y.com\n\n"),
    ])
    let (result, _) = try read(built.text)
    assertMessages(result, built.expected)
  }

  func testFromLineAfterBlankLineWithoutHeaderFieldIsBodyText() throws {
    let built = build([
      Part(separator: "From - \n", header: "Subject: film\n",
           body: "\nMy favourite:\n\nFrom Russia with love\n\nthe end\n"),
    ])
    let (result, _) = try read(built.text)
    assertMessages(result, built.expected)
  }

  func testCRLFMboxIsSplitAndHeaderKeepsItsLineEndings() throws {
    let built = build([
      Part(separator: "From a@x.com Mon Jan  1 00:00:00 2024\r\n", header: "From: a@x.com\r\nTo: b@y.com\r\n",
           body: "\r\nbody\r\n\r\n"),
      Part(separator: "From b@y.com Mon Jan  1 00:00:00 2024\r\n", header: "From: b@y.com\r\n", body: "\r\n"),
    ])
    let (result, _) = try read(built.text)
    assertMessages(result, built.expected)
  }

  func testLyingContentLengthDoesNotChangeSplitting() throws {
    let built = build([
      Part(separator: "From a@x.com Mon Jan  1 00:00:00 2024\n",
           header: "From: a@x.com\nContent-Length: 100000\n", body: "\nshort\n\n"),
      Part(separator: "From b@y.com Mon Jan  1 00:00:00 2024\n",
           header: "From: b@y.com\nContent-Length: 0\n", body: "\nlonger than zero\n"),
    ])
    let (result, _) = try read(built.text)
    assertMessages(result, built.expected)
  }

  func testTruncatedLastMessageYieldsItsHeaderAndAProblem() throws {
    let text = "From a@x.com\nFrom: a@x.com\n\nbody\n\nFrom b@y.com\nFrom: b@y.com\nSubject: cut he"
    let (result, path) = try read(text)
    XCTAssertEqual(result.messages.map(\.header), ["From: a@x.com\n", "From: b@y.com\nSubject: cut he"])
    XCTAssertEqual(result.problemKinds, [.truncatedMessage])
    XCTAssertEqual(result.problems.first?.offset, 34)
    XCTAssertEqual(result.problems.first?.file, path)
  }

  func testHugeHeaderIsCutAtTheLimitAndReadingContinues() throws {
    let longField = "X-Long: " + String(repeating: "a", count: MailboxLimits.maxHeaderBytes) + "\n"
    let text = "From a@x.com\nFrom: a@x.com\n" + longField + "To: lost@x.com\n\nbody\n\n"
      + "From b@y.com\nFrom: b@y.com\n\nbody\n"
    let (result, _) = try read(text, blockSize: 4096)
    XCTAssertEqual(result.messages.count, 2)
    XCTAssertEqual(result.raw.first?.header.count, MailboxLimits.maxHeaderBytes)
    XCTAssertEqual(result.messages.first?.truncated, true)
    XCTAssertEqual(result.messages.last?.header, "From: b@y.com\n")
    XCTAssertEqual(result.messages.last?.truncated, false)
    XCTAssertEqual(result.problemKinds, [.headerTooLarge])
    XCTAssertEqual(result.problems.first?.offset, 0)
  }

  func testEmptyFileYieldsNoMessageAndNoProblem() throws {
    let (result, _) = try read("")
    XCTAssertEqual(result.messages, [])
    XCTAssertEqual(result.problems, [])
  }

  func testTextFileNotStartingWithFromIsNotAMessage() throws {
    let (result, _) = try read("# README\n\nFrom here on, notes.\n")
    XCTAssertEqual(result.messages, [])
    XCTAssertEqual(result.problemKinds, [.notAMessage])
  }

  func testByteOrderMarkAndBlankLinesBeforeTheFirstFromAreAccepted() throws {
    let text = "\u{FEFF}\n  \r\nFrom a@x.com\nFrom: a@x.com\n\nbody\n"
    let (result, _) = try read(text, blockSize: 1)
    XCTAssertEqual(result.messages.map(\.header), ["From: a@x.com\n"])
    XCTAssertEqual(result.messages.first?.offset, 8)
    XCTAssertEqual(result.problems, [])
  }

  func testStartOffsetResumesAtAKnownMessageStart() throws {
    let built = build(trickyParts)
    let third = try XCTUnwrap(built.expected.dropFirst(2).first)
    let (result, _) = try read(built.text, startOffset: UInt64(third.offset))
    assertMessages(result, Array(built.expected.dropFirst(2)))
  }

  func testMessageLengthsTileTheWholeFile() throws {
    let built = build(trickyParts)
    let (result, _) = try read(built.text, blockSize: 5)
    var next: UInt64 = 0
    for message in result.messages {
      XCTAssertEqual(message.offset, next)
      next = message.offset + (message.length ?? 0)
    }
    XCTAssertEqual(next, UInt64(built.text.utf8.count))
  }

  func testMissingFileThrowsAReadErrorThatBecomesAVanishedFileProblem() throws {
    let reader = MboxReader(path: "/nonexistent/mailaudit/box.mbox")
    XCTAssertThrowsError(try reader.forEachEvent { _ in }) { error in
      XCTAssertEqual((error as? MailboxReadError)?.problem.kind, .vanishedFile)
    }
  }

  func testLocationNamesTheMailboxGivenAndTheFileRead() throws {
    let folder = try ScratchFolder()
    let path = try folder.write("Sent", "From a@x.com\nFrom: a@x.com\n\n")
    let result = try readAll(MboxReader(path: path, mailbox: "Sent"))
    XCTAssertEqual(result.raw.first?.location.mailbox, "Sent")
    XCTAssertEqual(result.raw.first?.location.file, path)
    XCTAssertEqual(result.raw.first?.location.format, .mbox)
  }
}
