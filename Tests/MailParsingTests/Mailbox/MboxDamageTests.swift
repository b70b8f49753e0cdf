import Foundation
import XCTest

@testable import MailParsing

/// A damaged mbox is read around its damage: every message a person could
/// still read in a text editor is read, and each damaged region is one
/// located problem.
final class MboxDamageTests: XCTestCase {
  /// Three ordinary messages, each ending with the mbox's empty line.
  private let messages: [String] = (1...3).map { n in
    "From sender@corp.example Mon Mar  3 00:0\(n):00 2025\n"
      + "From: sender@corp.example\nTo: a\(n)@acme.example, b\(n)@wonka.example\nSubject: message \(n)\n"
      + "\nBody of message \(n).\n\n"
  }
  private var clean: [UInt8] { Array(messages.joined().utf8) }
  private var headers: [String] {
    (1...3).map { "From: sender@corp.example\nTo: a\($0)@acme.example, b\($0)@wonka.example\nSubject: message \($0)\n" }
  }

  private func read(_ bytes: [UInt8], blockSize: Int = 1 << 20) throws -> ReadResult {
    let folder = try ScratchFolder()
    let path = try folder.write("box.mbox", bytes: bytes)
    return try readAll(MboxReader(path: path, blockSize: blockSize))
  }

  func testNULBlockBeforeTheFirstFromIsSkippedAsOneRegion() throws {
    let damaged = [UInt8](repeating: 0, count: 4096) + clean
    for size in [1, 7, 4096, 1 << 20] {
      let result = try read(damaged, blockSize: size)
      XCTAssertEqual(result.messages.map(\.header), headers, "block size \(size)")
      XCTAssertEqual(result.messages.first?.offset, 4096, "block size \(size)")
      XCTAssertEqual(result.problemKinds, [.damagedRegion], "block size \(size)")
      XCTAssertEqual(result.problems.first?.offset, 0)
      XCTAssertEqual(
        result.problems.first?.detail,
        "bytes 0-4095 (4096 bytes) before the message at 4096: NUL bytes (a crash or power loss leaves such blocks); skipped")
    }
  }

  func testJunkBeforeTheFirstFromIsSkipped() throws {
    let damaged = Array("%%% half a line left by a crash\nmore junk\n".utf8) + clean
    let result = try read(damaged)
    XCTAssertEqual(result.messages.map(\.header), headers)
    XCTAssertEqual(result.problemKinds, [.damagedRegion])
    XCTAssertTrue(result.problems[0].detail.hasSuffix("text that is not mail; skipped"), result.problems[0].detail)
  }

  func testFromLineRightAfterNULBytesStartsTheNextMessage() throws {
    // Thunderbird after a crash: the file was extended with NULs, and the
    // next message was appended after them, with no empty line before it.
    let first = Array(messages[0].utf8)
    let cut = Array(messages[1].utf8.dropLast(1))
    let damaged = first + cut + [UInt8](repeating: 0, count: 1000) + Array(messages[2].utf8)
    for size in [1, 5, 7, 13, 4096, 1 << 20] {
      let result = try read(damaged, blockSize: size)
      XCTAssertEqual(result.messages.map(\.header), headers, "block size \(size)")
      XCTAssertEqual(result.messages[2].offset, UInt64(first.count + cut.count + 1000), "block size \(size)")
      XCTAssertEqual(result.problemKinds, [.damagedRegion], "block size \(size)")
      XCTAssertEqual(result.problems.first?.offset, UInt64(first.count + cut.count), "block size \(size)")
      XCTAssertTrue(result.problems.first?.detail.contains("1000 NUL bytes") ?? false, "block size \(size)")
    }
  }

  func testNULBlockInsideABodyIsOneProblemAndSplittingIsUnchanged() throws {
    var middle = Array(messages[1].utf8)
    middle.insert(contentsOf: [UInt8](repeating: 0, count: 3000), at: middle.count - 10)
    let damaged = Array(messages[0].utf8) + middle + Array(messages[2].utf8)
    for size in [1, 7, 4096] {
      let result = try read(damaged, blockSize: size)
      XCTAssertEqual(result.messages.map(\.header), headers, "block size \(size)")
      XCTAssertEqual(result.problemKinds, [.damagedRegion], "block size \(size)")
    }
  }

  func testStrayNULInAnMboxHeaderIsReplacedAndCounted() throws {
    var text = messages.joined()
    text = text.replacingOccurrences(of: "Subject: message 2", with: "Subject: mess\u{0}age 2")
    let result = try read(Array(text.utf8))
    XCTAssertEqual(result.messages.count, 3)
    XCTAssertEqual(result.messages[1].header, headers[1].replacingOccurrences(of: "message 2", with: "mess\u{FFFD}age 2"))
    XCTAssertEqual(result.problemKinds, [.controlCharacter])
    XCTAssertEqual(result.problems.first?.offset, result.messages[1].offset)
  }

  func testCROnlyMboxIsReadAsIfItsLinesEndedInLF() throws {
    let cr = clean.map { $0 == 0x0A ? 0x0D : $0 }
    for size in [1, 7, 4096] {
      let result = try read(cr, blockSize: size)
      let lf = try read(clean, blockSize: size)
      XCTAssertEqual(result.messages.map(\.header), lf.messages.map(\.header), "block size \(size)")
      XCTAssertEqual(result.messages.map(\.offset), lf.messages.map(\.offset), "block size \(size)")
      XCTAssertEqual(result.messages.map(\.length), lf.messages.map(\.length), "block size \(size)")
      XCTAssertEqual(result.problemKinds, [.irregularFraming], "block size \(size)")
    }
  }

  func testContentLengthThatDisagreesWithTheFromLinesIsReportedPerMessage() throws {
    // mboxcl2: each header declares its body length; two of them lie.
    let lengths = ["19", "5", "999"]
    let text = zip(messages, lengths).map { message, length in
      message.replacingOccurrences(of: "\nSubject:", with: "\nContent-Length: \(length)\nSubject:")
    }.joined()
    let result = try read(Array(text.utf8))
    XCTAssertEqual(result.messages.count, 3)
    XCTAssertEqual(result.problemKinds, [.irregularFraming, .irregularFraming])
    XCTAssertEqual(result.problems.map(\.offset), [result.messages[1].offset, result.messages[2].offset])
  }

  func testAFileOfJunkIsStillNotAnMbox() throws {
    let result = try read(Array("junk\nmore junk\nFrom nobody, no header follows\n\n".utf8))
    XCTAssertEqual(result.messages, [])
    XCTAssertEqual(result.problemKinds, [.notAMessage])
  }

  func testDiscoveryTakesAnMboxWithADamagedStartForAnMbox() throws {
    let folder = try ScratchFolder()
    try folder.write("Mail/nul-prefix", bytes: [UInt8](repeating: 0, count: 70_000) + clean)
    try folder.write("Mail/junk-prefix", bytes: Array("junk\n".utf8) + clean)
    try folder.write("Mail/short-nul-prefix", bytes: [UInt8](repeating: 0, count: 10) + clean)
    try folder.write("Mail/binary", bytes: [UInt8](repeating: 0, count: 9000) + [0x89, 0x50, 0x4E, 0x47])
    let found = MailboxDiscovery.sources(at: folder.path + "/Mail")
    XCTAssertEqual(found.sources.map { ($0 as? MboxReader).map { URL(fileURLWithPath: $0.path).lastPathComponent } }, [
      "junk-prefix", "nul-prefix", "short-nul-prefix",
    ])
    XCTAssertEqual(found.problems, [])
    XCTAssertEqual(found.skipped.map(\.kind), [SkippedFile.notMail])
  }

  func testKnownMetadataFilesAreSkippedByNameNotAsProblems() throws {
    let folder = try ScratchFolder()
    try folder.write("Mail/Sent/cur/1.x:2,S", "From: a@x.com\nTo: b@y.com\n\nbody\n")
    for name in [
      "dovecot-uidlist", "dovecot.index", "dovecot.index.cache", "dovecot.index.log", "dovecot-keywords",
      "courierimapuiddb", "maildirfolder", ".DS_Store",
    ] {
      try folder.write("Mail/Sent/\(name)", bytes: [0x00, 0x01, 0x02])
    }
    try folder.write("Mail/Sent.msf", "// <!-- <mdb:mork:z v=\"1.4\"/> -->\n")
    let found = MailboxDiscovery.sources(at: folder.path + "/Mail")
    XCTAssertEqual(found.sources.count, 1)
    XCTAssertEqual(found.problems, [])
    XCTAssertEqual(
      found.skipped.map(\.kind).sorted(),
      [
        ".DS_Store", "Thunderbird .msf", "courierimapuiddb", "dovecot-keywords", "dovecot-uidlist", "dovecot.index",
        "dovecot.index", "dovecot.index", "maildirfolder",
      ])
  }
}
