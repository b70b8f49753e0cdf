import Foundation
import XCTest

@testable import MailParsing

final class MailboxDiscoveryTests: XCTestCase {
  private let message = "From: me@x.com\nTo: a@y.com, b@z.com\nSubject: hi\n\nbody\n"
  private let mbox = "From me@x.com Mon Jan  1 00:00:00 2024\nFrom: me@x.com\nTo: a@y.com\n\nbody\n\n"
    + "From me@x.com Mon Jan  2 00:00:00 2024\nFrom: me@x.com\nTo: b@z.com\n\nbody\n"

  /// A ~/Mail holding an mbox, a Maildir with Maildir++ folders, Thunderbird
  /// and Dovecot index files, a README and a `.noindex` folder.
  private func makeMailTree(_ folder: ScratchFolder) throws {
    try folder.write("Mail/Sent.mbox", mbox)
    try folder.write("Mail/Sent.msf", "// <!-- <mdb:mork:z v=\"1.4\"/> -->\n")
    try folder.write("Mail/README", "These are my mail folders.\n")
    try folder.write("Mail/notes.txt", "Title: not mail\nAuthor: me\n")
    try folder.write("Mail/old/letter.eml", message)
    try folder.write("Mail/Maildir/cur/1:2,S", message)
    try folder.makeFolder("Mail/Maildir/new")
    try folder.write("Mail/Maildir/tmp/2", message)
    try folder.write("Mail/Maildir/dovecot-uidlist", "3 V1 N2\n")
    try folder.write("Mail/Maildir/dovecot.index.log", "binary\u{0}")
    try folder.write("Mail/Maildir/.Sent/cur/1:2,S", message)
    try folder.makeFolder("Mail/Maildir/.Sent/new")
    try folder.write("Mail/Maildir/.Sent.2024/new/1", message)
    try folder.makeFolder("Mail/Maildir/.Sent.2024/cur")
    try folder.write("Mail/Maildir/.Junk/cur/1", message)
    try folder.write("Mail/Maildir/.Junk/.noindex", "")
    try folder.write("Mail/.notmuch/xapian/record.glass", "x")
    try folder.write("Mail/archive/.noindex", "")
    try folder.write("Mail/archive/box.mbox", mbox)
  }

  private func describe(_ sources: [any MailboxSource], relativeTo base: String) -> [String] {
    sources.map { source in
      let kind = source is MboxReader ? "mbox" : source is MaildirReader ? "maildir" : "single"
      return kind + " " + String(source.mailbox.dropFirst(base.count))
    }
  }

  func testMailTreeGivesMboxMaildirMaildirPlusPlusAndSingleInSortedOrder() throws {
    let folder = try ScratchFolder()
    try makeMailTree(folder)
    let found = MailboxDiscovery.sources(at: folder.path + "/Mail")
    XCTAssertEqual(describe(found.sources, relativeTo: folder.path), [
      "maildir /Mail/Maildir",
      "maildir /Mail/Maildir/.Sent",
      "maildir /Mail/Maildir/.Sent.2024",
      "mbox /Mail/Sent.mbox",
      "single /Mail/old/letter.eml",
    ])
    XCTAssertEqual(found.problems, [], "stray non-mail files in a walked folder are skipped quietly")
  }

  func testSourcesOfAMailTreeYieldEveryMessageOnce() throws {
    let folder = try ScratchFolder()
    try makeMailTree(folder)
    var count = 0
    for source in MailboxDiscovery.sources(at: folder.path + "/Mail").sources {
      count += try readAll(source).messages.count
    }
    XCTAssertEqual(count, 2 + 1 + 1 + 1 + 1)
  }

  func testReadingNeverChangesAnyFile() throws {
    let folder = try ScratchFolder()
    try makeMailTree(folder)
    let before = try checksums(under: folder.path)
    for source in MailboxDiscovery.sources(at: folder.path + "/Mail").sources {
      _ = try readAll(source)
    }
    let after = try checksums(under: folder.path)
    XCTAssertEqual(before.count, 16)
    XCTAssertEqual(before, after)
  }

  func testFileNamedByTheUserIsClassifiedOrReported() throws {
    let folder = try ScratchFolder()
    let box = try folder.write("box", mbox)
    let eml = try folder.write("one.eml", message)
    let readme = try folder.write("README", "Hello\n")
    XCTAssertTrue(MailboxDiscovery.sources(at: box).sources.first is MboxReader)
    XCTAssertTrue(MailboxDiscovery.sources(at: eml).sources.first is SingleMessageReader)
    let notMail = MailboxDiscovery.sources(at: readme)
    XCTAssertEqual(notMail.sources.count, 0)
    XCTAssertEqual(notMail.problems.map(\.kind), [.notAMessage])
  }

  func testMissingPathIsAProblem() {
    let found = MailboxDiscovery.sources(at: "/nonexistent/mailaudit/Mail")
    XCTAssertEqual(found.sources.count, 0)
    XCTAssertEqual(found.problems.map(\.kind), [.unreadableFile])
  }

  func testSymlinkLoopIsWalkedOnce() throws {
    let folder = try ScratchFolder()
    try folder.write("Mail/a/box.mbox", mbox)
    try FileManager.default.createSymbolicLink(
      atPath: folder.path + "/Mail/a/loop", withDestinationPath: folder.path + "/Mail")
    let found = MailboxDiscovery.sources(at: folder.path + "/Mail")
    XCTAssertEqual(describe(found.sources, relativeTo: folder.path), ["mbox /Mail/a/box.mbox"])
  }

  func testFileVanishedAfterDiscoveryIsAProblemWhenRead() throws {
    let folder = try ScratchFolder()
    let eml = try folder.write("Mail/one.eml", message)
    let found = MailboxDiscovery.sources(at: folder.path + "/Mail")
    try FileManager.default.removeItem(atPath: eml)
    let result = try readAll(try XCTUnwrap(found.sources.first))
    XCTAssertEqual(result.problemKinds, [.vanishedFile])
  }

  func testSnifferTellsMboxMessageAndOtherText() {
    XCTAssertEqual(MailFileSniffer.judge(ArraySlice("\n\nFrom x\n".utf8)), .mbox)
    XCTAssertEqual(MailFileSniffer.judge(ArraySlice("Received: by x\nTo: a@b.c\n".utf8)), .message)
    XCTAssertEqual(MailFileSniffer.judge(ArraySlice("Title: x\nAuthor: y\n\nFrom: z\n".utf8)),
                   .notMail("header-like text without mail fields"))
    XCTAssertEqual(MailFileSniffer.judge(ArraySlice([0x46, 0x00])), .notMail("binary data (NUL bytes)"))
  }
}
