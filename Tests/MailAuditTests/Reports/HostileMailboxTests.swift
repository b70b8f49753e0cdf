import Foundation
import XCTest

@testable import MailAudit

/// The hostile mailbox's subjects, names, addresses and ids reach every
/// report escaped for the report's context: nothing runs, nothing breaks out.
final class HostileMailboxTests: XCTestCase {
  struct Written {
    var html: String
    var findingsCSV: String
    var addressesCSV: String
    var jsonLines: [String]
    var report: AuditReport
  }

  func written(options: ReportOptions = ReportOptions()) throws -> Written {
    let (index, auditor) = try auditedIndex(hostileMailbox)
    let folder = try temporaryFolder(self)
    _ = try auditor.writeReports(to: folder, formats: ["csv", "html", "json"], options: options)
    func read(_ name: String) throws -> String {
      try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
    let lines = try (read("findings.jsonl") + read("incidents.jsonl")).split(separator: "\n").map(String.init)
    return Written(
      html: try read("summary.html"), findingsCSV: try read("findings.csv"),
      addressesCSV: try read("exposed-addresses.csv"), jsonLines: lines, report: try index.report())
  }

  func testEveryHostileMessageIsAFinding() throws {
    let w = try written()
    XCTAssertEqual(w.report.findings.count, 11)
  }

  func testTheSummaryHoldsNoMarkupFromMessages() throws {
    let html = try written().html.lowercased()
    for raw in ["<script", "<img", "<svg onload", "<a href=javascript", "<b>太郎", "</title><script", "onerror=alert(4)>"] {
      XCTAssertFalse(html.contains(raw), "raw \(raw) in summary.html")
    }
    // Exactly one <title>, one <style>, and the only svg elements are the charts.
    XCTAssertEqual(html.components(separatedBy: "<title>mailaudit").count, 2)
    XCTAssertEqual(html.components(separatedBy: "</style>").count, 2)
    XCTAssertEqual(html.components(separatedBy: "<svg").count, 3)
  }

  func testTheSummaryShowsHostileTextEscaped() throws {
    let html = try written().html
    XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;"))
    XCTAssertTrue(html.contains("&quot;\\&quot;&gt;&lt;img src=x onerror=alert(4)&gt;&quot;@evil.example"))
    XCTAssertTrue(html.contains("見積書&lt;/title&gt;&lt;script&gt;"))
    XCTAssertTrue(html.contains("&lt;!-- ]]&gt; &amp;lt;script&amp;gt;"))
    // Template syntax in a subject is data, not template.
    XCTAssertTrue(html.contains("{{mustache}} {{{triple}}}"))
  }

  func testAQuoteFollowedByACombiningMarkIsStillEscaped() throws {
    let html = try written().html
    XCTAssertTrue(html.contains("&quot;&gt;&lt;svg onload=alert(8)&gt;"))
    XCTAssertFalse(html.contains("\"\u{301}"))
    XCTAssertFalse(html.contains("'\u{301}"))
  }

  func testEveryLinkStaysInsideThePage() throws {
    let html = try written().html
    let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
    XCTAssertFalse(hrefs.isEmpty)
    for href in hrefs {
      XCTAssertTrue(href.hasPrefix("#"), "link leaves the page: \(href)")
    }
    XCTAssertFalse(html.contains(" src=\""), "nothing is loaded")
    XCTAssertTrue(html.contains("default-src 'none'"))
    XCTAssertFalse(html.lowercased().contains("http-equiv=\"refresh\""))
  }

  func testControlAndBidiCharactersNeverReachTheSummary() throws {
    let html = try written().html
    for scalar in html.unicodeScalars {
      switch scalar.value {
      case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
        XCTFail("U+\(String(scalar.value, radix: 16)) in summary.html")
        return
      default: continue
      }
    }
    XCTAssertTrue(html.contains("invoice gpj.exe and isolated text"))
  }

  func testLongSubjectsAreCutInTheSummaryAndKeptWholeInTheCSV() throws {
    let w = try written()
    XCTAssertFalse(w.html.contains(String(repeating: "W", count: 301)))
    XCTAssertTrue(w.html.contains(String(repeating: "W", count: 300) + "…"))
    XCTAssertTrue(w.findingsCSV.contains(String(repeating: "W", count: 10000)))
  }

  func testCSVCellsThatSpreadsheetsWouldRunAreNeutralised() throws {
    let w = try written()
    XCTAssertTrue(w.findingsCSV.contains("\"'=HYPERLINK("))
    for cell in ["'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(1+1)"] {
      XCTAssertTrue(w.addressesCSV.contains(cell), cell)
    }
    for line in (w.findingsCSV + w.addressesCSV).split(separator: "\n") {
      for cell in line.split(separator: ",") {
        XCTAssertFalse(["=", "+", "@"].contains(cell.first), "unneutralised cell \(cell)")
      }
    }
    XCTAssertFalse(w.findingsCSV.unicodeScalars.contains("\u{0}"))
    XCTAssertFalse(w.addressesCSV.unicodeScalars.contains("\u{0}"))
  }

  func testJSONLinesParseAndCarryTheirSchema() throws {
    let w = try written()
    XCTAssertEqual(w.jsonLines.count, 22)
    for line in w.jsonLines {
      let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], line)
      let schema = try XCTUnwrap(object["schema"] as? String)
      XCTAssertTrue(["mailaudit.finding/1", "mailaudit.incident/1"].contains(schema))
    }
  }

  func testTheMaskedHostileSummaryIsEscapedToo() throws {
    let html = try written(options: ReportOptions(mask: true)).html
    XCTAssertFalse(html.lowercased().contains("<img"))
    XCTAssertTrue(html.contains("&quot;***@evil.example#"))
  }
}
