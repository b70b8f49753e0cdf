import Foundation
import XCTest

@testable import MailAudit

/// Real mail from other projects' test suites: every mailbox scans without
/// a crash, nothing in it changes, and hand-checked messages give the
/// findings worked out by hand.
final class CorpusAuditTests: XCTestCase {
  func audit(_ path: URL, insiders: [String]) throws -> AuditReport {
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(internalDomains: insiders), catalog: try testCatalog())
    _ = try auditor.scan(paths: [path.path])
    return try index.report()
  }

  /// `To: andreas.koenig@mind.de, kun@pop.combox.de, 101762.2307@compuserve.com`
  /// from specht@kulturbox.de: three organisations, one address each.
  func testHandCheckedMime4jMessageExposesThreeOrganisations() throws {
    let report = try audit(PackagePaths.fixtures.appendingPathComponent("messages/mime4j/ak-0696.msg"), insiders: ["kulturbox.de"])
    XCTAssertEqual(report.findings.count, 1)
    let f = try XCTUnwrap(report.findings.first)
    XCTAssertEqual(f.exposedAddresses, ["andreas.koenig@mind.de", "kun@pop.combox.de", "101762.2307@compuserve.com"])
    XCTAssertEqual(f.parties, 3)
    XCTAssertEqual(f.severity, .low)
    XCTAssertEqual(f.date, "1996-06-20T08:35:17+02:00")
    XCTAssertTrue(report.exposedAddresses.allSatisfy { $0.maxExposedTo == 2 })
  }

  /// notmuch's lkml corpus (GPL, read in place): Henrik Kretzschmar's
  /// `[PATCH 1/6]` To mingo@readhat.com, Cc tglx@linutronix.de,
  /// hpa@zytor.com, x86@kernel.org, tj@kernel.org, yinghai@kernel.org,
  /// ak@linux.intel.com, robert.richter@amd.com, linux-kernel@vger.kernel.org
  /// and himself: 9 external addresses of 6 parties (4 at kernel.org), medium.
  func testHandCheckedLKMLPatchExposesSixParties() throws {
    let file = PackagePaths.corpora.appendingPathComponent("notmuch/test/corpora/lkml/cur/1382298805.004613:2,")
    guard FileManager.default.fileExists(atPath: file.path) else {
      throw XCTSkip("../shared/corpora/notmuch is not beside this checkout (GPL: read in place, never copied)")
    }
    let report = try audit(file, insiders: ["nachtwindheim.de"])
    let f = try XCTUnwrap(report.findings.first)
    XCTAssertEqual(f.messageID, "1297677612-12405-1-git-send-email-henne@nachtwindheim.de")
    XCTAssertEqual(f.externalRecipients, 9)
    XCTAssertEqual(f.parties, 6)
    XCTAssertEqual(f.severity, .medium)
    XCTAssertFalse(f.reply)
    let x86 = try XCTUnwrap(report.exposedAddresses.first { $0.address == "x86@kernel.org" })
    XCTAssertEqual(x86.maxExposedTo, 5, "seen by the 5 recipients outside kernel.org")
  }

  /// Every mailbox of every corpus (the project's copies and, when present,
  /// the shared corpora) scans to the end, changes no byte, and records its
  /// problems with locations.
  func testEveryCorpusScansWithoutCrashingOrChangingAByte() throws {
    var roots = [PackagePaths.fixtures]
    if FileManager.default.fileExists(atPath: PackagePaths.corpora.path) {
      roots.append(PackagePaths.corpora)
    } else {
      print("CorpusAuditTests: ../shared/corpora is absent; scanning only Tests/Fixtures")
    }
    for root in roots {
      let before = try checksums(of: root)
      let report = try audit(root, insiders: [])
      XCTAssertGreaterThan(report.totals.messages, 50, root.path)
      XCTAssertTrue(report.problems.allSatisfy { !$0.file.isEmpty }, "every problem has a location")
      XCTAssertEqual(try checksums(of: root), before, "\(root.path) unchanged")
    }
  }
}
