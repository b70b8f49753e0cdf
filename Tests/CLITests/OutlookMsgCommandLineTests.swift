import Foundation
import XCTest

/// `mailaudit audit` on a folder of Outlook `.msg` files, as an officer
/// would run it on the messages dragged out of Outlook.
final class OutlookMsgCommandLineTests: XCTestCase {
  static let fixtures = CommandLineTests.root.appendingPathComponent("Tests/Fixtures/outlook/msg")

  func testAuditOfAFolderOfMsgFilesFindsTheMultiRecipientExposure() throws {
    let dir = try temporaryFolder()
    let mail = dir.appendingPathComponent("Outlook")
    try FileManager.default.createDirectory(at: mail, withIntermediateDirectories: true)
    for name in [
      "bbottema-outlook-message-parser/to-and-cc-multiple.msg", "HiraokaHyperTools-msgreader/test1.msg",
      "apache-poi/msgClassContact.msg",
    ] {
      try FileManager.default.copyItem(
        at: Self.fixtures.appendingPathComponent(name),
        to: mail.appendingPathComponent(URL(fileURLWithPath: name).lastPathComponent))
    }
    let out = dir.appendingPathComponent("reports").path
    let result = try run([
      "audit", mail.path, "--index", dir.appendingPathComponent("index.sqlite").path, "--out", out,
    ])
    XCTAssertEqual(result.status, 1, "a new finding: \(result.stdout)\(result.stderr)")
    let findings = try String(contentsOfFile: out + "/findings.csv", encoding: .utf8)
    let rows = findings.split(separator: "\n").dropFirst()
    XCTAssertEqual(rows.count, 1, findings)
    // Four private gmail.com addresses in To and Cc saw each other; Bcc did not count.
    XCTAssertTrue(rows.first?.contains("003701d5c5f4$d62d9020$8288b060$@gmail.com") == true, findings)
    XCTAssertTrue(rows.first?.contains("niklas.lindson@gmail.com") == true, findings)
    XCTAssertTrue(rows.first?.contains("to-and-cc-multiple.msg") == true, findings)
    XCTAssertFalse(findings.contains("egi.carn.carby@gmail.com"), "a Bcc recipient is not exposed")
  }
}
