import Foundation
import XCTest

@testable import MailParsing

final class MaildirReaderTests: XCTestCase {
  private let message = "From: a@x.com\nTo: b@y.com\nSubject: hi\n\nbody that is never read\n"

  func testReadsCurThenNewSortedAndNeverTmpNorDotFiles() throws {
    let folder = try ScratchFolder()
    try folder.write("Inbox/cur/2:2,S", message)
    try folder.write("Inbox/cur/1:2,S", message)
    try folder.write("Inbox/new/3", message)
    try folder.write("Inbox/tmp/4", message)
    try folder.write("Inbox/cur/.hidden", message)
    let result = try readAll(MaildirReader(path: folder.path + "/Inbox"))
    XCTAssertEqual(result.messages.map { String($0.file.dropFirst(folder.path.count)) },
                   ["/Inbox/cur/1:2,S", "/Inbox/cur/2:2,S", "/Inbox/new/3"])
    XCTAssertEqual(result.problems, [])
  }

  func testHeaderStopsAtTheBlankLineAndLocationIsMaildir() throws {
    let folder = try ScratchFolder()
    let file = try folder.write("Inbox/cur/1", message)
    let result = try readAll(MaildirReader(path: folder.path + "/Inbox"))
    XCTAssertEqual(result.messages.map(\.header), ["From: a@x.com\nTo: b@y.com\nSubject: hi\n"])
    let location = try XCTUnwrap(result.raw.first?.location)
    XCTAssertEqual(location.format, .maildir)
    XCTAssertEqual(location.mailbox, folder.path + "/Inbox")
    XCTAssertEqual(location.file, file)
    XCTAssertEqual(location.description, "cur/1")
  }

  func testHeaderOnlyFileWithoutBlankLineIsAMessage() throws {
    let folder = try ScratchFolder()
    try folder.write("M/new/1", "From: a@x.com\r\nTo: b@y.com")
    let result = try readAll(MaildirReader(path: folder.path + "/M"))
    XCTAssertEqual(result.messages.map(\.header), ["From: a@x.com\r\nTo: b@y.com"])
    XCTAssertEqual(result.problems, [])
  }

  func testHeaderLongerThanTheFirstReadIsReadWhole() throws {
    let folder = try ScratchFolder()
    let header = "From: a@x.com\n" + (0..<2000).map { "X-Line-\($0): some value here\n" }.joined()
    try folder.write("M/cur/1", header + "\nbody\n")
    let result = try readAll(MaildirReader(path: folder.path + "/M"))
    XCTAssertGreaterThan(header.utf8.count, MessageFileHeader.firstReadSize)
    XCTAssertEqual(result.messages.map(\.header), [header])
  }

  func testHeaderBeyondTheLimitIsCutWithAProblem() throws {
    let folder = try ScratchFolder()
    let header = "From: a@x.com\nX-Big: " + String(repeating: "b", count: MailboxLimits.maxHeaderBytes) + "\n"
    try folder.write("M/cur/1", header + "\nbody\n")
    let result = try readAll(MaildirReader(path: folder.path + "/M"))
    XCTAssertEqual(result.raw.first?.header.count, MailboxLimits.maxHeaderBytes)
    XCTAssertEqual(result.raw.first?.headerTruncated, true)
    XCTAssertEqual(result.problemKinds, [.headerTooLarge])
  }

  func testEmptyAndBinaryFilesAreNotMessages() throws {
    let folder = try ScratchFolder()
    try folder.write("M/cur/1-empty", "")
    try folder.write("M/cur/2-binary", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x0A, 0x00])
    try folder.write("M/cur/3-text", "just some notes\nnot mail\n")
    try folder.write("M/cur/4-mostly-nul", bytes: Array("X: \u{0}\u{0}\u{0}\u{0}\u{1}\u{2}\n\n".utf8))
    let result = try readAll(MaildirReader(path: folder.path + "/M"))
    XCTAssertEqual(result.messages, [])
    XCTAssertEqual(result.problemKinds, [.notAMessage, .notAMessage, .notAMessage, .notAMessage])
  }

  func testStrayNULInAHeaderIsReplacedAndTheMessageRead() throws {
    // patchwork's codec-null case: an ordinary mail with NULs in a parameter.
    let folder = try ScratchFolder()
    let header = "From: a@x.com\nTo: b@y.com, c@z.com\nContent-Type: text/plain; charset=\"u\u{0}\u{0}\u{0}d\"\n"
    try folder.write("M/cur/1", bytes: Array((header + "\nbody\n").utf8))
    let result = try readAll(MaildirReader(path: folder.path + "/M"))
    XCTAssertEqual(result.messages.count, 1)
    XCTAssertEqual(
      result.messages.first?.header,
      "From: a@x.com\nTo: b@y.com, c@z.com\nContent-Type: text/plain; charset=\"u\u{FFFD}\u{FFFD}\u{FFFD}d\"\n")
    XCTAssertEqual(result.problemKinds, [.controlCharacter])
    XCTAssertTrue(result.problems.first?.detail.hasPrefix("3 NUL or control bytes") ?? false)
  }

  func testEscAndShiftBytesOfRawISO2022JPHeadersAreKept() throws {
    let folder = try ScratchFolder()
    let header: [UInt8] = Array("From: a@x.com\nSubject: ".utf8) + [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x1B, 0x28, 0x42, 0x0E, 0x0F]
      + Array("\n\nbody\n".utf8)
    try folder.write("M/cur/1", bytes: header)
    let result = try readAll(MaildirReader(path: folder.path + "/M"))
    XCTAssertEqual(result.raw.first?.header, Array(header.prefix(header.count - 6)))
    XCTAssertEqual(result.problems, [])
  }

  func testMboxStyleFromLineAtTheTopOfAFileIsSkipped() throws {
    let folder = try ScratchFolder()
    try folder.write("M/cur/1", "From a@x.com Mon Jan  1 00:00:00 2024\nFrom: a@x.com\n\nbody\n")
    let result = try readAll(MaildirReader(path: folder.path + "/M"))
    XCTAssertEqual(result.messages.map(\.header), ["From: a@x.com\n"])
  }

  func testFileDeletedAfterListingIsAVanishedFileProblem() throws {
    let folder = try ScratchFolder()
    try folder.write("M/cur/1", message)
    let doomed = try folder.write("M/cur/2", message)
    let reader = MaildirReader(path: folder.path + "/M")
    let listing = try reader.messageFiles()
    try FileManager.default.removeItem(atPath: doomed)
    var problems: [Problem] = []
    var messages = 0
    reader.forEachEvent(in: listing.files) { event in
      switch event {
      case .message: messages += 1
      case .problem(let problem): problems.append(problem)
      }
    }
    XCTAssertEqual(messages, 1)
    XCTAssertEqual(problems.map(\.kind), [.vanishedFile])
    XCTAssertEqual(problems.first?.file, doomed)
  }

  func testReadingAheadOnThreadsGivesTheEventsOfAFileByFileRead() throws {
    // Reads from the disk hand the files to reader threads (ReadAhead);
    // here they are made to from the first file, with limits small enough
    // that chunks, the window and the byte budget all come into play.
    let folder = try ScratchFolder()
    for n in 0..<150 {
      let name = String(format: "M/cur/%04d", n)
      switch n % 10 {
      case 3: try folder.write(name, "just some notes\nnot mail\n")
      case 5: try folder.makeFolder(name)
      case 7: try folder.write(name, "From: a@x.com\nX-Long: " + String(repeating: "l", count: 40_000) + "\n\nbody\n")
      default: try folder.write(name, "From: a@x.com\nTo: b\(n)@y.com\nSubject: \(n)\n\nbody\n")
      }
    }
    let reader = MaildirReader(path: folder.path + "/M")
    let listing = try reader.messageFiles()
    try FileManager.default.removeItem(atPath: listing.files[42])
    func events(_ limits: ReadAheadLimits) -> [String] {
      var seen: [String] = []
      reader.forEachEvent(in: listing.files, readAhead: limits) { event in
        switch event {
        case .message(let raw): seen.append("message \(ReadMessage(raw))")
        case .problem(let problem): seen.append("problem \(problem.kind) \(problem.file) \(problem.detail)")
        }
      }
      return seen
    }
    // One block on this thread, which never finds the disk: a file-by-file read.
    var oneByOne = ReadAheadLimits(threads: 1, chunk: 1, window: 1, byteBudget: 1 << 30, probe: 1 << 20)
    oneByOne.diskReads = { nil }
    let serial = events(oneByOne)
    let ahead = events(ReadAheadLimits(threads: 3, chunk: 4, window: 16, byteBudget: 100_000, probe: nil))
    XCTAssertEqual(ahead, serial)
    XCTAssertEqual(serial.filter { $0.hasPrefix("message") }.count, 119)
    XCTAssertEqual(serial.filter { $0.hasPrefix("problem") }.count, 31)
  }

  func testDirectoryNamedLikeAMessageIsUnreadable() throws {
    let folder = try ScratchFolder()
    try folder.makeFolder("M/cur/1700000000.x:2,S")
    try folder.write("M/cur/2", message)
    let result = try readAll(MaildirReader(path: folder.path + "/M"))
    XCTAssertEqual(result.messages.count, 1)
    XCTAssertEqual(result.problemKinds, [.unreadableFile])
    XCTAssertTrue(result.problems.first?.detail.contains("directory") ?? false, "\(result.problems)")
  }

  func testDanglingSymlinkIsUnreadableNotVanished() throws {
    let folder = try ScratchFolder()
    try folder.makeFolder("M/cur")
    try FileManager.default.createSymbolicLink(
      atPath: folder.path + "/M/cur/1", withDestinationPath: folder.path + "/nowhere")
    let result = try readAll(MaildirReader(path: folder.path + "/M"))
    XCTAssertEqual(result.problemKinds, [.unreadableFile])
  }

  func testMaildirWithoutCurAndNewThrows() throws {
    let folder = try ScratchFolder()
    try folder.makeFolder("NotMaildir")
    XCTAssertThrowsError(try readAll(MaildirReader(path: folder.path + "/NotMaildir")))
  }

  func testSingleMessageReaderReadsOneFileAsSingle() throws {
    let folder = try ScratchFolder()
    let file = try folder.write("note.eml", message)
    let result = try readAll(SingleMessageReader(path: file))
    XCTAssertEqual(result.messages.map(\.header), ["From: a@x.com\nTo: b@y.com\nSubject: hi\n"])
    XCTAssertEqual(result.raw.first?.location.format, .single)
    XCTAssertEqual(result.raw.first?.location.file, file)
  }
}
