import Foundation
import XCTest

@testable import MailParsing

final class GzipMailboxTests: XCTestCase {
  private func fixture(_ name: String) -> String { TestData.fixture("gzip/" + name) }

  private func key(_ messages: [ReadMessage]) -> [String] {
    messages.map { "\($0.offset)+\($0.length.map(String.init) ?? "?") \($0.header)" }
  }

  func testGzippedMboxYieldsTheMessagesOfTheUnpackedFileAtUncompressedOffsets() throws {
    let plain = try readAll(MboxReader(path: fixture("box.mbox")))
    let path = fixture("box.mbox.gz")
    let packed = try readAll(MboxReader(path: path, compression: .gzip))
    XCTAssertEqual(plain.messages.count, 3)
    XCTAssertEqual(key(packed.messages), key(plain.messages))
    XCTAssertEqual(packed.problems, [])
    XCTAssertEqual(packed.raw.map(\.location.file), [path, path, path], "the location names the .gz file")
    XCTAssertEqual(packed.raw.last?.location.description, "\(path)@\(plain.messages[2].offset)")
  }

  func testMultiMemberGzipIsReadAsOneStreamWhateverTheReadSize() throws {
    let plain = try readAll(MboxReader(path: fixture("box.mbox")))
    for blockSize in [1, 7, 4096, 1 << 20] {
      let packed = try readAll(MboxReader(
        path: fixture("multi-member.mbox.gz"), blockSize: blockSize, compression: .gzip))
      XCTAssertEqual(key(packed.messages), key(plain.messages), "block size \(blockSize)")
      XCTAssertEqual(packed.problems, [], "block size \(blockSize)")
    }
  }

  func testResumingAGzippedMboxCountsUncompressedOffsets() throws {
    let plain = try readAll(MboxReader(path: fixture("box.mbox")))
    let start = plain.messages[1].offset
    let resumed = try readAll(MboxReader(path: fixture("box.mbox.gz"), startOffset: start, compression: .gzip))
    XCTAssertEqual(key(resumed.messages), key(Array(plain.messages.dropFirst())))
  }

  func testGzippedSingleMessageIsReadWithTheGzFileAsLocation() throws {
    let path = fixture("one-message.eml.gz")
    let result = try readAll(SingleMessageReader(path: path, compression: .gzip))
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.messages.count, 1)
    XCTAssertEqual(result.raw.first?.location.format, .single)
    XCTAssertEqual(result.raw.first?.location.file, path)
    XCTAssertTrue(result.messages.first?.header.hasPrefix("From: Ops <ops@acme.example>\r\nTo: ") ?? false)
    XCTAssertTrue(result.messages.first?.header.hasSuffix("Message-ID: <gz-single@acme.example>\r\n") ?? false)
  }

  func testTruncatedGzipYieldsTheMessagesBeforeTheCutThenAProblemAtTheUncompressedOffset() throws {
    let path = fixture("truncated.mbox.gz")
    let result = try readAll(MboxReader(path: path, compression: .gzip))
    XCTAssertGreaterThan(result.messages.count, 5)
    XCTAssertLessThan(result.messages.count, 40)
    XCTAssertEqual(result.messages.map(\.offset), result.messages.map(\.offset).sorted())
    let damage = try XCTUnwrap(result.problems.last)
    XCTAssertEqual(damage.kind, .corruptArchive)
    XCTAssertEqual(damage.file, path)
    let lastStart = try XCTUnwrap(result.messages.last?.offset)
    XCTAssertGreaterThan(try XCTUnwrap(damage.offset), lastStart)
    XCTAssertTrue(damage.detail.contains("ends early"), damage.detail)
  }

  /// zlib names an opened descriptor `<fd:N>`: a number that changed from
  /// run to run (and between two indexes of the same mail) and told the
  /// reader nothing. The detail keeps only zlib's reason.
  func testAGzipProblemCarriesZlibsReasonWithoutItsDescriptorNumber() throws {
    let result = try readAll(MboxReader(path: fixture("corrupt.mbox.gz"), compression: .gzip))
    let damage = try XCTUnwrap(result.problems.last)
    XCTAssertEqual(damage.detail, "gzip: damaged compressed data (incorrect data check)")
  }

  func testDamagedGzipIsAProblemAndTheScanGoesOn() throws {
    let folder = try ScratchFolder()
    try folder.write("Mail/a-corrupt.mbox.gz", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: fixture("corrupt.mbox.gz")))))
    try folder.write("Mail/b.mbox", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: fixture("box.mbox")))))
    let found = MailboxDiscovery.sources(at: folder.path + "/Mail")
    XCTAssertEqual(found.sources.count, 2)
    var kinds: [Problem.Kind] = []
    var messages = 0
    for source in found.sources {
      let result = try readAll(source)
      kinds += result.problemKinds
      messages += result.messages.count
    }
    XCTAssertEqual(kinds, [.corruptArchive])
    XCTAssertGreaterThanOrEqual(messages, 3 + 20, "the second file, and the corrupt one up to the damage")
  }

  func testDiscoveryTellsGzipByItsMagicBytesNotItsName() throws {
    let folder = try ScratchFolder()
    let box = try Array(Data(contentsOf: URL(fileURLWithPath: fixture("box.mbox.gz"))))
    let one = try Array(Data(contentsOf: URL(fileURLWithPath: fixture("one-message.eml.gz"))))
    try folder.write("Mail/archive-2019", bytes: box)
    try folder.write("Mail/letter.bin", bytes: one)
    try folder.write("Mail/not-really.gz", "From: a@x.com\nTo: b@y.com\n\nplain text\n")
    try folder.write("Mail/notes.txt.gz", bytes: gzip("just some notes\n"))
    let found = MailboxDiscovery.sources(at: folder.path + "/Mail")
    XCTAssertEqual(found.problems, [], "gzip data holding no mail is skipped quietly while walking")
    let described = found.sources.map { source -> String in
      let name = (source.mailbox as NSString).lastPathComponent
      if let mbox = source as? MboxReader { return "mbox \(mbox.compression) \(name)" }
      if let single = source as? SingleMessageReader { return "single \(single.compression) \(name)" }
      return "other \(name)"
    }
    XCTAssertEqual(described, ["mbox gzip archive-2019", "single gzip letter.bin", "single none not-really.gz"])
  }

  func testGzipCutInsideItsFirstBytesIsReportedByDiscovery() throws {
    let folder = try ScratchFolder()
    let one = try Array(Data(contentsOf: URL(fileURLWithPath: fixture("one-message.eml.gz"))))
    try folder.write("Mail/cut.eml.gz", bytes: Array(one.prefix(12)))
    let found = MailboxDiscovery.sources(at: folder.path + "/Mail")
    XCTAssertEqual(found.sources.count, 0)
    XCTAssertEqual(found.problems.map(\.kind), [.corruptArchive])
  }

  func testGzippedMessageCutAfterItsHeaderStartIsStillReadWithAProblem() throws {
    let folder = try ScratchFolder()
    var text = "From: ops@acme.example\nTo: " + (0..<400).map { "person\($0)@client\($0).example" }.joined(separator: ", ")
    text += "\nSubject: long\n\nbody\n"
    let packed = gzip(text)
    let path = try folder.write("cut.eml.gz", bytes: Array(packed.prefix(packed.count * 2 / 3)))
    let result = try readAll(SingleMessageReader(path: path, compression: .gzip))
    XCTAssertEqual(result.messages.count, 1)
    XCTAssertTrue(result.messages.first?.header.hasPrefix("From: ops@acme.example\nTo: person0@") ?? false)
    XCTAssertEqual(result.problemKinds, [.corruptArchive])
  }

  /// gzip-compresses `text` with the system's gzip, as a user's archive would be.
  func gzip(_ text: String) -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-c", "-n"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    do { try process.run() } catch { XCTFail("gzip: \(error)"); return [] }
    input.fileHandleForWriting.write(Data(text.utf8))
    try? input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(data)
  }
}

extension GzipMailboxTests {
  func testGzippedTakeoutExportIsDiscoveredAndFilteredToSent() throws {
    let folder = try ScratchFolder()
    let takeout = try String(contentsOfFile: TestData.fixture("takeout/takeout.mbox"), encoding: .utf8)
    try folder.write("Takeout/Mail/All mail Including Spam and Trash.mbox.gz", bytes: gzip(takeout))
    let found = MailboxDiscovery.sources(at: folder.path + "/Takeout")
    XCTAssertEqual(found.problems, [])
    let source = try XCTUnwrap(found.sources.first as? MboxReader)
    XCTAssertEqual(source.compression, .gzip)
    let sent = try readAll(SentLabelFilter(source))
    XCTAssertEqual(sent.messages.count, 4)
    XCTAssertEqual(sent.raw.compactMap(\.labels).count, 4)
  }
}

extension GzipMailboxTests {
  func testMaildirFilesGzippedInPlaceAreReadThroughZlib() throws {
    let folder = try ScratchFolder()
    let header = "From: ops@acme.example\nTo: a@x.example, b@y.example\nSubject: compressed\n"
    let message = header + "\nbody\n"
    try folder.write("Maildir/cur/1700000000.M1P1.host,S=80:2,SZ", bytes: gzip(message))
    try folder.write("Maildir/cur/1700000001.M2P1.host:2,S", message)
    try folder.makeFolder("Maildir/new")
    let result = try readAll(MaildirReader(path: folder.path + "/Maildir"))
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.messages.map(\.header), [header, header])
  }
}
