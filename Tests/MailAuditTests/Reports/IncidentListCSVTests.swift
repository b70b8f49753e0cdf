import XCTest

@testable import MailAudit

final class IncidentListCSVTests: XCTestCase {
  func testColumnsKeepTheirPositionsAndMailCannotBecomeAFormula() {
    let row = IncidentRow(
      id: "INC-1", people: 3, personal: 1, parties: 2, messages: 1, firstSent: "2025-03-03T09:00:00+09:00",
      lastSent: "2025-03-03T09:00:00+09:00", severity: .low, firstSeenRun: 1, firstSubject: "=HYPERLINK(\"x\")",
      firstSender: "s@corp.example")
    let text = String(decoding: IncidentListCSV.bytes([row]), as: UTF8.self)
    let lines = text.split(separator: "\n")
    XCTAssertEqual(
      lines[0], "id,severity,people,personal,parties,messages,first_sent,last_sent,first_subject,first_sender")
    XCTAssertTrue(lines[1].hasPrefix("INC-1,low,3,1,2,1,2025-03-03T09:00:00+09:00,2025-03-03T09:00:00+09:00,"), String(lines[1]))
    XCTAssertTrue(lines[1].contains("'=HYPERLINK"), String(lines[1]))
  }
}
