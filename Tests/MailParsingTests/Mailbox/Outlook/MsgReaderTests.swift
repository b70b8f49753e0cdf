import Foundation
import XCTest

@testable import MailParsing

/// Paths of the `.msg` fixtures copied from other projects (see
/// Tests/Fixtures/README.md).
enum MsgFixture {
  static func path(_ relative: String) -> String {
    TestData.packageRoot + "/Tests/Fixtures/outlook/msg/" + relative
  }
}

/// Real `.msg` files read through MsgReader and then the project's own
/// header parser, as a scan reads them.
final class MsgReaderTests: XCTestCase {
  /// The one message of a fixture, parsed, with the problems read on the way.
  private func read(_ relative: String) throws -> (raw: RawMessage, headers: MessageHeaders, problems: [Problem]) {
    let result = try readAll(MsgReader(path: MsgFixture.path(relative)))
    XCTAssertEqual(result.raw.count, 1, "\(relative): \(result.problems)")
    let raw = try XCTUnwrap(result.raw.first, relative)
    return (raw, MessageHeaders(parsing: raw), result.problems)
  }

  private func addresses(_ list: [Address]) -> [String] { list.map(\.addrSpec) }

  func testSentItemWithToCcAndBccGivesEachListExactly() throws {
    let (raw, headers, problems) = try read("Sicos1977-MSGReader/EmailWithAttachments.msg")
    XCTAssertEqual(addresses(headers.from), ["peterpan@neverland.com"])
    XCTAssertEqual(addresses(headers.to), ["crocodile@neverland.com"])
    XCTAssertEqual(addresses(headers.cc), ["tinkerbel@neverland.com"])
    XCTAssertEqual(addresses(headers.bcc), ["wendy@neverland.com"])
    XCTAssertEqual(headers.subject, "This is the subject")
    XCTAssertEqual(headers.date?.epochSeconds, 1_480_788_534, "PidTagClientSubmitTime 2016-12-03 18:08:54 UTC")
    XCTAssertNil(raw.labels, "sent, not a draft")
    XCTAssertEqual(problems, [])
  }

  func testReceivedCopyWithTwoToTwoCcTwoBccAndItsMessageID() throws {
    let (_, headers, problems) = try read("bbottema-outlook-message-parser/to-and-cc-multiple.msg")
    XCTAssertEqual(addresses(headers.to), ["elias.laugher@gmail.com", "niklas.lindson@gmail.com"])
    XCTAssertEqual(addresses(headers.cc), ["egi.champi.titu@gmail.com", "egi.han.tzu@gmail.com"])
    XCTAssertEqual(addresses(headers.bcc), ["egi.carn.carby@gmail.com", "egi.dink.meeker@gmail.com"])
    XCTAssertEqual(headers.messageID, "003701d5c5f4$d62d9020$8288b060$@gmail.com", "kept without its angle brackets")
    XCTAssertEqual(headers.subject, "Test E-Mail")
    XCTAssertEqual(headers.date?.epochSeconds, 1_578_468_342, "2020-01-08 07:25:42 UTC")
    // Its stored transport headers name the same To and Cc: no mismatch.
    XCTAssertEqual(problems, [])
  }

  func testExchangeRecipientsAreAuditedByTheirSMTPAddress() throws {
    let (_, headers, _) = try read("apache-poi/message_extra_hyphen_submission_chunk.msg")
    XCTAssertEqual(addresses(headers.to), ["juan.herrero@arup.com", "Adrian.Conlon@arup.com"])
    XCTAssertEqual(headers.to.map(\.displayName), ["Juan Herrero", "Adrian Conlon"])
    XCTAssertEqual(headers.messageID, "91D7215F8B3CCC459EBD30837BB13681013A82E8@n-eexc01.global.arup.com", "kept without its angle brackets")
    XCTAssertEqual(headers.subject, "Reseller Irradiant - MM Build")
    XCTAssertEqual(headers.date?.epochSeconds, 1_180_627_598, "2007-05-31 16:06:38 UTC")
    // The sender has only an X.500 DN: kept as one, for the configured map.
    XCTAssertEqual(headers.from, [])
    XCTAssertTrue(headers.problems.contains { $0.kind == .x500Address && $0.field == "from" })
  }

  func testANSIStringsAreDecodedInTheMessagesCodePage() throws {
    // PidTagMessageCodepage 1251.
    let (_, cyrillic, _) = try read("apache-poi/cyrillic_message.msg")
    XCTAssertEqual(cyrillic.subject, "Автоматический ответ подсистемы обмена данными ФГУП \"Почта России\".")
    XCTAssertEqual(addresses(cyrillic.to), ["sviridov@niips.ru"])
    XCTAssertEqual(cyrillic.to.first?.displayName, "Свиридов Дмитрий Владимирович")
    // No message code page, internet code page 50220 (the body's
    // ISO-2022-JP), locale 1041: the strings are CP932.
    let (_, japanese, problems) = try read("HiraokaHyperTools-msgreader/nonUnicodeCP932.msg")
    XCTAssertEqual(japanese.subject, "日本語 Non Unicode タイトル")
    XCTAssertEqual(problems, [])
  }

  func testARecipientWithoutAnyAddressAddsNoAddress() throws {
    // qwerty_3's To row holds only a display name.
    let (_, headers, _) = try read("aquasync-ruby-msg/qwerty_3.msg")
    XCTAssertEqual(addresses(headers.to), [])
    XCTAssertEqual(addresses(headers.cc), ["johnno@nowhere.com"])
    XCTAssertEqual(addresses(headers.bcc), ["Charles.Lowe@freehills.com"])
    XCTAssertEqual(headers.messageID, "CEB3518C2FA4D743BF752C106451B19E14944E@sydexmail1.freehills.com.au", "kept without its angle brackets")
  }

  func testUnsentDraftIsLabelledSoTheSentFilterLeavesItOut() throws {
    let (raw, headers, _) = try read("HiraokaHyperTools-msgreader/test1.msg")
    XCTAssertEqual(raw.labels, [OutlookMessage.draftLabel])
    XCTAssertEqual(addresses(headers.to), ["to@example.com"])
    XCTAssertEqual(addresses(headers.cc), ["cc@example.com"])
  }

  func testEmbeddedMessageIsNeitherReadNorMixedIntoItsParent() throws {
    let result = try readAll(MsgReader(path: MsgFixture.path("HiraokaHyperTools-msgreader/msgInMsg.msg")))
    XCTAssertEqual(result.raw.count, 1)
    let header = String(decoding: try XCTUnwrap(result.raw.first).header, as: UTF8.self)
    XCTAssertTrue(header.contains("Subject: I have attachments!"), header)
    // The attached message was sent to xmailuser@xmailserver.test.
    XCTAssertFalse(header.contains("xmailuser"), header)
    XCTAssertFalse(header.contains("To:"), header)
  }

  func testMeetingRequestIsReadAsAMessage() throws {
    let (_, headers, _) = try read("aspose-email-java/meeting-request.msg")
    XCTAssertEqual(addresses(headers.to), ["asposeemail.test3@aspose.com"])
    XCTAssertEqual(headers.subject, "Meeting with Recurring Occurrences")
  }

  func testItemsNeverSentAreNotMessages() throws {
    for (name, reason) in [
      ("apache-poi/msgClassContact.msg", "IPM.Contact"), ("aquasync-ruby-msg/note.msg", "IPM.StickyNote"),
    ] {
      let result = try readAll(MsgReader(path: MsgFixture.path(name)))
      XCTAssertEqual(result.raw.count, 0, name)
      XCTAssertEqual(result.problemKinds, [.notAMessage], name)
      XCTAssertTrue(result.problems.first?.detail.contains(reason) == true, "\(result.problems)")
    }
    // An appointment with an attendee was sent to that attendee.
    XCTAssertEqual(try readAll(MsgReader(path: MsgFixture.path("apache-poi/msgClassAppointment.msg"))).raw.count, 1)
    XCTAssertNotNil(OutlookItemClass.notAMessage("IPM.Appointment", hasRecipients: false))
    XCTAssertNil(OutlookItemClass.notAMessage("IPM.Schedule.Meeting.Request", hasRecipients: true))
    XCTAssertNil(OutlookItemClass.notAMessage("IPM.TaskRequest", hasRecipients: true))
    XCTAssertNotNil(OutlookItemClass.notAMessage("IPM.Task", hasRecipients: false))
    XCTAssertNotNil(OutlookItemClass.notAMessage("IPM.Contact ", hasRecipients: false), "padded with a space")
    XCTAssertNil(OutlookItemClass.notAMessage("IPM.Contactless", hasRecipients: false), "a class, not a prefix")
  }

  func testFuzzerCrashersFromApachePOIAreLocatedProblems() throws {
    // POI's own fuzzer crashers (and a file POI keeps for a double
    // reference): each is one damagedOutlookFile problem at the byte where
    // the damage is, and no message.
    let expected: [(String, CompoundFileError.Kind, UInt64)] = [
      ("apache-poi/clusterfuzz-testcase-minimized-POIHSMFFuzzer-4735011465854976.msg", .badSector, 21504),
      ("apache-poi/clusterfuzz-testcase-minimized-POIHSMFFuzzer-5336473854148608.msg", .badDirectory, 1536),
      ("apache-poi/unknown_properties.msg", .badDirectory, 14976),
    ]
    for (name, kind, offset) in expected {
      let path = MsgFixture.path(name)
      let result = try readAll(MsgReader(path: path))
      XCTAssertEqual(result.raw.count, 0, name)
      XCTAssertEqual(result.problemKinds, [.damagedOutlookFile], name)
      XCTAssertEqual(result.problems.first?.offset, offset, name)
      XCTAssertEqual(result.problems.first?.file, path)
      XCTAssertTrue(result.problems.first?.detail.hasPrefix(kind.rawValue) == true, "\(result.problems)")
    }
  }

  func testLocationIsTheWholeFileSoTheEvidenceHashCoversIt() throws {
    let path = MsgFixture.path("Sicos1977-MSGReader/EmailWithAttachments.msg")
    let (raw, _, _) = try read("Sicos1977-MSGReader/EmailWithAttachments.msg")
    XCTAssertEqual(raw.location, MessageLocation(format: .single, mailbox: path, file: path))
    var hashed = 0
    try MessageBytes.read(raw.location) { hashed += $0.count }
    XCTAssertEqual(hashed, try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
  }

  func testTransportHeadersThatDisagreeWithTheRecipientTableAreAProblem() {
    let message = OutlookMessage(
      recipients: [.init(kind: .to, address: "a@x.example"), .init(kind: .cc, address: "b@y.example")],
      transportHeaders: "Microsoft Mail Internet Headers Version 2.0\r\nTo: a@x.example\r\nSubject: s\r\n\r\nTo: c@z.example\r\n")
    let problem = message.recipientMismatch(file: "m.msg")
    XCTAssertEqual(problem?.kind, .recipientMismatch)
    XCTAssertEqual(problem?.detail, "recipient table To/Cc 2, transport headers To/Cc 1; only in the table: b@y.example")
    var agreeing = message
    agreeing.transportHeaders = "To: A@X.example\r\nCc: b@y.example\r\n"
    XCTAssertNil(agreeing.recipientMismatch(file: "m.msg"), "compared normalised")
  }

  func testDiscoveryFindsMsgFilesByContentAndLeavesOtherItemsOut() throws {
    let folder = try ScratchFolder()
    let copies = [
      ("Outlook/sent.dat", "Sicos1977-MSGReader/EmailWithAttachments.msg"),
      ("Outlook/contact.msg", "apache-poi/msgClassContact.msg"),
      ("Outlook/broken.msg", "apache-poi/clusterfuzz-testcase-minimized-POIHSMFFuzzer-5336473854148608.msg"),
    ]
    for (target, source) in copies {
      try folder.write(target, bytes: Array(Data(contentsOf: URL(fileURLWithPath: MsgFixture.path(source)))))
    }
    // A Compound File that is no Outlook item (as a .doc is): the image of
    // CompoundFileTests, whose root holds no properties stream.
    try folder.write("Outlook/report.doc", bytes: CompoundFileImage(version: 3).bytes)
    let found = MailboxDiscovery.sources(at: folder.path + "/Outlook")
    XCTAssertEqual(found.sources.map { ($0.mailbox as NSString).lastPathComponent }.sorted(), ["broken.msg", "sent.dat"])
    XCTAssertTrue(found.sources.allSatisfy { $0 is MsgReader })
    XCTAssertEqual(found.skipped.map { ($0.path as NSString).lastPathComponent }.sorted(), ["contact.msg", "report.doc"])
    XCTAssertEqual(found.problems, [])
    XCTAssertEqual(MailFileSniffer.sniff(path: folder.path + "/Outlook/sent.dat"), .outlookMessage)
    // Named on the command line, the contact is a problem, not a silent skip.
    XCTAssertEqual(MailboxDiscovery.sources(at: folder.path + "/Outlook/contact.msg").problems.map(\.kind), [.notAMessage])
  }
}

/// Every `.msg` of the shared Outlook corpus, read without a crash.
final class MsgCorpusTests: XCTestCase {
  func testEveryCorpusMsgIsReadOrGivesALocatedProblem() throws {
    let root = try TestData.sharedCorpus("outlook")
    let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
      .filter { $0.lowercased().hasSuffix(".msg") }.sorted()
    XCTAssertEqual(files.count, 230, "INVENTORY.md lists 230 .msg files")
    var messages = 0
    var kinds: [Problem.Kind: Int] = [:]
    for file in files {
      let result = try readAll(MsgReader(path: root + "/" + file))
      XCTAssertLessThanOrEqual(result.raw.count, 1, file)
      messages += result.raw.count
      for problem in result.problems { kinds[problem.kind, default: 0] += 1 }
      if result.raw.isEmpty {
        XCTAssertTrue(result.problemKinds.contains { $0 == .notAMessage || $0 == .damagedOutlookFile }, file)
      }
    }
    XCTAssertEqual(messages, 187)
    XCTAssertEqual(kinds[.damagedOutlookFile], 3, "the three POI files extract-msg cannot open either")
    XCTAssertEqual(kinds[.notAMessage], 40, "contacts, notes, tasks, appointments without attendees")
  }
}
