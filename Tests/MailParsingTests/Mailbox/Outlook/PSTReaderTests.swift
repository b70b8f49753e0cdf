import Foundation
import XCTest

@testable import MailParsing

/// Paths of the Outlook store fixtures (see Tests/Fixtures/README.md).
enum PSTFixture {
  static func path(_ name: String) -> String { TestData.packageRoot + "/Tests/Fixtures/outlook/pst/" + name }

  /// A store of the shared corpus read in place; skipped when absent.
  static func corpus(_ relative: String) throws -> String { try TestData.sharedCorpus("outlook/" + relative) }

  static func read(_ path: String, _ folders: PSTReader.FolderSelection = .sentItems) throws -> ReadResult {
    try readAll(PSTReader(path: path, folders: folders))
  }

  /// Each message as `folder|NID|labels|header`, for comparing stores.
  static func summary(_ result: ReadResult) -> [String] {
    result.raw.map { raw in
      "\(raw.location.folder ?? "")|\(raw.location.offset)|\(raw.labels ?? [])|" + String(decoding: raw.header, as: UTF8.self)
    }
  }
}

final class PSTReaderTests: XCTestCase {
  func testOutlook1SentItemsAreTheSixMessagesTheStoreNamesByEntryID() throws {
    let result = try PSTFixture.read(PSTFixture.path("Outlook_1.pst"))
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.raw.map(\.location.offset), [2_097_220, 2_097_252, 2_097_284, 2_097_316, 2_097_412, 2_097_444])
    XCTAssertEqual(Set(result.raw.compactMap(\.location.folder)), ["Top of Personal Folders/Sent Items"])
    let headers = result.raw.map { MessageHeaders(parsing: $0) }
    XCTAssertEqual(headers.map(\.subject), [
      "message 1", "message 2", "check sent date of this message", "this message contains embedded MSG", "HTML body",
      "Multiple attachments",
    ])
    for header in headers {
      XCTAssertEqual(header.to.map(\.addrSpec), ["saqib.razzaq@xp.local"])
      XCTAssertEqual(header.cc.count + header.bcc.count, 0)
      XCTAssertEqual(header.from.first?.addrSpec, "saqib.razzaq@xp.local")
    }
    XCTAssertTrue(String(decoding: result.raw[0].header, as: UTF8.self).contains("Date: Tue, 21 Jun 2011 23:46:39 +0000"))
  }

  func testLocationsNameTheStoreTheFolderAndTheNID() throws {
    let path = PSTFixture.path("Outlook_1.pst")
    let first = try XCTUnwrap(PSTFixture.read(path).raw.first?.location)
    XCTAssertEqual(first.format, .pst)
    XCTAssertEqual(first.mailbox, path)
    XCTAssertEqual(first.file, path)
    XCTAssertEqual(first.identity, path + "#Top of Personal Folders/Sent Items/2097220")
    XCTAssertEqual(first.description, first.identity)
  }

  func testAllFoldersReadsEveryMailFolderButNotCalendarContactsOrSearchFolders() throws {
    let result = try PSTFixture.read(PSTFixture.path("Outlook_1.pst"), .allMailFolders)
    let byFolder = Dictionary(grouping: result.raw, by: { $0.location.folder ?? "" }).mapValues(\.count)
    XCTAssertEqual(byFolder, ["Top of Personal Folders/Inbox": 8, "Top of Personal Folders/Sent Items": 6])
  }

  func testSampleOstSentItemsAreFoundByNameWithTheirToAndCc() throws {
    let result = try PSTFixture.read(try PSTFixture.corpus(
      "aspose-email-Aspose.Email-for-.NET/Examples/Data/Outlook/SampleOstFile.ost"))
    // The cached Exchange store has no PidTagIpmSentMailEntryId: said so.
    XCTAssertEqual(result.problemKinds, [.storeNotice])
    XCTAssertTrue(result.problems[0].detail.contains("by its name"))
    let headers = result.raw.map { MessageHeaders(parsing: $0) }
    XCTAssertEqual(headers.map(\.subject), [
      "first email", "first email to saqib", "test", "xx", "newsletter copy", "RTF newsletter copy",
    ])
    XCTAssertEqual(headers.map { $0.to.map(\.addrSpec) }, [
      // "test" went to a bare `saqib.razzaq` (an SMTP row without a domain,
      // as libpff shows it): written to the header, unreadable as an address.
      ["saqib.razzaq@ex2010.local"], ["saqib.razzaq@ex2010.local"], [], ["saqib.razzaq@ex2010.local"],
      ["saqib.razzaq@ex2010.local"], ["saqib.razzaq@ex2010.local"],
    ])
    XCTAssertEqual(headers.map { $0.cc.map(\.addrSpec) }, [["Administrator@ex2010.local"], [], [], [], [], []])
  }

  func testFrenchStoreFoldersAreFoundByEntryIDNotByName() throws {
    let path = try PSTFixture.corpus("apache-tika/tika-app/src/test/resources/test-data/testPST.pst")
    let store = try PSTStore(source: PSTFileSource(path: path))
    let info = try store.storeInfo()
    XCTAssertNil(info.sentItemsNID)
    let folders = store.folders().folders
    XCTAssertEqual(folders.first { $0.nid == info.subtreeNID }?.name, "Début du fichier de données Outlook")
    XCTAssertEqual(folders.first { $0.nid == info.deletedItemsNID }?.name, "Éléments supprimés")
    // No Sent Items: nothing is read, and the notice says how to read all.
    let sent = try PSTFixture.read(path)
    XCTAssertEqual(sent.raw.count, 0)
    XCTAssertEqual(sent.problemKinds, [.storeNotice])
    XCTAssertEqual(try PSTFixture.read(path, .allMailFolders).raw.count, 7)
  }

  func testPasswordProtectedStoreIsReadAndNoted() throws {
    let result = try PSTFixture.read(PSTFixture.path("passwordprotectedPST.pst"), .allMailFolders)
    XCTAssertEqual(result.problems.first?.kind, .storeNotice)
    XCTAssertTrue(result.problems.first?.detail.contains("password") ?? false)
    XCTAssertEqual(result.raw.count, 18)
    let withBcc = try XCTUnwrap(result.raw.first { $0.location.offset == 2_097_828 })
    let headers = MessageHeaders(parsing: withBcc)
    XCTAssertEqual(headers.to.map(\.addrSpec), ["receiver1@receiver.com"])
    XCTAssertEqual(headers.cc.map(\.addrSpec), ["receiver2@receiver.com"])
    XCTAssertEqual(headers.bcc.map(\.addrSpec), ["receiver3@receiver.com"])
    // Unsent drafts carry the Drafts label, so the Sent filter leaves them out.
    XCTAssertEqual(result.raw.filter { $0.labels == [OutlookMessage.draftLabel] }.count, 6)
  }

  func testAnsiStoreIsReadWithItsOneMessage() throws {
    let store = try PSTStore(source: PSTFileSource(path: PSTFixture.path("ansi-sample2.pst")))
    XCTAssertEqual(store.database.header.format, .ansi)
    let result = try PSTFixture.read(PSTFixture.path("ansi-sample2.pst"), .allMailFolders)
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(PSTFixture.summary(result), [
      "Top of Outlook data file/Sample2|2097188|[]|From: \"Terry Mahaffey\" <terrymah@microsoft.com>\n"
        + "To: \"Terry Mahaffey\" <terrymah@microsoft.com>\nSubject: Here is a sample message\n"
        + "Date: Mon, 15 Mar 2010 17:12:05 +0000\n"
        + "Message-ID: <B2FDDB8BE384C94794441DB4A7F3D8B804AE624B@TK5EX14MBXC114.redmond.corp.microsoft.com>\n",
    ])
  }

  func testStoresReEncodedWithoutAndWithHighEncryptionGiveIdenticalMessages() throws {
    let original = PSTFixture.path("passwordprotectedPST.pst")
    for (derived, crypt) in [("passwordprotectedPST-none.pst", PSTCrypt.none), ("passwordprotectedPST-cyclic.pst", .cyclic)] {
      let store = try PSTStore(source: PSTFileSource(path: PSTFixture.path(derived)))
      XCTAssertEqual(store.database.header.crypt, crypt)
      XCTAssertEqual(
        PSTFixture.summary(try PSTFixture.read(PSTFixture.path(derived), .allMailFolders)),
        PSTFixture.summary(try PSTFixture.read(original, .allMailFolders)), derived)
    }
    XCTAssertEqual(
      PSTFixture.summary(try PSTFixture.read(PSTFixture.path("ansi-sample2-cyclic.pst"), .allMailFolders)),
      PSTFixture.summary(try PSTFixture.read(PSTFixture.path("ansi-sample2.pst"), .allMailFolders)))
  }

  func testEvidenceBytesOfAMessageAreTheSameWhateverTheCipher() throws {
    func bytes(_ name: String) throws -> [UInt8] {
      let path = PSTFixture.path(name)
      var collected: [UInt8] = []
      try MessageBytes.read(MessageLocation(format: .pst, mailbox: path, file: path, offset: 2_097_828)) {
        collected += $0
      }
      return collected
    }
    let permute = try bytes("passwordprotectedPST.pst")
    XCTAssertGreaterThan(permute.count, 1000)
    // The message's property context heap: HNHDR signature 0xEC, PC 0xBC.
    XCTAssertEqual(Array(permute[2...3]), [0xEC, 0xBC])
    XCTAssertEqual(try bytes("passwordprotectedPST-none.pst"), permute)
    XCTAssertEqual(try bytes("passwordprotectedPST-cyclic.pst"), permute)
    let other = PSTFixture.path("passwordprotectedPST.pst")
    XCTAssertThrowsError(try MessageBytes.read(MessageLocation(format: .pst, mailbox: other, file: other, offset: 0x7777_7777)) { _ in })
  }

  func testCorruptHeaderStoreGivesLocatedProblemsAndNoCrash() throws {
    let result = try PSTFixture.read(PSTFixture.path("corrupt-header-AddingBulkMessages.pst"), .allMailFolders)
    XCTAssertEqual(result.raw.count, 0)
    XCTAssertEqual(result.problems.first?.kind, .damagedRegion)
    XCTAssertEqual(result.problems.first?.offset, 4)
    XCTAssertTrue(result.problems.dropFirst().allSatisfy { $0.kind == .storeNotice || $0.offset != nil })
  }

  func testADamagedMessageBlockIsALocatedProblemAndTheOtherMessagesAreRead() throws {
    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: PSTFixture.path("Outlook_1.pst"))))
    let database = try NodeDatabase(source: PSTMemorySource(bytes))
    let node = try XCTUnwrap(try database.node(2_097_252))
    let location = try XCTUnwrap(try database.blockLocation(node.dataBID))
    // Overwrite the block's trailer: it no longer names the block.
    let stored = (location.size + 16 + 63) & ~63
    for i in 0..<16 { bytes[Int(location.offset) + stored - 16 + i] = 0xA5 }
    var result = ReadResult()
    try PSTReader.read(source: PSTMemorySource(bytes), path: "damaged.pst", folders: .sentItems) { event in
      switch event {
      case .message(let raw): result.raw.append(raw)
      case .problem(let problem): result.problems.append(problem)
      }
    }
    XCTAssertEqual(result.raw.map(\.location.offset), [2_097_220, 2_097_284, 2_097_316, 2_097_412, 2_097_444])
    XCTAssertEqual(result.problemKinds, [.damagedRegion])
    XCTAssertEqual(result.problems.first?.offset, location.offset)
    XCTAssertTrue(result.problems.first?.detail.contains("0x200064") ?? false)
  }

  func testATruncatedStoreEndsInProblemsNotACrash() throws {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: PSTFixture.path("Outlook_1.pst"))))
    for length in [0, 100, 600, 4096, 65536, 400_000, bytes.count - 1] {
      var problems = 0
      try PSTReader.read(source: PSTMemorySource(Array(bytes.prefix(length))), path: "cut.pst", folders: .allMailFolders) {
        if case .problem = $0 { problems += 1 }
      }
      if length < bytes.count / 2 { XCTAssertGreaterThan(problems, 0, "length \(length)") }
    }
  }

  func testDiscoveryFindsAStoreByItsMagicWhateverItsName() throws {
    let scratch = try ScratchFolder()
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: PSTFixture.path("Outlook_1.pst"))))
    let path = try scratch.write("backup/archive.dat", bytes: bytes)
    let found = MailboxDiscovery.sources(at: scratch.path, outlookFolders: .allMailFolders)
    XCTAssertEqual(found.sources.count, 1)
    let reader = try XCTUnwrap(found.sources.first as? PSTReader)
    XCTAssertEqual(reader.path, path)
    XCTAssertEqual(reader.folders, .allMailFolders)
    XCTAssertEqual(MailFileSniffer.judge(bytes.prefix(4096)), .outlookStore)
  }
}
