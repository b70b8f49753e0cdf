import NIOCore
import NIOEmbedded
import XCTest

@testable import MailIMAP

/// Framing and reading of server responses, without a server.
final class IMAPResponseTests: XCTestCase {
  static let fetch =
    "* 12 FETCH (UID 45 RFC822.SIZE 1234 BODY[HEADER.FIELDS (FROM TO)] {38}\r\nFrom: a@b.example\r\nTo: c@d.example\r\n\r\n)\r\n"
    + "A3 OK Fetch completed\r\n"

  /// Feeds `input` in pieces of `size` bytes and returns the frames.
  func frames(_ input: String, pieceSize size: Int) throws -> [String] {
    let channel = EmbeddedChannel(handler: ByteToMessageHandler(IMAPFrameDecoder()))
    let bytes = Array(input.utf8)
    var start = 0
    while start < bytes.count {
      try channel.writeInbound(ByteBuffer(bytes: bytes[start..<min(start + size, bytes.count)]))
      start += size
    }
    var out: [String] = []
    while let frame = try channel.readInbound(as: [UInt8].self) { out.append(String(decoding: frame, as: UTF8.self)) }
    _ = try channel.finish()
    return out
  }

  func testLiteralKeepsItsLinesInOneFrameWhateverTheReadSizes() throws {
    let whole = try frames(Self.fetch, pieceSize: Self.fetch.utf8.count)
    XCTAssertEqual(whole.count, 2)
    XCTAssertTrue(whole.first?.hasSuffix("To: c@d.example\r\n\r\n)") ?? false, "\(whole)")
    XCTAssertEqual(whole.last, "A3 OK Fetch completed")
    for size in [1, 2, 7, 64] {
      XCTAssertEqual(try frames(Self.fetch, pieceSize: size), whole, "piece size \(size)")
    }
  }

  func testLiteralHoldingBracesAndCRLFIsNotReframed() throws {
    let header = "Subject: {5}\r\nX: y\r\n\r\n"
    let input = "* 1 FETCH (UID 9 BODY[HEADER.FIELDS (SUBJECT)] {\(header.utf8.count)}\r\n\(header))\r\nA1 OK\r\n"
    let out = try frames(input, pieceSize: 3)
    XCTAssertEqual(out.count, 2)
    let message = IMAPUntagged.fetched(Array((out.first ?? "").utf8.dropFirst(2)))
    XCTAssertEqual(message?.header.map { String(decoding: $0, as: UTF8.self) }, header)
  }

  func testHugeLiteralIsRefused() {
    XCTAssertThrowsError(try frames("* 1 FETCH (BODY[] {99999999999}\r\n", pieceSize: 100))
  }

  func testFetchResponseGivesUIDSizeAndHeader() throws {
    let frame = try XCTUnwrap(try frames(Self.fetch, pieceSize: 1000).first)
    guard case .untagged(let bytes) = IMAPResponse(frame: Array(frame.utf8)) else { return XCTFail("not untagged") }
    let message = try XCTUnwrap(IMAPUntagged.fetched(bytes))
    XCTAssertEqual(message.uid, 45)
    XCTAssertEqual(message.size, 1234)
    XCTAssertEqual(message.header.map { String(decoding: $0, as: UTF8.self) }, "From: a@b.example\r\nTo: c@d.example\r\n\r\n")
  }

  func testFetchSkipsFlagsAndReadsQuotedAndNilBodies() {
    let quoted = IMAPUntagged.fetched(Array(#"3 FETCH (FLAGS (\Seen $Forwarded) UID 8 BODY[HEADER] "To: \"x\"")"#.utf8))
    XCTAssertEqual(quoted?.uid, 8)
    XCTAssertEqual(quoted?.header.map { String(decoding: $0, as: UTF8.self) }, #"To: "x""#)
    XCTAssertEqual(IMAPUntagged.fetched(Array("3 FETCH (UID 9 BODY[HEADER] NIL)".utf8))?.header, [])
    XCTAssertNil(IMAPUntagged.fetched(Array("3 FETCH (FLAGS (\\Seen))".utf8)), "no UID: an unasked flag update")
  }

  func testMalformedFetchResponsesGiveNilNotATrap() {
    for text in ["3 FETCH (UID", "3 FETCH (UID x)", "3 FETCH (BODY[HEADER] {5}\r\nab)", "3 FETCH (UID 1 BODY[ \"unterminated",
      "3 FETCH (UID 99999999999)", "FETCH", ""]
    {
      XCTAssertNil(IMAPUntagged.fetched(Array(text.utf8)), text)
    }
  }

  func testTaggedUIDValidityAndSearchResponses() {
    XCTAssertEqual(
      IMAPResponse(frame: Array("A7 NO [AUTHENTICATIONFAILED] Authentication failed.".utf8)),
      .tagged(tag: "A7", status: .no, text: "[AUTHENTICATIONFAILED] Authentication failed."))
    XCTAssertEqual(IMAPResponse(frame: Array("+ go ahead".utf8)), .continuation)
    XCTAssertEqual(IMAPUntagged.uidValidity(Array("OK [UIDVALIDITY 3857529045] UIDs valid".utf8)), 3_857_529_045)
    XCTAssertNil(IMAPUntagged.uidValidity(Array("OK [UIDNEXT 5] next".utf8)))
    XCTAssertEqual(IMAPUntagged.searchResults(Array("SEARCH 2 84 882".utf8)), [2, 84, 882])
    XCTAssertEqual(IMAPUntagged.searchResults(Array("SEARCH".utf8)), [])
    XCTAssertNil(IMAPUntagged.searchResults(Array("5 EXISTS".utf8)))
  }

  func testSequenceSetJoinsRuns() {
    XCTAssertEqual(IMAPFolderSession.sequenceSet([10, 1, 2, 3, 7, 9, 3]), "1:3,7,9:10")
    XCTAssertEqual(IMAPFolderSession.sequenceSet([5]), "5")
  }

  func testHeaderLosesTheBlankLineThatEndsIt() {
    XCTAssertEqual(IMAPFolderSession.trimmingBlankLine(Array("To: a\r\n\r\n".utf8)), Array("To: a".utf8))
    XCTAssertEqual(IMAPFolderSession.trimmingBlankLine(Array("\r\n".utf8)), [])
  }

  func testPasswordsAreQuotedOrSentAsLiterals() {
    guard case .text(let quoted) = IMAPFolderSession.astring(#"a"b\c"#) else { return XCTFail("not quoted") }
    XCTAssertEqual(quoted, #""a\"b\\c""#)
    guard case .literal(let bytes) = IMAPFolderSession.astring("wörd") else { return XCTFail("not a literal") }
    XCTAssertEqual(bytes, Array("wörd".utf8))
  }
}
