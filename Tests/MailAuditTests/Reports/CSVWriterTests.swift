import Foundation
import XCTest

@testable import MailAudit

final class CSVWriterTests: XCTestCase {
  func text(_ writer: CSVWriter) -> String { String(decoding: writer.bytes, as: UTF8.self) }

  func testQuotesCellsHoldingCommasQuotesAndLineBreaks() {
    var csv = CSVWriter()
    csv.row(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", ""])
    XCTAssertEqual(text(csv), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\n")
  }

  func testNeutralisesEveryFormulaTrigger() {
    for trigger in ["=", "+", "-", "@", "\t", "\r"] {
      XCTAssertEqual(CSVWriter.neutralised(trigger + "1+1"), "'" + trigger + "1+1", "trigger \(trigger.debugDescription)")
    }
    XCTAssertEqual(CSVWriter.neutralised("a=1"), "a=1")
    XCTAssertEqual(CSVWriter.neutralised(""), "")
    var csv = CSVWriter()
    csv.row(["=HYPERLINK(\"http://evil.example\",\"x\")"])
    XCTAssertEqual(text(csv), "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"\n")
  }

  func testExcelDialectStartsWithABOMAndEndsRowsWithCRLF() {
    var csv = CSVWriter(dialect: .excel)
    csv.row(["a", "山田"])
    csv.row(["b", "c"])
    XCTAssertEqual(Array(csv.bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
    XCTAssertEqual(String(decoding: csv.bytes.dropFirst(3), as: UTF8.self), "a,山田\r\nb,c\r\n")
  }

  func testReplacesNULAndOtherControlsButKeepsTabAndLineBreaks() {
    var csv = CSVWriter()
    csv.row(["Raw\u{0}Nul\u{7}x", "tab\tkept"])
    XCTAssertEqual(text(csv), "Raw\u{FFFD}Nul\u{FFFD}x,tab\tkept\n")
  }

  /// What Excel users get must survive a real CSV reader: Python's csv
  /// module reads back Japanese names, quotes, commas and line breaks.
  func testExcelCSVRoundTripsThroughPythonsCSVModule() throws {
    guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile)
      ?? ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map({ "\($0)/python3" })
      .first(where: FileManager.default.isExecutableFile)
    else { throw XCTSkip("python3 not found; the round trip through Python's csv module needs it") }
    let rows = [
      ["address", "display_name", "note"],
      ["yamada@docomo.ne.jp", "山田 太郎", "見積書, 第2版"],
      ["suzuki@example.jp", "鈴木 \"花子\"", "行1\r\n行2"],
      ["x@example.com", "=1+1", "@SUM(A1)"],
    ]
    var csv = CSVWriter(dialect: .excel)
    rows.forEach { csv.row($0) }
    let folder = try temporaryFolder(self)
    let file = folder.appendingPathComponent("excel.csv")
    try Data(csv.bytes).write(to: file)
    let script = """
      import csv, json, sys
      with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
          print(json.dumps(list(csv.reader(f)), ensure_ascii=False))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script, file.path]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0)
    let read = try JSONDecoder().decode([[String]].self, from: data)
    var expected = rows
    expected[3][1] = "'=1+1"
    expected[3][2] = "'@SUM(A1)"
    XCTAssertEqual(read, expected)
  }
}
