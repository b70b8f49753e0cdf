import Foundation
import XCTest

@testable import MailAudit

final class AddressMaskTests: XCTestCase {
  let mask = AddressMask(key: Array(repeating: UInt8(7), count: 32))

  func testMaskKeepsTheFirstLetterAndTheDomainAndAddsAKeyedToken() {
    let masked = mask.mask("tanaka.hanako@gmail.com")
    XCTAssertTrue(masked.hasPrefix("t***@gmail.com#"), masked)
    XCTAssertEqual(masked.count, "t***@gmail.com#".count + AddressMask.tokenLength)
    XCTAssertFalse(masked.contains("tanaka"))
  }

  func testTheSameAddressInAnyCaseGetsTheSameTokenAndOthersDiffer() {
    XCTAssertEqual(mask.mask("Tanaka@Gmail.com").split(separator: "#").last, mask.mask("tanaka@gmail.com").split(separator: "#").last)
    XCTAssertNotEqual(mask.token("a@gmail.com"), mask.token("b@gmail.com"))
    let other = AddressMask(key: Array(repeating: UInt8(8), count: 32))
    XCTAssertNotEqual(mask.token("a@gmail.com"), other.token("a@gmail.com"), "another key, another token")
  }

  func testAddressesInsideProblemTextAreMasked() {
    let text = mask.maskAddresses(inText: "bad list: <x@evil.example>, (comment) y@z")
    XCTAssertFalse(text.contains("x@evil.example"))
    XCTAssertTrue(text.contains("x***@evil.example#"))
    XCTAssertTrue(text.contains("(comment)"))
  }

  /// Two runs of `report --mask` on one index, with the index closed and
  /// reopened between them, name every person with the same token.
  func testMaskedTokensAreStableAcrossRunsOfOneIndex() throws {
    let folder = try temporaryFolder(self)
    let path = folder.appendingPathComponent("index.sqlite").path
    func maskedFindings(_ out: String) throws -> String {
      let index = try AuditIndex(path: path)
      let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
      if out == "first" { _ = try auditor.scan(paths: [PackagePaths.sample.path]) }
      let dir = folder.appendingPathComponent(out)
      _ = try auditor.writeReports(to: dir, formats: ["csv", "html"], options: ReportOptions(mask: true))
      return try String(contentsOf: dir.appendingPathComponent("findings.csv"), encoding: .utf8)
    }
    let first = try maskedFindings("first")
    let second = try maskedFindings("second")
    XCTAssertEqual(first, second)
    XCTAssertTrue(first.contains("***@"))
    XCTAssertEqual(try AuditIndex(path: path).addressMask().token("a@b"), try AuditIndex(path: path).addressMask().token("a@b"))
  }

  /// Masked reports hide every address; the notification list keeps them;
  /// the summary and findings.csv use the same token for the same person.
  func testMaskedReportsHideAddressesButTheNotificationListDoesNot() throws {
    let (index, auditor) = try auditedIndex(PackagePaths.sample)
    let folder = try temporaryFolder(self)
    _ = try auditor.writeReports(to: folder, formats: ["csv", "html", "json"], options: ReportOptions(mask: true))
    let clear = try index.report()
    let mask = try index.addressMask()
    let someone = try XCTUnwrap(clear.exposedAddresses.first { $0.personal }?.address)
    let token = mask.mask(someone)
    for name in ["findings.csv", "summary.html", "findings.jsonl"] {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      for address in clear.exposedAddresses.map(\.address) {
        XCTAssertFalse(text.contains(address), "\(name) shows \(address) in clear")
      }
      XCTAssertFalse(text.contains("Suzuki Kenji"), "\(name) shows a display name")
      XCTAssertTrue(text.contains(token), "\(name) lacks the token \(token)")
    }
    let list = try String(contentsOf: folder.appendingPathComponent("exposed-addresses.csv"), encoding: .utf8)
    XCTAssertTrue(list.contains(someone))
    XCTAssertFalse(list.contains("***@"))
  }
}
