import Foundation
import XCTest

@testable import MailParsing

/// Folders of exported messages (.eml and whatever else users name them),
/// and every new source read without changing a byte.
final class SingleMessageDiscoveryTests: XCTestCase {
  private let plain = "From: Ops <ops@acme.example>\nTo: a@client-one.example, b@client-two.example\nSubject: hi\n\nbody\n"
  /// Outlook's "Save as" starts with its own fields before From.
  private let outlook = "Thread-Topic: Prices\r\nThread-Index: AQHaAbCdEf==\r\nContent-Type: text/plain; charset=\"utf-8\"\r\n"
    + "From: Ops <ops@acme.example>\r\nTo: a@client-one.example; b@client-two.example\r\n\r\nbody\r\n"

  func testEveryFileHoldingOneMessageIsReadWhateverItsName() throws {
    let folder = try ScratchFolder()
    let names = ["a.eml", "b.EML", "c.txt", "d", "e.msg", "f.mail", "g.eml.bak", "h.", "1700000000.M1P2.host"]
    for name in names { try folder.write("Export/" + name, plain) }
    try folder.write("Export/outlook/Prices.eml", outlook)
    try folder.write("Export/bom.eml", bytes: ByteCode.byteOrderMark + Array(plain.utf8))
    try folder.write("Export/deep/er/still.message", plain)
    // Not mail: skipped quietly while walking.
    try folder.write("Export/index.json", "{\"messages\": 12}\n")
    try folder.write("Export/page.html", "<html><body>From: me</body></html>\n")
    try folder.write("Export/photo.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10])
    try folder.write("Export/empty.eml", "")

    let found = MailboxDiscovery.sources(at: folder.path + "/Export")
    XCTAssertEqual(found.problems, [])
    XCTAssertTrue(found.sources.allSatisfy { $0 is SingleMessageReader })
    let read = try found.sources.map { source -> String in
      let result = try readAll(source)
      XCTAssertEqual(result.problems, [], source.mailbox)
      XCTAssertEqual(result.messages.count, 1, source.mailbox)
      return String(source.mailbox.dropFirst(folder.path.count + "/Export/".count))
    }
    XCTAssertEqual(read, [
      "1700000000.M1P2.host", "a.eml", "b.EML", "bom.eml", "c.txt", "d", "deep/er/still.message", "e.msg",
      "f.mail", "g.eml.bak", "h.", "outlook/Prices.eml",
    ])
  }

  func testOutlookSavedMessageIsRecognisedByItsFields() {
    XCTAssertEqual(MailFileSniffer.judge(ArraySlice(outlook.utf8)), .message)
  }

  func testReadingEveryNewKindOfSourceChangesNoFile() throws {
    let folder = try ScratchFolder()
    for name in ["takeout/takeout.mbox", "gzip/box.mbox.gz", "gzip/multi-member.mbox.gz", "gzip/one-message.eml.gz",
                 "gzip/truncated.mbox.gz", "gzip/corrupt.mbox.gz"] {
      let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: TestData.fixture(name))))
      try folder.write("Mail/" + name, bytes: bytes)
    }
    try folder.write("Mail/odd/letter.txt", plain)
    try folder.write("Mail/Sent.mbox/Data/Messages/1.emlx", "\(plain.utf8.count)\n" + plain + "<?xml version=\"1.0\"?>\n<plist/>\n")
    try folder.write("Mail/Export.mbox/mbox", "From x Mon Jan  1 00:00:00 2024\n" + plain)
    let before = try checksums(under: folder.path)
    let attributesBefore = try modificationDates(under: folder.path)
    let found = MailboxDiscovery.sources(at: folder.path + "/Mail")
    XCTAssertEqual(found.sources.count, 9)
    var messages = 0
    for source in found.sources { messages += try readAll(SentLabelFilter(source)).messages.count }
    XCTAssertGreaterThan(messages, 4 + 3 + 3 + 1 + 3)
    XCTAssertEqual(before.count, 9)
    XCTAssertEqual(try checksums(under: folder.path), before)
    XCTAssertEqual(try modificationDates(under: folder.path), attributesBefore)
  }

  private func modificationDates(under path: String) throws -> [String: Date] {
    var result: [String: Date] = [:]
    for relative in try FileManager.default.subpathsOfDirectory(atPath: path) {
      let attributes = try FileManager.default.attributesOfItem(atPath: path + "/" + relative)
      result[relative] = attributes[.modificationDate] as? Date
    }
    return result
  }
}
