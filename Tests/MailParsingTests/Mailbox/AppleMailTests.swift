import Foundation
import XCTest

@testable import MailParsing

final class AppleMailTests: XCTestCase {
  private let message = "From: Ops <ops@acme.example>\nTo: a@client-one.example, b@client-two.example\n"
    + "Subject: Price list\nMessage-ID: <emlx-1@acme.example>\n\nPlease find the prices.\n"
  /// What Mail appends after the message: its flags as a property list.
  private let plist = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
    <plist version="1.0">
    <dict>
    \t<key>date-received</key>
    \t<integer>1704067200</integer>
    \t<key>flags</key>
    \t<integer>8590195713</integer>
    </dict>
    </plist>

    """

  /// An `.emlx`: the byte count padded as Mail writes it, the message, the plist.
  private func emlx(_ message: String) -> String {
    let count = String(message.utf8.count)
    return count + String(repeating: " ", count: max(10 - count.count, 0)) + "\n" + message + plist
  }

  func testEmlxMessageIsLocatedAfterItsCountLineAndThePlistIsIgnored() throws {
    let folder = try ScratchFolder()
    // No body: the header would run into the plist if the count were ignored.
    let headerOnly = "From: ops@acme.example\nTo: a@x.example, b@y.example\nSubject: no body"
    let path = try folder.write("1.emlx", emlx(headerOnly))
    let result = try readAll(EmlxReader(path: path))
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.messages.map(\.header), [headerOnly])
    XCTAssertEqual(result.messages.first?.offset, 11)
    XCTAssertEqual(result.messages.first?.length, UInt64(headerOnly.utf8.count))
  }

  func testEmlxWithBodyYieldsItsHeaderBlock() throws {
    let folder = try ScratchFolder()
    let path = try folder.write("2.emlx", emlx(message))
    let result = try readAll(EmlxReader(path: path))
    XCTAssertEqual(result.messages.map(\.header), [String(message.prefix(while: { $0 != "\n" })) + "\n"
      + "To: a@client-one.example, b@client-two.example\nSubject: Price list\nMessage-ID: <emlx-1@acme.example>\n"])
    XCTAssertEqual(result.raw.first?.location.description, path)
  }

  func testPartialEmlxIsReadLikeAWholeOne() throws {
    let folder = try ScratchFolder()
    let partial = "From: ops@acme.example\nTo: a@x.example\nMIME-Version: 1.0\n"
      + "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhi\n--b--\n"
    let path = try folder.write("3.partial.emlx", emlx(partial))
    let result = try readAll(EmlxReader(path: path))
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.messages.count, 1)
    XCTAssertTrue(result.messages.first?.header.hasSuffix("boundary=b\n") ?? false)
  }

  func testFileWithoutAByteCountLineIsNotAnEmlx() throws {
    let folder = try ScratchFolder()
    let path = try folder.write("4.emlx", message)
    XCTAssertEqual(try readAll(EmlxReader(path: path)).problemKinds, [.notAMessage])
  }

  func testSnifferTellsAnEmlxFromItsFirstBytes() {
    XCTAssertEqual(MailFileSniffer.judge(ArraySlice(emlx(message).utf8)), .emlx)
    XCTAssertEqual(MailFileSniffer.judge(ArraySlice("12\nnot a header\n".utf8)), .notMail("neither an mbox nor a message"))
  }

  /// ~/Library/Mail as Mail keeps it: V10/<account>/<name>.mbox/<id>/Data/…/Messages/*.emlx.
  private func makeLibrary(_ folder: ScratchFolder) throws {
    let account = "Library/Mail/V10/6F1C2A3B-0000-4000-8000-000000000001"
    let sent = account + "/Sent Messages.mbox"
    let data = sent + "/A1B2C3D4-0000-4000-8000-000000000002/Data"
    try folder.write(data + "/Messages/101.emlx", emlx(message))
    try folder.write(data + "/1/Messages/1102.partial.emlx", emlx(message))
    // An attachment part that happens to be a whole message: not read.
    try folder.write(data + "/1/Attachments/1102/2/1102.2.emlxpart", message)
    try folder.write(data + "/1/Messages/1102.2.emlxpart", message)
    try folder.write(sent + "/Info.plist", plist)
    try folder.write(sent + "/.mboxCache.plist", plist)
    try folder.write(account + "/Work.mbox/Clients.mbox/E5/Data/Messages/7.emlx", emlx(message))
    try folder.write("Library/Mail/V10/MailData/Envelope Index", bytes: Array("SQLite format 3\u{0}".utf8))
  }

  func testAppleMailLibraryGivesOneEmlxSourcePerMessageNamedByItsMailbox() throws {
    let folder = try ScratchFolder()
    try makeLibrary(folder)
    let found = MailboxDiscovery.sources(at: folder.path + "/Library/Mail")
    XCTAssertEqual(found.problems, [])
    XCTAssertTrue(found.sources.allSatisfy { $0 is EmlxReader })
    let base = folder.path + "/Library/Mail/V10/6F1C2A3B-0000-4000-8000-000000000001/"
    var located: [String] = []
    for source in found.sources {
      XCTAssertEqual(source.mailbox, (source as? EmlxReader)?.path, "one source per file, as for .eml")
      located += try readAll(source).raw.map {
        String($0.location.mailbox.dropFirst(base.count)) + " " + ($0.location.file as NSString).lastPathComponent
      }
    }
    XCTAssertEqual(located, [
      "Sent Messages.mbox 1102.partial.emlx", "Sent Messages.mbox 101.emlx", "Work.mbox/Clients.mbox 7.emlx",
    ])
  }

  func testExportedMboxFolderIsOneMboxNamedByTheFolder() throws {
    let folder = try ScratchFolder()
    let mbox = "From ops@acme.example Mon Jan  1 00:00:00 2024\n" + message + "\n"
      + "From ops@acme.example Mon Jan  2 00:00:00 2024\n" + message
    try folder.write("Export/Sent Messages.mbox/mbox", mbox)
    try folder.write("Export/Sent Messages.mbox/table_of_contents", bytes: [0x00, 0x01, 0x02, 0x03, 0x00])
    try folder.write("Export/Sent Messages.mbox/Info.plist", plist)
    for named in ["/Export", "/Export/Sent Messages.mbox"] {
      let found = MailboxDiscovery.sources(at: folder.path + named)
      XCTAssertEqual(found.problems, [], named)
      let reader = try XCTUnwrap(found.sources.first as? MboxReader, named)
      XCTAssertEqual(found.sources.count, 1, named)
      XCTAssertEqual(reader.mailbox, folder.path + "/Export/Sent Messages.mbox", named)
      XCTAssertEqual(reader.path, folder.path + "/Export/Sent Messages.mbox/mbox", named)
      XCTAssertEqual(try readAll(reader).messages.count, 2, named)
    }
  }
}
