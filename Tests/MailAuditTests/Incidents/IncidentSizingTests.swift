import Crypto
import Foundation
import XCTest

@testable import MailAudit

/// Incident sizing on a built multi-batch mailbox whose numbers are worked
/// out by hand below, and on the sample mailbox against Samples/expected.json.
final class IncidentSizingTests: XCTestCase {
  /// A: the first chunk of a batch; B: the second chunk 6 hours later (same
  /// sender and subject); C: the same subject 48 hours after A (a separate
  /// send); D: a reply to A days later whose list overlaps A's.
  static let messages: [(id: String, date: String, subject: String, extra: String, to: String)] = [
    ("a@corp.example", "Tue, 01 Apr 2025 09:00:00 +0900", "Offer", "",
     "a1@alpha.example, a2@alpha.example, B1 <b1@beta.example>, p1@gmail.com"),
    ("b@corp.example", "Tue, 01 Apr 2025 15:00:00 +0900", "Offer", "",
     "c1@gamma.example, p2@yahoo.co.jp, b2@beta.example"),
    ("c@corp.example", "Thu, 03 Apr 2025 09:00:00 +0900", "Offer", "",
     "d1@delta.example, e1@epsilon.example"),
    ("d@corp.example", "Sat, 05 Apr 2025 11:00:00 +0900", "Re: Offer", "In-Reply-To: <a@corp.example>\n",
     "a1@alpha.example, b1@beta.example"),
  ]

  /// Writes the built mailbox into `folder` and returns its path.
  static func writeMailbox(in folder: URL) throws -> URL {
    var text = ""
    for m in messages {
      text += "From s@corp.example Tue Apr  1 00:00:00 2025\n"
      text += "From: Sato <s@corp.example>\nTo: \(m.to)\nSubject: \(m.subject)\nDate: \(m.date)\n"
      text += "Message-ID: <\(m.id)>\n\(m.extra)\nBody of \(m.id).\n\n"
    }
    let url = folder.appendingPathComponent("Sent.mbox")
    try Data(text.utf8).write(to: url)
    return url
  }

  func auditedIndex(_ paths: [URL], index: AuditIndex? = nil) throws -> AuditIndex {
    let index = try index ?? AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    _ = try auditor.scan(paths: paths.map(\.path))
    return index
  }

  var batchID: String { IncidentGrouping.incidentID(forEarliestKey: "a@corp.example") }
  var lateID: String { IncidentGrouping.incidentID(forEarliestKey: "c@corp.example") }

  func testBatchAndOverlappingReplyFormOneIncidentAndTheLateSendAnother() throws {
    let folder = try temporaryFolder(self)
    let index = try auditedIndex([try Self.writeMailbox(in: folder)])
    let incidents = try index.incidents()
    XCTAssertEqual(incidents.map(\.id), [batchID, lateID])
    let batch = try XCTUnwrap(try index.incidentDetail(id: batchID))
    XCTAssertEqual(batch.messages.map(\.key), ["a@corp.example", "b@corp.example", "d@corp.example"])
    XCTAssertEqual(batch.people, 7)
    XCTAssertEqual(batch.personal, 2)
    XCTAssertEqual(batch.parties, 5)
    XCTAssertEqual(batch.severity, .medium)
    XCTAssertEqual(batch.firstSent, "2025-04-01T09:00:00+09:00")
    XCTAssertEqual(batch.lastSent, "2025-04-05T11:00:00+09:00")
    let late = try XCTUnwrap(try index.incidentDetail(id: lateID))
    XCTAssertEqual([late.people, late.personal, late.parties, late.messageCount, late.exposurePairs], [2, 0, 2, 1, 2])
  }

  func testExposurePairsCountEachAddressAndOtherPartyRecipientOnce() throws {
    let index = try auditedIndex([try Self.writeMailbox(in: try temporaryFolder(self))])
    let batch = try XCTUnwrap(try index.incidentDetail(id: batchID))
    // A: a1, a2 seen by b1, p1 (2 each); b1, p1 seen by three others: 10.
    // B: three parties of one each, each seen by two: 6. D repeats a1/b1: 0.
    XCTAssertEqual(batch.exposurePairs, 16)
    let b1 = try XCTUnwrap(batch.persons.first { $0.address == "b1@beta.example" })
    XCTAssertEqual(b1.displayName, "B1")
    XCTAssertEqual(b1.messages, ["a@corp.example", "d@corp.example"])
    XCTAssertEqual(b1.seenByParties, ["alpha.example", "p1@gmail.com"])
    XCTAssertEqual(b1.seenBy, 3)
    let beta = try XCTUnwrap(batch.partyList.first { $0.party == "beta.example" })
    XCTAssertEqual(beta.exposedPeople, 2)
  }

  func testConfirmedDeletionsAreLeftOutOfTheSecondCount() throws {
    let index = try auditedIndex([try Self.writeMailbox(in: try temporaryFolder(self))])
    try index.recordFollowUps([
      FollowUpRecord(incidentID: batchID, address: "b1@beta.example", status: .deleted),
      FollowUpRecord(incidentID: batchID, address: "p1@gmail.com", status: .deleted),
      FollowUpRecord(incidentID: batchID, address: "c1@gamma.example", status: .asked),
    ])
    let batch = try XCTUnwrap(try index.incidentDetail(id: batchID))
    XCTAssertEqual(batch.people, 7)
    // a1 and a2 were seen only by b1 and p1, who deleted the message.
    XCTAssertEqual(batch.peopleUnconfirmed, 5)
    XCTAssertEqual(batch.personalUnconfirmed, 2)
    XCTAssertEqual(batch.exposurePairsUnconfirmed, 10)
    XCTAssertEqual(batch.followUps, FollowUpCounts(asked: 1, deleted: 2, noAnswer: 0, notRecorded: 4))
    XCTAssertThrowsError(
      try index.recordFollowUps([FollowUpRecord(incidentID: batchID, address: "d1@delta.example", status: .asked)]))
  }

  func testRegulatorPackComputesCostThresholdsAndDeadlines() throws {
    let index = try auditedIndex([try Self.writeMailbox(in: try temporaryFolder(self))])
    let batch = try XCTUnwrap(try index.incidentDetail(id: batchID))
    var settings = RegulatorSettings()
    settings.pricePerAddress = 10000
    settings.peopleThreshold = 6
    let discovered = try XCTUnwrap(DiscoveryTime("2025-04-07T10:00+09:00"))
    let pack = try RegulatorPack(detail: batch, settings: settings, discovered: discovered, generatedAt: "fixed")
    XCTAssertEqual(pack.cost?.amount, 70000)
    XCTAssertEqual(pack.cost?.currency, "JPY")
    XCTAssertTrue(pack.thresholds.overPeopleThreshold)
    XCTAssertFalse(pack.thresholds.overPublicBodyThreshold)
    XCTAssertTrue(pack.thresholds.mandatoryByCount)
    XCTAssertEqual(
      pack.deadlines,
      PackDeadlines(
        discovered: "2025-04-07T10:00:00+09:00", gdpr: "2025-04-10T10:00:00+09:00",
        appiPreliminary: "2025-04-12T10:00:00+09:00", appiFinal: "2025-05-07T10:00:00+09:00"))
    XCTAssertEqual(pack.appi.count, 9)
    XCTAssertEqual(pack.gdpr.filter { $0.filled == nil }.map(\.key), ["b_contact", "c_consequences"])
    // Private individuals are counted in the pack, never named.
    XCTAssertEqual(pack.parties.last?.party, "private individuals (personal-mail providers)")
    XCTAssertEqual(pack.parties.last?.exposedPeople, 2)
    XCTAssertFalse(pack.parties.contains { $0.party.contains("@") })
  }

  func testEvidenceDigestIsTheSHA256OfTheMessageWithoutItsMboxFraming() throws {
    let mbox = try Self.writeMailbox(in: try temporaryFolder(self))
    let index = try auditedIndex([mbox])
    var batch = try XCTUnwrap(try index.incidentDetail(id: batchID))
    EvidenceDigest.fill(&batch)
    let text = try String(contentsOf: mbox, encoding: .utf8)
    // The message is what lies between its `From ` line and the empty line
    // the mbox puts before the next one.
    let entries = text.components(separatedBy: "From s@corp.example ").dropFirst().map { entry -> String in
      var message = String(entry[entry.index(after: entry.firstIndex(of: "\n")!)...])
      if message.hasSuffix("\n\n") { message.removeLast() }
      return message
    }
    XCTAssertEqual(batch.messages.first?.sha256, SHA256.hash(data: Data(entries[0].utf8)).hexString)
    XCTAssertEqual(batch.messages.compactMap(\.sha256).count, 3)
  }

  func testRescanningAndScanningACopyKeepEveryIncidentIDAndCount() throws {
    let folder = try temporaryFolder(self)
    let mbox = try Self.writeMailbox(in: folder)
    let index = try auditedIndex([mbox])
    let before = try index.incidents()
    _ = try auditedIndex([mbox], index: index)
    let copy = folder.appendingPathComponent("moved/elsewhere/Sent.mbox")
    try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: mbox, to: copy)
    _ = try auditedIndex([copy], index: index)
    XCTAssertEqual(try index.incidents().map { [$0.id, "\($0.people)", "\($0.messages)"] }, before.map { [$0.id, "\($0.people)", "\($0.messages)"] })
    let fresh = try auditedIndex([copy])
    XCTAssertEqual(try fresh.incidents().map(\.id), before.map(\.id))
    XCTAssertEqual(try index.incidentDetail(id: batchID)?.exposurePairs, 16)
  }

  func testLookupNormalisesTheAddressAndNamesWhoSawIt() throws {
    let index = try auditedIndex([try Self.writeMailbox(in: try temporaryFolder(self))])
    let address = try XCTUnwrap(AddressNormalizing.normalized("A One <A1@Alpha.EXAMPLE>"))
    let result = try index.lookup(address: address)
    XCTAssertEqual(result.address, "a1@alpha.example")
    XCTAssertEqual(result.messages.map(\.messageID), ["a@corp.example", "d@corp.example"])
    XCTAssertEqual(result.messages.first?.seenByParties, ["beta.example", "p1@gmail.com"])
    XCTAssertEqual(result.messages.map(\.seenBy), [2, 1])
    XCTAssertEqual(result.incidents, [batchID])
  }

  func testIncidentFilesAreOwnerOnlyAndTheListIsNeverMasked() throws {
    let folder = try temporaryFolder(self)
    let index = try auditedIndex([try Self.writeMailbox(in: folder)])
    let batch = try XCTUnwrap(try index.incidentDetail(id: batchID))
    let pack = try RegulatorPack(detail: batch, settings: RegulatorSettings(), discovered: nil, generatedAt: "fixed")
    let written = try IncidentFiles().write(pack, into: folder.appendingPathComponent("out"))
    XCTAssertEqual(written.map(\.lastPathComponent), ["notification-list.csv", "report.html", "report.json"])
    let japanese = try RegulatorPack(
      detail: batch, settings: RegulatorSettings(), discovered: nil, generatedAt: "fixed",
      catalog: try MessageCatalog.load(.japanese))
    let withPPC = try IncidentFiles().write(pack, japanese: japanese, into: folder.appendingPathComponent("out2"))
    XCTAssertEqual(withPPC.last?.lastPathComponent, "ppc-report-ja.txt")
    for url in written {
      let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
      XCTAssertEqual(mode, 0o600, url.lastPathComponent)
    }
    let list = try String(contentsOf: written[0], encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(list.count, 8)
    XCTAssertTrue(list.contains { $0.hasPrefix("p1@gmail.com,,p1@gmail.com,true,a@corp.example,") })
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: written[2])) as? [String: Any]
    XCTAssertEqual((json?["incident"] as? [String: Any])?["exposure_pairs"] as? Int, 16)
    let html = try String(contentsOf: written[1], encoding: .utf8)
    XCTAssertTrue(html.contains("Content-Security-Policy"))
    XCTAssertTrue(html.contains("class=\"blank\""))
  }
}

/// The sample mailbox's incidents, sized.
final class SampleIncidentSizingTests: XCTestCase {
  struct Expected: Decodable {
    struct Incident: Decodable {
      var message_ids: [String?]
      var exposed_addresses: Int
      var personal: Int
      var parties: Int
      var messages: Int
      var first_date: String?
      var last_date: String?
    }
    var incidents: [Incident]
  }

  func testEverySampleIncidentHasTheSizeTheIndependentModelGives() throws {
    let index = try AuditIndex()
    _ = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog()).scan(paths: [PackagePaths.sample.path])
    let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: PackagePaths.sampleExpected))
    let incidents = try index.incidents()
    XCTAssertEqual(incidents.count, expected.incidents.count)
    var details: [IncidentDetail] = []
    for row in incidents { details.append(try XCTUnwrap(try index.incidentDetail(id: row.id))) }
    for e in expected.incidents {
      guard let ids = e.message_ids.first.flatMap({ $0 }),
        let d = details.first(where: { $0.messages.contains { $0.messageID == ids } })
      else { continue }
      XCTAssertEqual(d.messages.compactMap(\.messageID).sorted(), e.message_ids.compactMap { $0 }.sorted())
      XCTAssertEqual([d.people, d.personal, d.parties, d.messageCount], [e.exposed_addresses, e.personal, e.parties, e.messages], d.id)
      XCTAssertEqual(d.firstSent, e.first_date, d.id)
      XCTAssertEqual(d.lastSent, e.last_date, d.id)
      // A single message's pairs are its exposed_to summed.
      if d.messageCount == 1 { XCTAssertEqual(d.exposurePairs, d.persons.reduce(0) { $0 + $1.seenBy }) }
    }
    // The batch sent in three chunks: 24 people, all in disjoint lists.
    let batch = try XCTUnwrap(details.first { $0.messageCount == 3 })
    XCTAssertEqual(batch.id, IncidentGrouping.incidentID(forEarliestKey: "20250317000000.df979d8d58@mail.corp.example"))
    XCTAssertEqual(batch.exposurePairs, 150)
  }
}
